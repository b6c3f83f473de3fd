// uv tools and uv-managed Pythons. uv itself is not installable offline here, so the layouts are made the
// way uv makes them: a real venv with real pip-installed wheels plus the uv-receipt.toml uv writes
// (crates/uv-tool/src/tool.rs), and a Python directory named by uv's installation key with the
// EXTERNALLY-MANAGED file uv writes into its stdlib dir.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanContext } from '../../../src/context/scan-context.js';
import { uvPythonLocator, uvToolLocator } from '../../../src/discover/uv.js';

const run = promisify(execFile);
const PY = '/usr/bin/python3';
const MAKE_WHEEL = path.resolve(__dirname, '../../helpers/py/make_wheel.py');
const PYENV_312 = '/root/.pyenv/versions/3.12.1/bin/python3.12';

let tmp: string;
let home: string;
let wheels: string;
const pipEnv = () => ({ PATH: '/usr/bin:/bin', PIP_NO_INDEX: '1', PIP_FIND_LINKS: wheels, PIP_DISABLE_PIP_VERSION_CHECK: '1' });

function receipt(bin: string): string {
  return `[tool]
requirements = [{ name = "uv-demo", specifier = ">=1" }]
python = "3.11"
entrypoints = [
    { name = "uv-demo", install-path = "${bin}/uv-demo", from = "uv-demo" },
    { name = "uv-demo-gone", install-path = "${bin}/uv-demo-gone", from = "uv-demo" },
]
`;
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'pyenvtui-uv-'));
  home = path.join(tmp, 'home');
  wheels = path.join(tmp, 'wheels');
  mkdirSync(wheels, { recursive: true });
  const spec = [{ name: 'uv-demo', version: '1.4.0', console_scripts: { 'uv-demo': 'uv_demo:main' },
    files: { 'uv_demo/__init__.py': 'def main():\n    pass\n' } }];
  writeFileSync(path.join(tmp, 'spec.json'), JSON.stringify(spec));
  await run(PY, [MAKE_WHEEL, '--out', wheels, '--spec', path.join(tmp, 'spec.json')]);

  // A tool under the default dir, its command linked into ~/.local/bin.
  const tools = path.join(home, '.local/share/uv/tools');
  const bin = path.join(home, '.local/bin');
  mkdirSync(bin, { recursive: true });
  const tool = path.join(tools, 'uv-demo');
  await run(PY, ['-m', 'venv', tool]);
  await run(path.join(tool, 'bin/python'), ['-m', 'pip', 'install', '-q', 'uv-demo'], { env: pipEnv() });
  writeFileSync(path.join(tool, 'uv-receipt.toml'), receipt(bin));
  symlinkSync(path.join(tool, 'bin/uv-demo'), path.join(bin, 'uv-demo'));
  // A broken receipt, and uv's lock file beside the tools.
  await run(PY, ['-m', 'venv', '--without-pip', path.join(tools, 'broken')]);
  writeFileSync(path.join(tools, 'broken/uv-receipt.toml'), '[tool\nrequirements = ');
  writeFileSync(path.join(tools, '.lock'), '');
  // A receipt naming something that is not a package name.
  await run(PY, ['-m', 'venv', '--without-pip', path.join(tools, 'evil')]);
  writeFileSync(path.join(tools, 'evil/uv-receipt.toml'), '[tool]\nrequirements = [{ name = "x; rm -rf ~" }]\nentrypoints = []\n');

  // A uv Python: key-named dir, interpreter, stdlib marker, a site-packages with one real install.
  const pyDir = path.join(home, '.local/share/uv/python');
  const inst = path.join(pyDir, 'cpython-3.12.1-linux-x86_64-gnu');
  mkdirSync(path.join(inst, 'bin'), { recursive: true });
  mkdirSync(path.join(inst, 'lib/python3.12/site-packages'), { recursive: true });
  symlinkSync(PYENV_312, path.join(inst, 'bin/python3.12'));
  symlinkSync('python3.12', path.join(inst, 'bin/python3'));
  symlinkSync('python3.12', path.join(inst, 'bin/python'));
  writeFileSync(path.join(inst, 'lib/python3.12/EXTERNALLY-MANAGED'),
    '[externally-managed]\nError=This Python installation is managed by uv and should not be modified.\n');
  await run(PY, ['-m', 'pip', 'install', '-q', '--no-deps', '--target', path.join(inst, 'lib/python3.12/site-packages'), 'uv-demo'], { env: pipEnv() });
  // uv ≥ 0.8 adds a minor-version link; uv keeps .lock/.temp/.cache entries there too.
  symlinkSync('cpython-3.12.1-linux-x86_64-gnu', path.join(pyDir, 'cpython-3.12-linux-x86_64-gnu'));
  mkdirSync(path.join(pyDir, '.temp'));
  writeFileSync(path.join(pyDir, '.lock'), '');
  symlinkSync('nowhere', path.join(pyDir, 'cpython-3.9.0-linux-x86_64-gnu'));
}, 240_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const ctxFor = (env: Record<string, string> = {}) => new ScanContext({ root: '/', env: { HOME: home, ...env }, home, platform: 'linux' });

