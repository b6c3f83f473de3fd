// Which tool made a venv: virtualenvwrapper, pipenv, poetry, hatch, pdm, uv project, or plain venv.
// Decided from where the venv lives and the files beside it; nothing is executed.
import path from 'node:path';
import type { ScanContext } from '../context/scan-context.js';
import type { EnvKind } from '../model.js';
import * as fs from './resolve.js';
import { stripTrailingSlashes } from '../text/trim.js';

export interface VenvRoots {
  workon: string;
  pipenv: string[];
  poetry: string[];
  hatch: string;
  pdm: string[];
}

/** Central venv directories of the tools, from the environment and their defaults. */
export function venvRoots(ctx: ScanContext): VenvRoots {
  const h = ctx.home;
  const xdgData = ctx.env.XDG_DATA_HOME ?? `${h}/.local/share`;
  const mac = ctx.platform === 'darwin';
  const poetry = [ctx.env.POETRY_VIRTUALENVS_PATH, ctx.env.POETRY_CACHE_DIR && `${ctx.env.POETRY_CACHE_DIR}/virtualenvs`,
    mac ? `${h}/Library/Caches/pypoetry/virtualenvs` : `${ctx.env.XDG_CACHE_HOME ?? `${h}/.cache`}/pypoetry/virtualenvs`];
  return {
    workon: ctx.env.WORKON_HOME ?? `${h}/.virtualenvs`,
    pipenv: [ctx.env.WORKON_HOME, `${xdgData}/virtualenvs`].filter((x): x is string => !!x),
    poetry: poetry.filter((x): x is string => !!x),
    hatch: `${ctx.env.HATCH_DATA_DIR ?? (mac ? `${h}/Library/Application Support/hatch` : `${xdgData}/hatch`)}/env/virtual`,
    pdm: [`${xdgData}/pdm/venvs`, `${h}/Library/Application Support/pdm/venvs`],
  };
}

/** Directories whose children are venvs (well-known places). */
export function venvParents(ctx: ScanContext, roots: VenvRoots): string[] {
  const h = ctx.home;
  return [
    roots.workon, ...roots.pipenv, ...roots.poetry, ...roots.pdm,
    `${h}/.venvs`, `${h}/envs`, `${h}/.virtualenvs`, `${h}/Envs`, `${h}/.direnv`,
  ];
}

export interface Classified {
  kind: EnvKind;
  name: string;
  meta: Record<string, unknown>;
}

const within = (p: string, dir: string): boolean => p.startsWith(stripTrailingSlashes(dir) + '/');

