// PET's expectations for pipenv and venv, on PET's own test layouts. PET (microsoft/python-environment-
// tools, MIT, test/fixtures/pet/LICENSE) keeps no fixture folders for these kinds: its tests build each
// layout in a temp dir inside the Rust source. Each layout here is that code transcribed byte for byte
// (file names, contents, empty "python" files, broken symlinks), with the test it comes from; the
// expectations are PET's asserts, mapped onto pyenvtui's model (PET `kind` → `kind`, `project` →
// `meta.project`, `error` → `health`, `name` from pyvenv.cfg's prompt → `meta.prompt`).
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanContext } from '../../../src/context/scan-context.js';
import { scan } from '../../../src/discover/index.js';
import type { Environment, Inventory } from '../../../src/model.js';
import { tmp } from './fixtures.js';

let home: string;
let inv: Inventory;
const at = (p: string): Environment | undefined => inv.environments.find((e) => e.prefix === p);
function write(p: string, text: string): void {
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, text);
}

beforeAll(async () => {
  home = tmp('pyenvtui-pet-exp-');
  const share = `${home}/.local/share/virtualenvs`;
  // crates/pet-pipenv/src/lib.rs
  // infer_project_for_venv_in_project
  write(`${home}/code/inproj/Pipfile`, '[[source]]\n');
  write(`${home}/code/inproj/.venv/bin/python`, '');
  write(`${home}/code/inproj/.venv/pyvenv.cfg`, 'version = 3.12.0\n');
  // detect_pipenv_centralized_env (a 9-character suffix: found by its .project, not by the name pattern)
  write(`${home}/projects/myproject/Pipfile`, '[[source]]\n');
  write(`${share}/myproject-Abc123XyZ/bin/python`, '');
  write(`${share}/myproject-Abc123XyZ/pyvenv.cfg`, 'version = 3.13.0\n');
  write(`${share}/myproject-Abc123XyZ/.project`, `${home}/projects/myproject`);
  // detect_pipenv_centralized_env_without_existing_project
  write(`${share}/deleted-project-Xyz789/bin/python`, '');
  write(`${share}/deleted-project-Xyz789/pyvenv.cfg`, 'version = 3.13.0\n');
  write(`${share}/deleted-project-Xyz789/.project`, '/path/to/deleted/project');
  // detect_pipenv_centralized_env_without_project_file_via_naming_pattern
  write(`${share}/myproject-AbC12xYz/bin/python`, '');
  write(`${share}/myproject-AbC12xYz/pyvenv.cfg`, 'version = 3.13.0\n');
  // is_pipenv_returns_false_for_plain_venv (PET builds no pyvenv.cfg; a venv needs one to be found at all)
  write(`${home}/plain/myenv/bin/python`, '');
  write(`${home}/plain/myenv/pyvenv.cfg`, 'version = 3.12.0\n');
  // crates/pet-venv/src/lib.rs
  // test_try_environment_from_venv_dir_missing_executable
  write(`${home}/venvs/pet_test_venv_no_exe/pyvenv.cfg`, 'version = 3.10.0\nprompt = test-env\n');
  // test_try_environment_from_venv_dir_valid
  write(`${home}/venvs/pet_test_venv_valid/pyvenv.cfg`, 'version = 3.11.0\nprompt = my-project\n');
  write(`${home}/venvs/pet_test_venv_valid/bin/python`, 'fake python');
  // test_try_environment_from_venv_dir_broken_symlink
  write(`${home}/venvs/pet_test_venv_broken_symlink/pyvenv.cfg`, 'version = 3.9.0\nprompt = broken-env\n');
  mkdirSync(`${home}/venvs/pet_test_venv_broken_symlink/bin`, { recursive: true });
  symlinkSync('/nonexistent/python3.9', `${home}/venvs/pet_test_venv_broken_symlink/bin/python`);
  // test_try_environment_from_venv_dir_no_prompt
  write(`${home}/venvs/noprompt/pyvenv.cfg`, 'version = 3.10.0\n');
  write(`${home}/venvs/noprompt/bin/python`, '');
  // crates/pet-virtualenvwrapper/src/environments.rs (create_virtualenv: bin/activate and bin/python, empty)
  const workon = `${home}/workon`;
  const virtualenv = (p: string): void => {
    write(`${p}/bin/activate`, '');
    write(`${p}/bin/python`, '');
  };
  // is_virtualenvwrapper_requires_prefix_inside_workon_home_and_valid_virtualenv
  virtualenv(`${workon}/wrapped-env`);
  // is_virtualenvwrapper_rejects_env_without_prefix_or_outside_workon_home
  virtualenv(`${home}/outside-env/wrapped-env`);
  // is_virtualenvwrapper_rejects_non_virtualenv_under_workon_home
  write(`${workon}/not-a-virtualenv/bin/python`, '');
  // get_project_reads_existing_project_path_from_project_file (" <root> \n", spaces and all)
  mkdirSync(`${home}/project-root`, { recursive: true });
  virtualenv(`${workon}/with-project`);
  write(`${workon}/with-project/.project`, ` ${home}/project-root \n`);
  // get_project_returns_none_for_missing_prefix_or_missing_project_path
  virtualenv(`${workon}/lost-project`);
  write(`${workon}/lost-project/.project`, `${workon}/lost-project/missing`);
  const ctx = new ScanContext({ root: '/', env: { HOME: home, PATH: '/usr/bin:/bin', WORKON_HOME: workon }, home, platform: 'linux', search: [`${home}/venvs`, `${home}/plain`, `${home}/code`] });
  inv = await scan(ctx);
}, 60_000);
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('pet-pipenv', () => {
  const share = () => `${home}/.local/share/virtualenvs`;
  it('infer_project_for_venv_in_project: a .venv beside a Pipfile is pipenv, project = its folder', () => {
    expect(at(`${home}/code/inproj/.venv`)).toMatchObject({ kind: 'pipenv', meta: { project: `${home}/code/inproj` } });
  });
  it('detect_pipenv_centralized_env: found by .project (the name has a 9-character suffix), project from it', () => {
    const e = at(`${share()}/myproject-Abc123XyZ`);
    expect(e).toMatchObject({ kind: 'pipenv', meta: { project: `${home}/projects/myproject` } });
    expect(e!.meta?.orphaned).toBeUndefined();
    expect(e!.python.version).toBe('3.13.0');
  });
  it('detect_pipenv_centralized_env_without_existing_project: still pipenv (and orphaned)', () => {
    expect(at(`${share()}/deleted-project-Xyz789`)).toMatchObject({ kind: 'pipenv', meta: { project: '/path/to/deleted/project', orphaned: 'its project /path/to/deleted/project no longer exists' } });
  });
  it('…_without_project_file_via_naming_pattern: pipenv with no project', () => {
    const e = at(`${share()}/myproject-AbC12xYz`)!;
    expect(e.kind).toBe('pipenv');
    expect(e.meta?.project).toBeUndefined();
  });
  it('is_pipenv_returns_false_for_plain_venv', () => {
    expect(at(`${home}/plain/myenv`)?.kind).toBe('venv');
  });
});

