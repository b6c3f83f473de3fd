// Where conda environments are: every place conda itself would look, plus the installs it may not know.
//
// Prefix sources: ~/.conda/environments.txt (conda's registry of every env it created), `envs_dirs` of every
// .condarc, $CONDA_ENVS_PATH, <root>/envs of every install, ~/.conda/envs. Install roots: the usual names in
// HOME and /opt, $CONDA_PREFIX, $MAMBA_ROOT_PREFIX, $CONDA_EXE, condarc root_prefix, and conda installs inside
// pyenv (versions/miniconda3-latest, ...). A registered `<X>/envs/<name>` makes X a root too, so a base
// whose own line is missing from environments.txt is still found.
import path from 'node:path';
import type { ScanContext } from '../context/scan-context.js';
import type { ScanProblem } from '../model.js';
import { parseEnvironmentsTxt } from '../formats/conda-meta.js';
import { condarcSearchPath, expandCondaPath, parseCondarc } from '../formats/condarc.js';
import { readToolFile, tryReadToolFile } from './tool-files.js';
import { errText } from './site.js';
import { stripTrailingSlashes } from '../text/trim.js';

export interface CondaLocations {
  /** Candidate env prefixes (machine paths), in discovery order; not yet checked for conda-meta/. */
  prefixes: string[];
  /** Candidate install roots (bases). */
  roots: string[];
  /** Directories holding named envs (envs_dirs). */
  envsDirs: string[];
  /** Prefixes named in environments.txt (for meta.registered). */
  registered: Set<string>;
  problems: ScanProblem[];
}

const HOME_ROOTS = ['anaconda3', 'miniconda3', 'miniforge3', 'mambaforge', 'micromamba', 'anaconda', 'miniconda', '.local/share/mamba'];
const SYSTEM_ROOTS = [
  '/opt/conda',
  '/opt/anaconda3',
  '/opt/miniconda3',
  '/opt/miniforge3',
  '/opt/mambaforge',
  '/usr/local/anaconda3',
  '/usr/local/miniconda3',
  '/usr/anaconda3',
  '/usr/miniconda3',
  '/anaconda3',
  '/miniconda3',
];

/** PYENV_ROOT as pyenv computes it (shared with the pyenv locator). */
export function pyenvRoot(ctx: ScanContext): string {
  return stripTrailingSlashes(ctx.env.PYENV_ROOT || `${ctx.home}/.pyenv`);
}

/** Gather every place conda envs may be. Reads files, never throws. */
export async function condaLocations(ctx: ScanContext): Promise<CondaLocations> {
  const problems: ScanProblem[] = [];
  const home = ctx.home;
  const roots: string[] = [];
  const addRoot = (p: string | null | undefined) => {
    if (p && p.startsWith('/') && !roots.includes(p)) roots.push(stripTrailingSlashes(p) || '/');
  };
  for (const r of HOME_ROOTS) addRoot(`${home}/${r}`);
  for (const r of SYSTEM_ROOTS) addRoot(r);
  addRoot(ctx.env.MAMBA_ROOT_PREFIX);
  addRoot(ctx.env.CONDA_ROOT);
  if (ctx.env.CONDA_EXE) addRoot(path.posix.dirname(path.posix.dirname(ctx.env.CONDA_EXE)));
  // conda installs managed by pyenv (`pyenv install miniconda3-latest`) are conda roots.
  const pyv = `${pyenvRoot(ctx)}/versions`;
  for (const e of await ctx.tryReaddir(pyv)) {
    if (!e.name.includes('\uFFFD') && (await ctx.isDir(`${pyv}/${e.name}/conda-meta`))) addRoot(`${pyv}/${e.name}`);
  }

  const prefixes: string[] = [];
  const add = (p: string) => {
    const clean = stripTrailingSlashes(p) || '/';
    if (!prefixes.includes(clean)) prefixes.push(clean);
  };

  // environments.txt: conda's own registry.
  const registered = new Set<string>();
  const envTxt = `${home}/.conda/environments.txt`;
  const txt = await readToolFile(ctx, envTxt).catch((e: unknown) => {
    if ((e as { code?: string }).code !== 'ENOENT') {
      problems.push({ locator: 'conda', path: envTxt, message: `cannot read: ${errText(e)}` });
    }
    return null;
  });
  for (const p of txt ? parseEnvironmentsTxt(txt) : []) {
    registered.add(p);
    add(p);
    // `<X>/envs/<name>` → X is a root even when X itself was never registered.
    if (path.posix.basename(path.posix.dirname(p)) === 'envs') addRoot(path.posix.dirname(path.posix.dirname(p)));
  }
  if (ctx.env.CONDA_PREFIX) add(ctx.env.CONDA_PREFIX);

  // envs_dirs from .condarc files (and root_prefix, which names a root).
  const envsDirs: string[] = [];
  const addDir = (d: string | null) => {
    if (d && !envsDirs.includes(d)) envsDirs.push(d);
  };
  for (const d of (ctx.env.CONDA_ENVS_PATH ?? ctx.env.CONDA_ENVS_DIRS ?? '').split(':')) {
    if (d) addDir(expandCondaPath(d, home, ctx.env));
  }
  for (const rc of condarcSearchPath(home, ctx.env, roots)) {
    const text = await tryReadToolFile(ctx, rc);
    if (text === null) continue;
    const parsed = parseCondarc(text);
    parsed.envsDirs.forEach((d, i) => {
      const x = expandCondaPath(d, home, ctx.env);
      if (x) addDir(x);
      else problems.push({ locator: 'conda', path: rc, message: `line ${parsed.lines[i]}: envs_dirs entry ${JSON.stringify(d)} is not an absolute path` });
    });
    addRoot(parsed.rootPrefix ? expandCondaPath(parsed.rootPrefix, home, ctx.env) : null);
  }
  addDir(`${home}/.conda/envs`);

  for (const r of roots) {
    add(r);
    addDir(`${r}/envs`);
  }
  for (const d of envsDirs) {
    for (const e of await ctx.tryReaddir(d)) {
      if (e.name.includes('\uFFFD')) {
        problems.push({ locator: 'conda', path: d, message: `non-UTF-8 env name ${JSON.stringify(e.name)} skipped` });
        continue;
      }
      if (!e.name.startsWith('.')) add(`${d}/${e.name}`);
    }
  }
  return { prefixes, roots, envsDirs, registered, problems };
}