/** Kind, display name and meta of the venv at `prefix` (cfgText is pyvenv.cfg, when readable). */
export async function classifyVenv(
  ctx: ScanContext,
  prefix: string,
  roots: VenvRoots,
  cfg: { uv: string | null } | null,
): Promise<Classified> {
  const base = path.posix.basename(prefix);
  const parent = path.posix.dirname(prefix);
  const meta: Record<string, unknown> = {};

  if (within(prefix, roots.hatch)) {
    // env/virtual/<project>/<id>/<venv>
    const rel = prefix.slice(roots.hatch.length + 1).split('/');
    return { kind: 'hatch', name: `${rel[0] ?? base}:${rel[rel.length - 1]}`, meta: { project: rel[0] } };
  }
  // Project-local hatch envs (`dirs.env.virtual = ".hatch"`, hatch's documented in-project layout).
  if (path.posix.basename(parent) === '.hatch') {
    const proj = path.posix.dirname(parent);
    return { kind: 'hatch', name: `${path.posix.basename(proj)}:${base}`, meta: { project: proj, projectLocal: true } };
  }
  const project = await projectFile(ctx, prefix);
  // pipenv's central dirs: a `<name>-<8-char hash>` name or a .project file (PET's is_in_pipenv_centralized_dir;
  // pipenv writes .project for every central env, and older pipenv hashes were not always 8 characters).
  if ((/-[A-Za-z0-9_-]{8}$/.test(base) || project !== null) && roots.pipenv.some((d) => parent === d)) {
    const name = base.replace(/-[A-Za-z0-9_-]{8}$/, '');
    if (project && (await fs.isFile(ctx, `${project}/Pipfile`))) return { kind: 'pipenv', name, meta: { project } };
    // Stale pipenv venvs (the ones users want to clean up): pipenv's own directory, or a .project whose
    // folder name pipenv derived this venv's name from (pipenv: `<sanitised name>-<hash>`).
    const ownDir = parent === roots.pipenv[roots.pipenv.length - 1] && parent !== roots.workon;
    const derived = project !== null && base.startsWith(`${path.posix.basename(project).replace(/[ &$`!*@"()[\]\\\r\n\t]/g, '_').slice(0, 42)}-`);
    if (ownDir || derived) {
      const orphaned = project === null
        ? '.project is missing'
        : !(await fs.isDir(ctx, project)) ? `its project ${project} no longer exists` : `no Pipfile in ${project}`;
      return { kind: 'pipenv', name, meta: { ...(project ? { project } : {}), orphaned } };
    }
  }
  if (roots.poetry.some((d) => parent === d)) {
    const m = /^(.+)-[A-Za-z0-9_-]{8}-py(\d+\.\d+)$/.exec(base);
    return { kind: 'poetry', name: m ? m[1]! : base, meta: m ? { project: m[1] } : {} };
  }
  if (roots.pdm.some((d) => parent === d)) return { kind: 'pdm', name: base, meta };
  if (parent === roots.workon) {
    // A project folder that is gone is no project (PET's virtualenvwrapper get_project), but worth saying.
    if (project) meta[(await fs.isDir(ctx, project)) ? 'project' : 'missingProject'] = project;
    return { kind: 'virtualenvwrapper', name: base, meta };
  }
  // In-project venvs: the project dir's files say which tool manages it.
  const projName = /^\.?(venv|env)$/.test(base) ? path.posix.basename(parent) : base;
  if (/^\.?(venv|env)$/.test(base)) meta.project = parent;
  if (cfg?.uv) return { kind: 'uv-project', name: projName, meta };
  if (await fs.isFile(ctx, `${parent}/.pdm-python`)) return { kind: 'pdm', name: projName, meta };
  if (base === '.venv' && (await isPoetryProject(ctx, parent))) return { kind: 'poetry', name: projName, meta };
  if (base === '.venv' && (await fs.isFile(ctx, `${parent}/Pipfile`))) return { kind: 'pipenv', name: projName, meta };
  return { kind: 'venv', name: projName, meta };
}

/** A Poetry project: poetry.lock, poetry.toml, or a [tool.poetry] table in pyproject.toml (as PET checks). */
async function isPoetryProject(ctx: ScanContext, dir: string): Promise<boolean> {
  if ((await fs.isFile(ctx, `${dir}/poetry.lock`)) || (await fs.isFile(ctx, `${dir}/poetry.toml`))) return true;
  const py = await fs.tryReadText(ctx, `${dir}/pyproject.toml`);
  return py !== null && /^\s*\[tool\.poetry[\].]/m.test(py);
}

/**
 * A virtualenv older than 20 (no pyvenv.cfg): lib/pythonX.Y/orig-prefix.txt names the base prefix, and
 * no-global-site-packages.txt says the system site is off.
 */
export async function legacyVirtualenv(ctx: ScanContext, prefix: string): Promise<{ origPrefix: string; systemSite: boolean } | null> {
  for (const l of await fs.tryReaddir(ctx, `${prefix}/lib`)) {
    if (!/^(python|pypy)\d/.test(l.name)) continue;
    const orig = await fs.tryReadText(ctx, `${prefix}/lib/${l.name}/orig-prefix.txt`);
    if (orig === null) continue;
    const noGlobal = await fs.isFile(ctx, `${prefix}/lib/${l.name}/no-global-site-packages.txt`);
    return { origPrefix: orig.trim(), systemSite: !noGlobal };
  }
  return null;
}

/** The `.project` file of virtualenvwrapper/pipenv: one line naming the project directory. */
async function projectFile(ctx: ScanContext, prefix: string): Promise<string | null> {
  const t = await fs.tryReadText(ctx, `${prefix}/.project`);
  const line = t?.split(/\r?\n/, 1)[0]?.trim();
  return line && line.startsWith('/') ? line : null;
}