describe('pet-venv', () => {
  const v = (n: string) => at(`${home}/venvs/${n}`)!;
  it('…_missing_executable: a venv with an error that says the interpreter is not found; prompt kept', () => {
    const e = v('pet_test_venv_no_exe');
    expect(e).toMatchObject({ kind: 'venv', meta: { prompt: 'test-env' } });
    expect(e.health.ok).toBe(false);
    expect(e.health.problems.join('\n')).toMatch(/not found|missing|no python/i);
  });
  it('…_valid: a venv, no error, prompt my-project, version from pyvenv.cfg', () => {
    const e = v('pet_test_venv_valid');
    expect(e).toMatchObject({ kind: 'venv', meta: { prompt: 'my-project' }, python: { version: '3.11.0' } });
  });
  it('…_broken_symlink: a venv whose error names the broken link', () => {
    const e = v('pet_test_venv_broken_symlink');
    expect(e).toMatchObject({ kind: 'venv', meta: { prompt: 'broken-env' } });
    expect(e.health.ok).toBe(false);
    expect(e.health.problems.join('\n')).toMatch(/broken|dangling|does not exist|\/nonexistent\/python3\.9/i);
  });
  it('…_no_prompt: no prompt, version 3.10.0', () => {
    const e = v('noprompt');
    expect(e.kind).toBe('venv');
    expect(e.meta?.prompt).toBeUndefined();
    expect(e.python.version).toBe('3.10.0');
  });
});

