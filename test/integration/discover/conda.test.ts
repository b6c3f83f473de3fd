// conda locator against PET's conda fixture layouts (test/fixtures/pet/pet-conda, see its README) copied into
// a sandbox root, plus conda's other registries: environments.txt, .condarc envs_dirs, CONDA_ENVS_PATH.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanContext } from '../../../src/context/scan-context.js';
import { condaLocator } from '../../../src/discover/conda.js';
import { parseEnvironmentsTxt } from '../../../src/formats/conda-meta.js';
import type { Environment } from '../../../src/model.js';

const PET = path.resolve(__dirname, '../../fixtures/pet/pet-conda');
let root: string;
const at = (p: string) => path.join(root, p);

function write(p: string, text: string): void {
  mkdirSync(path.dirname(at(p)), { recursive: true });
  writeFileSync(at(p), text);
}

async function scan(env: Record<string, string> = {}): Promise<{ envs: Map<string, Environment>; problems: string[]; ctx: ScanContext }> {
  const ctx = new ScanContext({ root, env: { HOME: at('home/u'), ...env }, platform: 'linux' });
  const r = await condaLocator.locate(ctx);
  return { envs: new Map(r.environments.map((e) => [e.prefix, e])), problems: r.problems.map((p) => `${p.path}: ${p.message}`), ctx };
}

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'pyenvtui-conda-'));
  cpSync(path.join(PET, 'anaconda3-2023.03'), at('home/u/anaconda3'), { recursive: true });
  cpSync(path.join(PET, 'anaconda3-2023.03-without-history'), at('opt/conda'), { recursive: true });
  // An install under a name nobody guesses, known only through one registered child env.
  cpSync(path.join(PET, 'anaconda3-2023.03'), at('data/tools/conda-x'), { recursive: true });
  write('home/u/.conda/environments.txt', '/data/tools/conda-x/envs/myenv\n/gone/envs/old\n');
  // envs_dirs from ~/.condarc and CONDA_ENVS_PATH.
  write('home/u/.condarc', 'channels:\n  - conda-forge\nenvs_dirs:\n  - ~/my-envs  # personal\n  - $NOT_SET/envs\n');
  write('home/u/my-envs/proj/conda-meta/history', '==> 2024-01-01 <==\n# cmd: /home/u/anaconda3/bin/conda create -n proj python=3.11\n+conda-forge/linux-64::python-3.11.8-hab00c5b_0_cpython\n');
  write('srv/shared-envs/team/conda-meta/python-3.8.19-h955ad1f_0.json', '{}');
  // conda create -p: named by nobody, managed by the conda in `# cmd:`.
  write('work/prefix-env/conda-meta/history', '==> 2024-01-01 <==\n# cmd: /home/u/anaconda3/condabin/conda create -p /work/prefix-env python=3.12\n+defaults/linux-64::python-3.12.3-h996f2a0_0\n');
  writeFileSync(at('home/u/.conda/environments.txt'), `${readFileSync(at('home/u/.conda/environments.txt'), 'utf8')}/work/prefix-env\n/work/pixi-env\n/work/corrupt\n`);
  // pixi envs carry conda-meta/pixi and are not conda's.
  write('work/pixi-env/conda-meta/pixi', '');
  write('work/pixi-env/conda-meta/history', '');
  // Corrupt history: binary junk, then a valid python line.
  write('work/corrupt/conda-meta/history', '\u0000\u00ff\u00fe garbage\n+defaults::python-3.7.1-h0371630_7\n');
  // A directory in an envs dir whose name conda would refuse.
  write('home/u/my-envs/bad name/conda-meta/history', '+defaults::python-3.10.0-h1\n');
  // A symlink loop inside an envs dir.
  symlinkSync(at('home/u/my-envs/loop'), at('home/u/my-envs/loop'));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('conda locator on PET fixture layouts', () => {
  it('anaconda3-2023.03: base 3.10.9, env_python_3 3.12.2, without_python none (PET environments_test.rs)', async () => {
    const { envs, ctx } = await scan();
    const base = envs.get('/home/u/anaconda3')!;
    expect(base).toMatchObject({ kind: 'conda', name: 'base' });
    expect(base.python).toMatchObject({ version: '3.10.9', executable: '/home/u/anaconda3/bin/python' });
    expect(base.meta).toMatchObject({ condaName: 'base', isBase: true, root: '/home/u/anaconda3', condaVersion: '23.1.0' });
    expect(base.meta!.versionSource).toBe('/home/u/anaconda3/conda-meta/history:7');
    expect(base.packages.map((p) => [p.name, p.version, p.installer]).sort()).toEqual([
      ['conda', '23.1.0', null],
      ['requests', '2.28.1', 'conda'],
    ]);

    const py3 = envs.get('/home/u/anaconda3/envs/env_python_3')!;
    expect(py3.python).toMatchObject({ version: '3.12.2', executable: '/home/u/anaconda3/envs/env_python_3/bin/python' });
    expect(py3.meta).toMatchObject({ condaName: 'env_python_3', isBase: false, root: '/home/u/anaconda3' });
    expect(py3.packages.map((p) => [p.name, p.installer])).toEqual([['pip', 'conda']]);

    const none = envs.get('/home/u/anaconda3/envs/without_python')!;
    expect(none.python).toMatchObject({ version: null, executable: null });
    expect(none.packages).toEqual([]);
    expect(none.health).toEqual({ ok: true, problems: [] });
    expect(none.meta).toMatchObject({ condaName: 'without_python', root: '/home/u/anaconda3' });

    // myenv: PET asserts nothing; our reproduction holds python 3.9.18.
    expect(envs.get('/home/u/anaconda3/envs/myenv')!.python.version).toBe('3.9.18');
    expect(ctx.spawns).toBe(0);
  });

  it('anaconda3-2023.03-without-history: version 3.10.9 from conda-meta/python-*.json (PET)', async () => {
    const { envs } = await scan();
    const b = envs.get('/opt/conda')!;
    expect(b.python.version).toBe('3.10.9');
    expect(b.meta).toMatchObject({ isBase: true, condaName: 'base', versionSource: '/opt/conda/conda-meta/python-3.10.9-hc0d8a6c_1.json' });
  });

  it('user_home_with_environments_txt: reads the 22 registered prefixes PET expects', () => {
    const text = readFileSync(path.join(PET, 'user_home_with_environments_txt/.conda/environments.txt'), 'utf8');
    const got = parseEnvironmentsTxt(text).sort();
    expect(got).toHaveLength(22);
    expect(got).toContain('/Users/username/.pyenv/versions/miniconda3-latest/envs/myenv');
    expect(got).toContain('/Users/username/temp/conda_work_folder__no_python');
  });
});

