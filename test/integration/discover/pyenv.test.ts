// pyenv locator: the machine's real pyenv (/root/.pyenv), PET's pyenv fixture layout, and real
// pyenv-virtualenv envs made with real venvs in a sandbox PYENV_ROOT.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanContext } from '../../../src/context/scan-context.js';
import { condaLocator } from '../../../src/discover/conda.js';
import { pyenvLocator, versionFromPyenvName, versionInsideName } from '../../../src/discover/pyenv.js';

const run = promisify(execFile);
const REAL_ROOT = '/root/.pyenv';
const PET = path.resolve(__dirname, '../../fixtures/pet/pet-pyenv/pyenv/user_home');
const BASE_312 = '/root/.pyenv/versions/3.12.1/bin/python3.12';

describe('pyenv version names', () => {
  it('reads plain, pre-release, dev and free-threaded names', () => {
    expect(['3.12.1', '3.12.1a3', '3.13-dev', '3.13t', '2.7.18', '3.8'].map(versionFromPyenvName)).toEqual([
      '3.12.1', '3.12.1a3', '3.13-dev', '3.13', '2.7.18', '3.8',
    ]);
    expect(versionFromPyenvName('pypy3.9-7.3.15')).toBeNull();
  });
  it('finds versions inside flavoured names, never the PyPy release number', () => {
    expect(versionInsideName('nogil-3.9.10-1')).toBe('3.9.10');
    expect(versionInsideName('pypy3.9-7.3.15')).toBe('3.9');
    expect(versionInsideName('stackless-3.7.5')).toBe('3.7.5');
    expect(versionInsideName('pyston-2.3.5')).toBe('2.3.5');
    expect(versionInsideName('micropython-1.21.0')).toBe('1.21.0');
    expect(versionInsideName('jython-2.7.3')).toBeNull();
  });
});

describe.skipIf(!existsSync(`${REAL_ROOT}/versions`))('pyenv locator on the real /root/.pyenv', () => {
  it('finds every version dir with the version its name says, without running anything', async () => {
    const ctx = new ScanContext({ root: '/', env: { HOME: '/root', PYENV_ROOT: REAL_ROOT, PYENV_VERSION: '' }, home: '/root', platform: 'linux' });
    const r = await pyenvLocator.locate(ctx);
    const dirs = readdirSync(`${REAL_ROOT}/versions`).filter((n) => !n.startsWith('.')).sort();
    expect(dirs.length).toBeGreaterThan(0);
    expect(r.environments.map((e) => e.name).sort()).toEqual(dirs);
    for (const e of r.environments) {
      expect(e.kind).toBe('pyenv');
      expect(e.prefix).toBe(`${REAL_ROOT}/versions/${e.name}`);
      expect(e.python.version).toBe(e.name);
      expect(e.python.executable).toMatch(new RegExp(`^${REAL_ROOT}/versions/${e.name}/bin/python`));
      expect(e.health.problems).toEqual([]);
      expect(e.packages.length).toBeGreaterThan(0);
    }
    // The global version file names the active one.
    const file = readdirSync(REAL_ROOT).includes('version') ? (await ctx.readText(`${REAL_ROOT}/version`)).trim().split(/\s+/) : [];
    for (const e of r.environments) expect(e.meta!.active).toBe(file.includes(e.name));
    expect(r.environments.some((e) => e.prefix.includes('/shims'))).toBe(false);
    expect(ctx.spawns).toBe(0);
  });
});