describe('uv tool locator', () => {
  it('finds a tool venv with its receipt, installed version and entrypoint links', async () => {
    const ctx = ctxFor();
    const r = await uvToolLocator.locate(ctx);
    expect(r.environments.map((e) => e.name).sort()).toEqual(['broken', 'evil', 'uv-demo']);
    const t = r.environments.find((e) => e.name === 'uv-demo')!;
    expect(t.kind).toBe('uv-tool');
    expect(t.health).toEqual({ ok: true, problems: [] });
    expect(t.python.version).toBe('3.11.2');
    expect(t.meta).toMatchObject({ mainPackage: 'uv-demo', version: '1.4.0', python: '3.11', binDir: path.join(home, '.local/bin') });
    expect(t.meta!.entrypoints).toEqual([
      expect.objectContaining({ name: 'uv-demo', exists: true, pointsIntoVenv: true, from: 'uv-demo' }),
      expect.objectContaining({ name: 'uv-demo-gone', exists: false, pointsIntoVenv: false }),
    ]);
    expect(t.packages.find((p) => p.name === 'uv-demo')).toMatchObject({ version: '1.4.0', scripts: ['uv-demo'] });
    expect(ctx.spawns).toBe(0);
  });

  it('lists a tool with a corrupt receipt, with the reason', async () => {
    const r = await uvToolLocator.locate(ctxFor());
    const b = r.environments.find((e) => e.name === 'broken')!;
    expect(b.health.ok).toBe(false);
    expect(b.health.problems.join()).toMatch(/uv-receipt.toml is corrupt: invalid TOML/);
  });

  it('honours UV_TOOL_DIR and XDG_DATA_HOME', async () => {
    expect((await uvToolLocator.locate(ctxFor({ UV_TOOL_DIR: path.join(tmp, 'nope') }))).environments).toEqual([]);
    const r = await uvToolLocator.locate(ctxFor({ XDG_DATA_HOME: path.join(home, '.local/share') }));
    expect(r.environments.map((e) => e.name)).toContain('uv-demo');
  });

  it('does not pass on a main package name that is not a valid distribution name', async () => {
    const r = await uvToolLocator.locate(ctxFor());
    const e = r.environments.find((x) => x.name === 'evil')!;
    expect(e.meta!.mainPackage).toBeNull();
    expect(e.health.problems.join()).toMatch(/invalid package/);
  });
});

describe('uv python locator', () => {
  it('finds a uv Python once, with its version from the key, externally managed, and its packages', async () => {
    const ctx = ctxFor();
    const r = await uvPythonLocator.locate(ctx);
    expect(r.environments).toHaveLength(1);
    const p = r.environments[0]!;
    expect(p.kind).toBe('uv-python');
    expect(p.name).toBe('cpython-3.12.1-linux-x86_64-gnu');
    expect(p.python.version).toBe('3.12.1');
    expect(p.python.executable).toMatch(/cpython-3.12.1-linux-x86_64-gnu\/bin\/python/);
    expect(p.externallyManaged).toBe(true);
    expect(p.markerPath).toBe(path.join(home, '.local/share/uv/python/cpython-3.12.1-linux-x86_64-gnu/lib/python3.12/EXTERNALLY-MANAGED'));
    expect(p.meta).toMatchObject({ implementation: 'cpython', arch: 'x86_64', libc: 'gnu' });
    expect(p.packages.map((d) => [d.name, d.version, d.scope])).toEqual([['uv-demo', '1.4.0', 'env']]);
    expect(r.problems).toEqual([expect.objectContaining({ locator: 'uv-python', message: expect.stringMatching(/dangling/) })]);
    expect(ctx.spawns).toBe(0);
  });

  it('honours UV_PYTHON_INSTALL_DIR', async () => {
    const r = await uvPythonLocator.locate(ctxFor({ UV_PYTHON_INSTALL_DIR: path.join(tmp, 'none') }));
    expect(r.environments).toEqual([]);
    expect(r.problems).toEqual([]);
  });
});