describe('pet-virtualenvwrapper', () => {
  const w = (n: string) => at(`${home}/workon/${n}`);
  it('…_requires_prefix_inside_workon_home_and_valid_virtualenv: bin/activate + bin/python in WORKON_HOME', () => {
    expect(w('wrapped-env')).toMatchObject({ kind: 'virtualenvwrapper', name: 'wrapped-env' });
  });
  it('…_rejects_env_without_prefix_or_outside_workon_home', () => {
    expect(at(`${home}/outside-env/wrapped-env`)?.kind).not.toBe('virtualenvwrapper');
  });
  it('…_rejects_non_virtualenv_under_workon_home (no activate script)', () => {
    expect(w('not-a-virtualenv')).toBeUndefined();
  });
  it('get_project_reads_existing_project_path_from_project_file', () => {
    expect(w('with-project')).toMatchObject({ kind: 'virtualenvwrapper', meta: { project: `${home}/project-root` } });
  });
  it('get_project_returns_none_for_…_missing_project_path (kept as missingProject)', () => {
    const e = w('lost-project')!;
    expect(e.kind).toBe('virtualenvwrapper');
    expect(e.meta?.project).toBeUndefined();
    expect(e.meta?.missingProject).toBe(`${home}/workon/lost-project/missing`);
  });
});

describe('pet-python-utils build-details.json: arch', () => {
  it('a pyenv 3.14 whose lib holds PET\'s build-details.json (platform linux-x86_64) is x86_64, 3.14.2; a venv made from it too', async () => {
    const { cpSync } = await import('node:fs');
    const { FIXTURES } = await import('../../helpers/sandbox/tools.js');
    const h = tmp('pyenvtui-pet-bd-');
    const pre = `${h}/.pyenv/versions/3.14.2`;
    cpSync(path.join(FIXTURES, 'pet/pet-python-utils/build_details/python3.14'), pre, { recursive: true });
    write(`${pre}/bin/python3.14`, '');
    mkdirSync(`${pre}/lib/python3.14/site-packages`, { recursive: true });
    const a = `${h}/.pyenv/versions/3.15.0a1`;
    cpSync(path.join(FIXTURES, 'pet/pet-python-utils/build_details/python3.15a'), a, { recursive: true });
    write(`${a}/bin/python3.15`, '');
    write(`${h}/proj/.venv/pyvenv.cfg`, `home = ${pre}/bin\nversion = 3.14.2\n`);
    write(`${h}/proj/.venv/bin/python3.14`, '');
    mkdirSync(`${h}/proj/.venv/lib/python3.14/site-packages`, { recursive: true });
    try {
      const i = await scan(new ScanContext({ root: '/', env: { HOME: h, PATH: '/usr/bin:/bin' }, home: h, platform: 'linux' }));
      const get = (p: string) => i.environments.find((e) => e.prefix === p);
      expect(get(pre)).toMatchObject({ kind: 'pyenv', arch: 'x86_64', python: { version: '3.14.2' } });
      expect(get(`${h}/proj/.venv`)).toMatchObject({ kind: 'venv', arch: 'x86_64' });
      // 3.15a's build-details.json names no platform: no arch is invented.
      expect(get(a)!.arch).toBeUndefined();
    } finally {
      rmSync(h, { recursive: true, force: true });
    }
  });
});

describe('pet-linux-global-python', () => {
  it('try_from_rejects_virtualenv_before_cache_lookup: an activated virtualenv < 20 on PATH is no global Python', async () => {
    const { chmodSync } = await import('node:fs');
    const root = tmp('pyenvtui-pet-global-');
    try {
      // PET's layout (bin/activate beside bin/python), as virtualenv 16 leaves it: os.py linked to the base's
      // stdlib and orig-prefix.txt naming the base. A custom prefix without them stays a global Python.
      const venv = `${root}/home/u/old16`;
      write(`${venv}/bin/activate`, '');
      write(`${venv}/bin/python3.11`, '');
      chmodSync(`${venv}/bin/python3.11`, 0o755);
      write(`${venv}/lib/python3.11/orig-prefix.txt`, '/usr');
      write(`${root}/usr/lib/python3.11/os.py`, '');
      symlinkSync('/usr/lib/python3.11/os.py', `${venv}/lib/python3.11/os.py`);
      const pre = `${root}/opt/python3.11`;
      write(`${pre}/bin/python3.11`, '');
      chmodSync(`${pre}/bin/python3.11`, 0o755);
      write(`${pre}/lib/python3.11/os.py`, '');
      const { systemLocator } = await import('../../../src/discover/system.js');
      const ctx = new ScanContext({ root, env: { HOME: `${root}/home/u`, PATH: `${venv}/bin:${pre}/bin` }, platform: 'linux' });
      const prefixes = (await systemLocator.locate(ctx)).environments.map((e) => e.prefix);
      expect(prefixes).toContain('/opt/python3.11');
      expect(prefixes).not.toContain('/home/u/old16');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
