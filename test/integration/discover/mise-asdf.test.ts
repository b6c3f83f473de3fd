// mise and asdf Python installs in a sandbox HOME, laid out as the tools lay them out (installs/python/<ver>,
// mise's alias links), with packages installed by real pip.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanContext } from '../../../src/context/scan-context.js';
import { asdfLocator, miseLocator } from '../../../src/discover/mise-asdf.js';

const run = promisify(execFile);
const PY = '/usr/bin/python3';
const MAKE_WHEEL = path.resolve(__dirname, '../../helpers/py/make_wheel.py');
let tmp: string;
let home: string;

async function install(prefix: string, minor: string, base: string, wheels: string): Promise<void> {
  mkdirSync(path.join(prefix, 'bin'), { recursive: true });
  const site = path.join(prefix, `lib/python${minor}/site-packages`);
  mkdirSync(site, { recursive: true });
  symlinkSync(base, path.join(prefix, `bin/python${minor}`));
  symlinkSync(`python${minor}`, path.join(prefix, 'bin/python3'));
  await run(PY, ['-m', 'pip', 'install', '-q', '--no-deps', '--target', site, 'ma-demo'], {
    env: { PATH: '/usr/bin:/bin', PIP_NO_INDEX: '1', PIP_FIND_LINKS: wheels, PIP_DISABLE_PIP_VERSION_CHECK: '1' },
  });
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'pyenvtui-mise-'));
  home = path.join(tmp, 'home');
  const wheels = path.join(tmp, 'wheels');
  mkdirSync(wheels, { recursive: true });
  writeFileSync(path.join(tmp, 'spec.json'), JSON.stringify([{ name: 'ma-demo', version: '0.1.0', files: { 'ma_demo.py': '' } }]));
  await run(PY, [MAKE_WHEEL, '--out', wheels, '--spec', path.join(tmp, 'spec.json')]);
  const mise = path.join(home, '.local/share/mise/installs/python');
  await install(path.join(mise, '3.12.1'), '3.12', '/root/.pyenv/versions/3.12.1/bin/python3.12', wheels);
  symlinkSync('./3.12.1', path.join(mise, '3.12'));
  symlinkSync('./3.12.1', path.join(mise, 'latest'));
  symlinkSync('./3.99.0', path.join(mise, '3.99'));
  const asdf = path.join(home, '.asdf/installs/python');
  await install(path.join(asdf, '3.11.7'), '3.11', '/root/.pyenv/versions/3.11.7/bin/python3.11', wheels);
  // PyPy names carry the release number; the version comes from its patchlevel.h.
  mkdirSync(path.join(asdf, 'pypy3.10-7.3.17/bin'), { recursive: true });
  mkdirSync(path.join(asdf, 'pypy3.10-7.3.17/include/pypy3.10'), { recursive: true });
  writeFileSync(path.join(asdf, 'pypy3.10-7.3.17/bin/pypy3'), '');
  writeFileSync(path.join(asdf, 'pypy3.10-7.3.17/include/pypy3.10/patchlevel.h'), '#define PY_VERSION "3.10.14"\n#define PYPY_VERSION "7.3.17"\n');
  writeFileSync(path.join(home, '.tool-versions'), 'nodejs 20.1.0\npython 3.11.7 3.12  # two\n');
}, 120_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const ctxFor = (env: Record<string, string> = {}) => new ScanContext({ root: '/', env: { HOME: home, ...env }, home, platform: 'linux' });

describe('mise locator', () => {
  it('lists an install once with its alias links, version, packages and active flag', async () => {
    const ctx = ctxFor();
    const r = await miseLocator.locate(ctx);
    expect(r.environments).toHaveLength(1);
    const e = r.environments[0]!;
    expect(e).toMatchObject({ kind: 'mise', name: '3.12.1', python: { version: '3.12.1' } });
    expect(e.prefix).toBe(path.join(home, '.local/share/mise/installs/python/3.12.1'));
    expect(e.meta).toMatchObject({ aliases: ['3.12', 'latest'], active: true, activeSource: path.join(home, '.tool-versions') });
    expect(e.packages.map((p) => [p.name, p.version])).toEqual([['ma-demo', '0.1.0']]);
    expect(r.problems).toEqual([expect.objectContaining({ path: path.join(home, '.local/share/mise/installs/python/3.99') })]);
    expect(ctx.spawns).toBe(0);
  });

  it('honours MISE_DATA_DIR', async () => {
    const r = await miseLocator.locate(ctxFor({ MISE_DATA_DIR: path.join(tmp, 'elsewhere') }));
    expect(r.environments).toEqual([]);
  });
});

describe('asdf locator', () => {
  it('lists CPython and PyPy installs with their versions', async () => {
    const r = await asdfLocator.locate(ctxFor());
    const got = r.environments.map((e) => [e.kind, e.name, e.python.version, e.meta!.active]).sort();
    expect(got).toEqual([
      ['asdf', '3.11.7', '3.11.7', true],
      ['asdf', 'pypy3.10-7.3.17', '3.10.14', false],
    ]);
    const cp = r.environments.find((e) => e.name === '3.11.7')!;
    expect(cp.health).toEqual({ ok: true, problems: [] });
    expect(cp.packages.map((p) => p.name)).toEqual(['ma-demo']);
  });

  it('honours ASDF_DATA_DIR', async () => {
    expect((await asdfLocator.locate(ctxFor({ ASDF_DATA_DIR: path.join(tmp, 'none') }))).environments).toEqual([]);
  });
});
