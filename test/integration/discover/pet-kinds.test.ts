// Issue 11 item 6: kinds PET knows. PET's own fixtures (test/fixtures/pet, MIT, copied with LICENSE)
// with PET's expected values, and real venvs (python3 -m venv) laid out as pipenv, Poetry, virtualenv < 20
// and uv < 0.2 leave them.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanContext } from '../../../src/context/scan-context.js';
import { scan } from '../../../src/discover/index.js';
import { versionFromPrefixFiles } from '../../../src/discover/version.js';
import { parsePoetryConfig } from '../../../src/discover/poetry-config.js';
import type { Environment, Inventory } from '../../../src/model.js';
import { FIXTURES } from '../../helpers/sandbox/tools.js';
import { tmp } from './fixtures.js';

const PET = path.join(FIXTURES, 'pet');
let home: string;
let inv: Inventory;
const byPrefix = (p: string): Environment | undefined => inv.environments.find((e) => e.prefix === p);

function venv(p: string): void {
  mkdirSync(path.dirname(p), { recursive: true });
  execFileSync('/usr/bin/python3', ['-m', 'venv', '--without-pip', p]);
}
function write(p: string, text: string): void {
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, text);
}

beforeAll(() => {
  home = tmp('pyenvtui-pet-kinds-');
  const share = `${home}/.local/share/virtualenvs`;
  // pipenv: a live one, one whose project was deleted, one without .project, one whose project lost its Pipfile.
  write(`${home}/code/live/Pipfile`, '[packages]\n');
  venv(`${share}/live-AbCdEf12`);
  write(`${share}/live-AbCdEf12/.project`, `${home}/code/live`);
  venv(`${share}/gone-Zz9Yy8Xx`);
  write(`${share}/gone-Zz9Yy8Xx/.project`, `${home}/code/gone`);
  venv(`${share}/noproj-Qq1Ww2Ee`);
  mkdirSync(`${home}/code/nopipfile`, { recursive: true });
  venv(`${share}/nopipfile-Rr3Tt4Yy`);
  write(`${share}/nopipfile-Rr3Tt4Yy/.project`, `${home}/code/nopipfile`);
  // Poetry: config.toml moves envs outside HOME; in-project .venv by [tool.poetry] and by poetry.toml.
  const elsewhere = tmp('pyenvtui-poetry-envs-');
  write(`${home}/.config/pypoetry/config.toml`, `cache-dir = "${elsewhere}/cache"\n\n[virtualenvs]\npath = "{cache-dir}/envs"\n`);
  venv(`${elsewhere}/cache/envs/webapp-Ab12Cd34-py3.11`);
  write(`${home}/code/pp/pyproject.toml`, '[tool.poetry]\nname = "pp"\nversion = "0.1.0"\n');
  venv(`${home}/code/pp/.venv`);
  write(`${home}/code/pt/poetry.toml`, '[virtualenvs]\nin-project = true\n');
  venv(`${home}/code/pt/.venv`);
  // hatch with dirs.env.virtual = ".hatch": envs inside the project.
  write(`${home}/code/hp/pyproject.toml`, '[project]\nname = "hp"\n\n[tool.hatch.envs.default]\n');
  venv(`${home}/code/hp/.hatch/default`);
  // virtualenv 16: no pyvenv.cfg; lib/python3.11/orig-prefix.txt and no-global-site-packages.txt.
  const legacy = `${home}/.virtualenvs/old16`;
  mkdirSync(`${legacy}/bin`, { recursive: true });
  mkdirSync(`${legacy}/lib/python3.11/site-packages/oldpkg-1.0.dist-info`, { recursive: true });
  writeFileSync(`${legacy}/lib/python3.11/site-packages/oldpkg-1.0.dist-info/METADATA`, 'Metadata-Version: 2.1\nName: oldpkg\nVersion: 1.0\n\n');
  writeFileSync(`${legacy}/lib/python3.11/orig-prefix.txt`, '/usr');
  writeFileSync(`${legacy}/lib/python3.11/no-global-site-packages.txt`, '');
  symlinkSync('/usr/bin/python3.11', `${legacy}/bin/python`);
  // uv < 0.2: the python-build-standalone tree under install/.
  const uvOld = `${home}/.local/share/uv/python/cpython-3.11.4-linux-x86_64-gnu/install`;
  mkdirSync(`${uvOld}/bin`, { recursive: true });
  writeFileSync(`${uvOld}/bin/python3.11`, '');
  symlinkSync('python3.11', `${uvOld}/bin/python3`);
  mkdirSync(`${uvOld}/lib/python3.11/site-packages`, { recursive: true });
  // PET's micromamba-only root, as $MAMBA_ROOT_PREFIX.
  cpSync(path.join(PET, 'pet-conda/micromamba-only'), `${home}/micromamba`, { recursive: true });
  // PET's pyenv tree holds anaconda-4.0.0 with conda-meta/conda-23.11.0-*.json.
  cpSync(path.join(PET, 'pet-pyenv/pyenv/user_home/.pyenv'), `${home}/.pyenv`, { recursive: true });
  return scan(new ScanContext({ root: '/', env: { HOME: home, PATH: '/usr/bin:/bin', MAMBA_ROOT_PREFIX: `${home}/micromamba`, WORKON_HOME: `${home}/.virtualenvs` }, home, platform: 'linux' })).then((i) => {
    inv = i;
  });
}, 60_000);
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('PET expectations', () => {
  it('build-details.json keeps the pre-release suffix (pet-python-utils sys_prefix_test: 3.14.2, 3.15.0a1)', async () => {
    const ctx = new ScanContext({ root: '/', env: {}, platform: 'linux' });
    const bd = path.join(PET, 'pet-python-utils/build_details');
    expect(await versionFromPrefixFiles(ctx, `${bd}/python3.14`, ['3.14'])).toBe('3.14.2');
    expect(await versionFromPrefixFiles(ctx, `${bd}/python3.15a`, ['3.15'])).toBe('3.15.0a1');
  });

  it('Poetry config.toml and poetry.toml read as pet-poetry config_test expects', async () => {
    const { readFileSync } = await import('node:fs');
    const g = parsePoetryConfig(readFileSync(path.join(PET, 'pet-poetry/global_config_with_values/user_home/config_dir/config.toml'), 'utf8'));
    expect(g).toMatchObject({ cacheDir: '/path/to/cache/directory', virtualenvsPath: 'some/path/virtualenvs', inProject: true });
    const l = parsePoetryConfig(readFileSync(path.join(PET, 'pet-poetry/local_config_with_values/project_dir/poetry.toml'), 'utf8'));
    // local_config_with_specific_values: virtualenvs path = cache-dir/virtualenvs = /directory/virtualenvs.
    expect(l).toMatchObject({ cacheDir: '/directory', virtualenvsPath: null, inProject: false });
    expect(`${l.cacheDir}/virtualenvs`).toBe('/directory/virtualenvs');
  });

  it('a micromamba root is a base, managed by micromamba of unknown version (manager_test)', () => {
    const e = byPrefix(`${home}/micromamba`)!;
    expect(e).toMatchObject({ kind: 'conda', name: 'base', manager: { tool: 'micromamba', version: null, executable: `${home}/micromamba/bin/micromamba` } });
    expect(e.meta).toMatchObject({ isBase: true });
    expect(e.python.version).toBe('3.11.0');
  });

  it("conda's version is the installed conda's (conda-meta/conda-23.11.0-*.json), with the python record's arch", () => {
    const e = byPrefix(`${home}/.pyenv/versions/anaconda-4.0.0`)!;
    expect(e.manager).toMatchObject({ tool: 'conda', version: '23.11.0' });
    expect(e.meta?.condaVersion).toBe('23.11.0');
    const one = byPrefix(`${home}/.pyenv/versions/anaconda-4.0.0/envs/one`)!;
    expect(one.manager).toMatchObject({ tool: 'conda', version: '23.11.0' });
  });
});