describe('pyenv + conda locators on PET pyenv fixture (pyenv_test.rs find_pyenv_envs)', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'pyenvtui-petpyenv-'));
    cpSync(PET, path.join(root, 'home/u'), { recursive: true });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('finds the versions PET expects, conda-in-pyenv as conda', async () => {
    const ctx = new ScanContext({ root, env: { HOME: path.join(root, 'home/u') }, platform: 'linux' });
    const [py, co] = await Promise.all([pyenvLocator.locate(ctx), condaLocator.locate(ctx)]);
    const v = '/home/u/.pyenv/versions';
    const got = [...py.environments, ...co.environments].map((e) => [e.prefix, e.kind, e.python.version]).sort();
    expect(got).toEqual(
      [
        [`${v}/3.9.9`, 'pyenv', '3.9.9'],
        [`${v}/my-virtual-env`, 'pyenv-virtualenv', '3.10.13'],
        [`${v}/3.12.1`, 'pyenv', '3.12.1'],
        [`${v}/3.13-dev`, 'pyenv', '3.13-dev'],
        [`${v}/3.12.1a3`, 'pyenv', '3.12.1a3'],
        [`${v}/anaconda-4.0.0`, 'conda', '3.11.5'],
        [`${v}/anaconda-4.0.0/envs/one`, 'conda', '3.11.1'],
        [`${v}/anaconda-4.0.0/envs/two`, 'conda', '3.11.1'],
        [`${v}/nogil-3.9.10-1`, 'pyenv', '3.9.10'],
        [`${v}/pypy3.9-7.3.15`, 'pyenv', '3.9.18'],
      ].sort(),
    );
    const base = co.environments.find((e) => e.prefix.endsWith('anaconda-4.0.0'))!;
    expect(base.meta).toMatchObject({ condaName: 'base', isBase: true, condaVersion: '23.11.0', pyenvVersion: 'anaconda-4.0.0' });
    expect(co.environments.find((e) => e.prefix.endsWith('envs/one'))!.meta).toMatchObject({ condaName: 'one', root: `${v}/anaconda-4.0.0` });
    // PET's fixture venv names a base (3.10.13) that is not installed: we say so.
    const venv = py.environments.find((e) => e.name === 'my-virtual-env')!;
    expect(venv.health.problems.join()).toMatch(/base interpreter directory .*3\.10\.13\/bin .*missing/);
    expect(ctx.spawns).toBe(0);
  });
});

