// The Poetry that manages Poetry venvs, with its version (#11: PET reports the manager). Real pipx
// (Debian's 1.1) installs a wheel named poetry 1.8.3 offline into a sandbox HOME, exactly as it installs
// Poetry from PyPI (its venv, its dist-info, the ~/.local/bin link); pyenvtui's answer is compared with
// what `pipx list --json` says. A Poetry venv made by python -m venv in Poetry's cache dir is the env.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanContext } from '../../../src/context/scan-context.js';
import { scan } from '../../../src/discover/index.js';

const run = promisify(execFile);
const PY = '/usr/bin/python3';
const MAKE_WHEEL = path.resolve(__dirname, '../../helpers/py/make_wheel.py');
let tmp: string;
let home: string;
let env: Record<string, string>;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'pyenvtui-toolmgr-'));
  home = path.join(tmp, 'home');
  const wheels = path.join(tmp, 'wheels');
  mkdirSync(home);
  mkdirSync(wheels);
  const spec = [{ name: 'poetry', version: '1.8.3', console_scripts: { poetry: 'poetry_stub:main' }, files: { 'poetry_stub/__init__.py': 'def main():\n    print("Poetry (version 1.8.3)")\n' } }];
  writeFileSync(path.join(tmp, 'spec.json'), JSON.stringify(spec));
  await run(PY, [MAKE_WHEEL, '--out', wheels, '--spec', path.join(tmp, 'spec.json')]);
  env = { PATH: `${home}/.local/bin:/usr/bin:/bin`, HOME: home, PIP_NO_INDEX: '1', PIP_FIND_LINKS: wheels, PIP_DISABLE_PIP_VERSION_CHECK: '1' };
  await run('/usr/bin/pipx', ['install', 'poetry'], { env });
  await run(PY, ['-m', 'venv', '--without-pip', `${home}/.cache/pypoetry/virtualenvs/app-Ab12Cd34-py3.11`]);
}, 240_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('Poetry as manager', () => {
  it("is the pipx-installed poetry on PATH, with the version pipx reports", async () => {
    const listed = JSON.parse((await run('/usr/bin/pipx', ['list', '--json'], { env })).stdout) as { venvs: Record<string, { metadata: { main_package: { package_version: string } } }> };
    const version = listed.venvs.poetry!.metadata.main_package.package_version;
    expect(version).toBe('1.8.3');
    const ctx = new ScanContext({ root: '/', env, home, platform: 'linux' });
    const inv = await scan(ctx);
    const e = inv.environments.find((x) => x.prefix === `${home}/.cache/pypoetry/virtualenvs/app-Ab12Cd34-py3.11`)!;
    expect(e).toMatchObject({ kind: 'poetry', name: 'app' });
    expect(e.manager).toEqual({ tool: 'poetry', version, executable: `${home}/.local/bin/poetry` });
    expect(ctx.spawns).toBe(0);
  });

  it("not on PATH: found in pipx's venv, one of the places PET looks (with no poetry at all the version is null: pet-kinds.test.ts)", async () => {
    // A PATH with no poetry on it (Debian's python3-poetry, which the test command installs, is in /usr/bin).
    const bare = path.join(home, 'bare-bin');
    mkdirSync(bare, { recursive: true });
    const inv = await scan(new ScanContext({ root: '/', env: { ...env, PATH: bare }, home, platform: 'linux' }));
    const e = inv.environments.find((x) => x.kind === 'poetry')!;
    expect(e.manager).toEqual({ tool: 'poetry', version: '1.8.3', executable: `${home}/.local/pipx/venvs/poetry/bin/poetry` });
  });
});