describe('kinds PET knows, on real venvs', () => {
  it('stale pipenv venvs are pipenv and orphaned, with the reason', () => {
    const share = `${home}/.local/share/virtualenvs`;
    expect(byPrefix(`${share}/live-AbCdEf12`)).toMatchObject({ kind: 'pipenv', name: 'live' });
    expect(byPrefix(`${share}/live-AbCdEf12`)!.meta?.orphaned).toBeUndefined();
    expect(byPrefix(`${share}/gone-Zz9Yy8Xx`)).toMatchObject({ kind: 'pipenv', meta: { orphaned: `its project ${home}/code/gone no longer exists` } });
    expect(byPrefix(`${share}/noproj-Qq1Ww2Ee`)).toMatchObject({ kind: 'pipenv', meta: { orphaned: '.project is missing' } });
    expect(byPrefix(`${share}/nopipfile-Rr3Tt4Yy`)).toMatchObject({ kind: 'pipenv', meta: { orphaned: `no Pipfile in ${home}/code/nopipfile` } });
  });

  it("Poetry envs where config.toml puts them (outside HOME), and in-project .venv by [tool.poetry] or poetry.toml", () => {
    const outside = inv.environments.find((e) => e.prefix.endsWith('/cache/envs/webapp-Ab12Cd34-py3.11'));
    expect(outside).toMatchObject({ kind: 'poetry', name: 'webapp' });
    expect(byPrefix(`${home}/code/pp/.venv`)).toMatchObject({ kind: 'poetry', name: 'pp' });
    expect(byPrefix(`${home}/code/pt/.venv`)).toMatchObject({ kind: 'poetry', name: 'pt' });
  });

  it('a project-local hatch env is hatch, named project:env', () => {
    expect(byPrefix(`${home}/code/hp/.hatch/default`)).toMatchObject({ kind: 'hatch', name: 'hp:default', meta: { project: `${home}/code/hp` } });
  });

  it('a virtualenv < 20 (no pyvenv.cfg) is found, with its base, system-site setting and packages', () => {
    const e = byPrefix(`${home}/.virtualenvs/old16`)!;
    expect(e).toMatchObject({ kind: 'virtualenvwrapper', systemSitePackages: false, externallyManaged: false, manager: { tool: 'virtualenv' } });
    expect(e.meta).toMatchObject({ legacyVirtualenv: true, origPrefix: '/usr' });
    expect(e.packages.map((d) => d.name)).toEqual(['oldpkg']);
    expect(e.python.version).toMatch(/^3\.11/);
  });

  it("a uv Python in the older install/ sub-layout is healthy, with its arch", () => {
    const e = inv.environments.find((x) => x.kind === 'uv-python')!;
    expect(e.prefix).toBe(`${home}/.local/share/uv/python/cpython-3.11.4-linux-x86_64-gnu/install`);
    expect(e).toMatchObject({ name: 'cpython-3.11.4-linux-x86_64-gnu', arch: 'x86_64', manager: { tool: 'uv' } });
    expect(e.python.version).toBe('3.11.4');
    expect(e.health).toEqual({ ok: true, problems: [] });
  });

  it('Poetry and pipenv venvs are managed by that tool (its version from its files, as `poetry --version` says; null when it is not installed); a plain venv has no manager', () => {
    // Debian's python3-poetry, when installed (the test command installs it), is found on PATH: its version from
    // its own dist-info must be what the real `poetry --version` prints. Without it, no version (nothing is run).
    const poetryVersion = existsSync('/usr/bin/poetry') ? (/version ([^)\s]+)/.exec(execFileSync('/usr/bin/poetry', ['--version'], { encoding: 'utf8', env: { HOME: home, PATH: '/usr/bin:/bin' } }))?.[1] ?? 'unparsed') : null;
    expect(byPrefix(`${home}/code/pp/.venv`)!.manager).toMatchObject({ tool: 'poetry', version: poetryVersion });
    expect(byPrefix(`${home}/.local/share/virtualenvs/live-AbCdEf12`)!.manager).toEqual({ tool: 'pipenv', version: null });
    expect(byPrefix(`${home}/code/hp/.hatch/default`)!.manager).toEqual({ tool: 'hatch', version: null });
    expect(inv.environments.filter((e) => e.kind === 'venv').map((e) => e.manager)).not.toContainEqual(expect.anything());
  });
});