describe('pyenv-virtualenv envs and the active version, in a sandbox PYENV_ROOT', () => {
  let tmp: string;
  let proot: string;
  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'pyenvtui-pyenv-'));
    proot = path.join(tmp, '.pyenv');
    const ver = path.join(proot, 'versions/3.12.1');
    mkdirSync(path.join(ver, 'bin'), { recursive: true });
    symlinkSync(BASE_312, path.join(ver, 'bin/python3.12'));
    symlinkSync('python3.12', path.join(ver, 'bin/python'));
    // pyenv-virtualenv ≥ 1.0: versions/<ver>/envs/<name> plus a link versions/<name>.
    await run(BASE_312, ['-m', 'venv', '--without-pip', path.join(ver, 'envs/venv-a')]);
    symlinkSync(path.join(ver, 'envs/venv-a'), path.join(proot, 'versions/venv-a'));
    // Older style: the venv straight under versions/.
    await run(BASE_312, ['-m', 'venv', '--without-pip', path.join(proot, 'versions/venv-b')]);
    // An alias link, a dangling link, shims that must never be listed.
    symlinkSync('3.12.1', path.join(proot, 'versions/3.12'));
    symlinkSync('/nowhere', path.join(proot, 'versions/ghost'));
    mkdirSync(path.join(proot, 'shims'));
    writeFileSync(path.join(proot, 'shims/python'), '#!/bin/sh\nexit 99\n', { mode: 0o755 });
    writeFileSync(path.join(proot, 'version'), '3.12.1\n');
    mkdirSync(path.join(tmp, 'proj/sub'), { recursive: true });
    writeFileSync(path.join(tmp, 'proj/.python-version'), '# pinned\nvenv-b\n');
  }, 120_000);
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  const ctxFor = (env: Record<string, string>) =>
    new ScanContext({ root: '/', env: { HOME: tmp, PYENV_ROOT: proot, ...env }, home: tmp, platform: 'linux' });

  it('lists each env once, with kind, version from pyvenv.cfg and its aliases', async () => {
    const r = await pyenvLocator.locate(ctxFor({}));
    const by = new Map(r.environments.map((e) => [e.name, e]));
    expect([...by.keys()].sort()).toEqual(['3.12.1', 'venv-a', 'venv-b']);
    expect(by.get('venv-a')).toMatchObject({ kind: 'pyenv-virtualenv', prefix: `${proot}/versions/3.12.1/envs/venv-a`, python: { version: '3.12.1' } });
    expect(by.get('venv-a')!.meta!.aliases).toEqual(['3.12.1/envs/venv-a', 'venv-a']);
    expect(by.get('venv-b')).toMatchObject({ kind: 'pyenv-virtualenv', python: { version: '3.12.1' } });
    expect(by.get('3.12.1')).toMatchObject({ kind: 'pyenv', python: { version: '3.12.1' } });
    expect(by.get('3.12.1')!.meta!.aliases).toEqual(['3.12']);
    expect(r.problems).toEqual([expect.objectContaining({ path: `${proot}/versions/ghost` })]);
  });

  it('marks the active version: PYENV_VERSION, then .python-version upward from PWD, then $PYENV_ROOT/version', async () => {
    const active = async (env: Record<string, string>) =>
      (await pyenvLocator.locate(ctxFor(env))).environments.filter((e) => e.meta!.active).map((e) => [e.name, e.meta!.activeSource]);
    expect(await active({ PYENV_VERSION: 'venv-a:3.12' })).toEqual([
      ['3.12.1', 'PYENV_VERSION'],
      ['venv-a', 'PYENV_VERSION'],
    ]);
    expect(await active({ PWD: path.join(tmp, 'proj/sub') })).toEqual([['venv-b', path.join(tmp, 'proj/.python-version')]]);
    expect(await active({})).toEqual([['3.12.1', `${proot}/version`]]);
  });
});

describe('tool files that are not regular files', () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'pyenvtui-fifo-'));
    mkdirSync(path.join(tmp, '.pyenv/versions/3.12.1/bin'), { recursive: true });
    writeFileSync(path.join(tmp, '.pyenv/versions/3.12.1/bin/python'), '');
    // A FIFO would block a naive read forever; the scan must finish and say why it skipped it.
    await run('mkfifo', [path.join(tmp, '.python-version')]);
    await run('mkfifo', [path.join(tmp, '.pyenv/version')]);
    mkdirSync(path.join(tmp, '.pyenv/versions/3.12.1/include/python3.12'), { recursive: true });
    await run('mkfifo', [path.join(tmp, '.pyenv/versions/3.12.1/include/python3.12/patchlevel.h')]);
    mkdirSync(path.join(tmp, 'env/conda-meta'), { recursive: true });
    await run('mkfifo', [path.join(tmp, 'env/conda-meta/history')]);
    mkdirSync(path.join(tmp, '.conda'));
    writeFileSync(path.join(tmp, '.conda/environments.txt'), `${path.join(tmp, 'env')}\n`);
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('skips FIFOs named .python-version, version, patchlevel.h and conda-meta/history', async () => {
    const ctx = new ScanContext({ root: '/', env: { HOME: tmp, PYENV_ROOT: path.join(tmp, '.pyenv'), PWD: tmp }, home: tmp, platform: 'linux' });
    const [py, co] = await Promise.all([pyenvLocator.locate(ctx), condaLocator.locate(ctx)]);
    expect(py.environments.map((e) => [e.name, e.python.version, e.meta!.active])).toEqual([['3.12.1', '3.12.1', false]]);
    const env = co.environments.find((e) => e.prefix === path.join(tmp, 'env'))!;
    expect(env.health.problems.join()).toMatch(/cannot read conda-meta\/history: not a regular file/);
  });
});