describe('conda locator: where envs are registered', () => {
  it('finds a base from a registered child env alone, with all its envs', async () => {
    const { envs } = await scan();
    const base = envs.get('/data/tools/conda-x')!;
    expect(base.meta).toMatchObject({ isBase: true, registered: false });
    expect(envs.get('/data/tools/conda-x/envs/myenv')!.meta).toMatchObject({ registered: true, root: '/data/tools/conda-x' });
    expect(envs.has('/data/tools/conda-x/envs/env_python_3')).toBe(true);
  });

  it('reads envs_dirs from ~/.condarc and CONDA_ENVS_PATH', async () => {
    const { envs, problems } = await scan({ CONDA_ENVS_PATH: at('srv/shared-envs') });
    expect(envs.get('/home/u/my-envs/proj')!).toMatchObject({ name: 'proj', python: { version: '3.11.8' } });
    expect(envs.get('/home/u/my-envs/proj')!.meta).toMatchObject({ condaName: 'proj', root: '/home/u/anaconda3' });
    expect(envs.get('/srv/shared-envs/team')!.python.version).toBe('3.8.19');
    expect(problems.some((p) => p.includes('.condarc') && /line 5/.test(p))).toBe(true);
  });

  it('names no conda env for -p prefixes but finds their conda through # cmd:', async () => {
    const { envs } = await scan();
    const p = envs.get('/work/prefix-env')!;
    expect(p.name).toBe('prefix-env');
    expect(p.meta).toMatchObject({ condaName: null, root: '/home/u/anaconda3', registered: true });
    expect(p.python.version).toBe('3.12.3');
  });

  it('skips pixi envs, reports stale registrations, survives corrupt history and loops', async () => {
    const { envs, problems } = await scan();
    expect(envs.has('/work/pixi-env')).toBe(false);
    expect(problems).toContain('/gone/envs/old: listed in ~/.conda/environments.txt but missing');
    const c = envs.get('/work/corrupt')!;
    expect(c.python.version).toBe('3.7.1');
    expect(c.health.ok).toBe(false);
    expect(c.health.problems.join()).toMatch(/conda-meta\/history: 1 unreadable line \(first: line 1\)/);
  });

  it('never offers an env name conda would refuse as a conda name', async () => {
    const { envs } = await scan();
    const e = envs.get('/home/u/my-envs/bad name')!;
    expect(e.meta!.condaName).toBeNull();
    expect(e.health.problems.join()).toMatch(/not one conda accepts/);
  });
});