describe('a Python from a custom prefix that wins on PATH', () => {
  it('becomes an environment with its packages, and is what python3 resolves to', async () => {
    const root = tmp('pyenvtui-custom-prefix-');
    const pre = `${root}/opt/python3.10`;
    write(`${pre}/bin/python3.10`, '');
    const { chmodSync } = await import('node:fs');
    chmodSync(`${pre}/bin/python3.10`, 0o755);
    symlinkSync('python3.10', `${pre}/bin/python3`);
    write(`${pre}/lib/python3.10/os.py`, '# stdlib landmark\n');
    write(`${pre}/include/python3.10/patchlevel.h`, '#define PY_VERSION "3.10.14"\n');
    write(`${pre}/lib/python3.10/site-packages/requests-2.31.0.dist-info/METADATA`, 'Metadata-Version: 2.1\nName: requests\nVersion: 2.31.0\n\n');
    write(`${pre}/lib/python3.10/site-packages/requests-2.31.0.dist-info/INSTALLER`, 'pip\n');
    // A venv and a conda env on PATH are not custom prefixes.
    write(`${root}/home/u/.venv/pyvenv.cfg`, 'home = /opt/python3.10/bin\n');
    write(`${root}/home/u/.venv/bin/python3.10`, '');
    write(`${root}/home/u/.venv/lib/python3.10/os.py`, '');
    const ctx = new ScanContext({ root, env: { HOME: `${root}/home/u`, PATH: `${root}/home/u/.venv/bin:${pre}/bin:${root}/usr/bin` }, platform: 'linux' });
    const i = await scan(ctx);
    const sys = i.environments.filter((e) => e.kind === 'system');
    expect(sys.map((e) => [e.id, e.prefix, e.python.version])).toEqual([['system:/opt/python3.10/bin/python3.10', '/opt/python3.10', '3.10.14']]);
    expect(sys[0]!.packages.map((d) => `${d.name}==${d.version}`)).toEqual(['requests==2.31.0']);
    expect(sys[0]!.meta?.customPrefix).toBe(true);
    expect(i.path.python3?.path).toBe('/opt/python3.10/bin/python3');
    expect(ctx.spawns).toBe(0);
  });
});
