// Venv-family locator: well-known venv homes, $VIRTUAL_ENV, ~/.env-style dirs, the bounded HOME walk
// and --search dirs. Each venv is classified (virtualenvwrapper, pipenv, poetry, hatch, pdm, uv project).
import type { ScanContext } from '../context/scan-context.js';
import type { Environment, ScanProblem } from '../model.js';
import { parsePyvenvCfg } from '../formats/pyvenv-cfg.js';
import type { Locator, LocatorResult } from './locator.js';
import { envFromPrefix } from './env-prefix.js';
import { walkForVenvs } from './project-walk.js';
import { mapLimit } from './limit.js';
import { classifyVenv, legacyVirtualenv, venvParents, venvRoots, type VenvRoots } from './venv-kinds.js';
import { poetryEnvDirs } from './poetry-config.js';
import * as fs from './resolve.js';
import { pipxHomes } from './pipx.js';
import { venvToolManager } from './tool-manager.js';

/** Kinds whose tool manages the venv: the manager is that tool (Poetry's and pipenv's found as installed). */
const MANAGED = new Set(['poetry', 'pipenv', 'hatch', 'pdm']);
async function withManager(ctx: ScanContext, env: Environment): Promise<Environment> {
  if (MANAGED.has(env.kind)) {
    // pyvenv.cfg's virtualenv version (Poetry and pipenv create venvs with virtualenv) stays in meta.
    if (env.manager?.tool === 'virtualenv') (env.meta ??= {}).virtualenv = env.manager.version;
    env.manager = env.kind === 'poetry' || env.kind === 'pipenv' ? await venvToolManager(ctx, env.kind) : { tool: env.kind, version: null };
  }
  return env;
}

export const venvLocator: Locator = {
  name: 'venv',
  async locate(ctx: ScanContext): Promise<LocatorResult> {
    const problems: ScanProblem[] = [];
    const roots = venvRoots(ctx);
    // Poetry's config.toml may keep envs anywhere (virtualenvs.path, cache-dir): those come first.
    roots.poetry.unshift(...(await poetryEnvDirs(ctx)).dirs.filter((d) => !roots.poetry.includes(d)));
    const h = ctx.home;
    const candidates = new Set<string>();
    for (const d of [ctx.env.VIRTUAL_ENV, `${h}/.env`, `${h}/env`, `${h}/venv`, `${h}/.venv`]) if (d) candidates.add(d);
    // Central dirs (children are venvs) and hatch's nested layout: walked shallowly.
    const walks: Array<[string, number]> = venvParents(ctx, roots).map((d) => [d, 1]);
    walks.push([roots.hatch, 3], [h, ctx.depth], ...ctx.search.map((d): [string, number] => [d, ctx.depth]));
    const results = await Promise.all(walks.map(([d, depth]) => walkForVenvs(ctx, d, depth)));
    for (const r of results) {
      r.venvs.forEach((v) => candidates.add(v));
      problems.push(...r.problems);
    }
    // virtualenvwrapper's WORKON_HOME: PET counts any child with bin/activate and a bin/python as a
    // virtualenv (pet-virtualenv is_virtualenv), even with neither pyvenv.cfg nor orig-prefix.txt.
    const activateOnly = new Set<string>();
    for (const e of await fs.tryReaddir(ctx, roots.workon)) {
      const p = `${roots.workon}/${e.name}`;
      if (candidates.has(p) || !(await fs.isFile(ctx, `${p}/bin/activate`))) continue;
      if ((await fs.tryReaddir(ctx, `${p}/bin`)).some((b) => /^python(\d+(\.\d+)?)?$/.test(b.name))) activateOnly.add(p);
    }
    const checked = await mapLimit([...candidates, ...activateOnly], 64, async (p) =>
      activateOnly.has(p) || (await ctx.tryLstat(`${p}/pyvenv.cfg`)) || (await legacyVirtualenv(ctx, p)) ? p : null,
    );
    // PIPX_HOME/shared is pipx's own pip (on every pipx venv's path through pipx_shared.pth), not a user venv;
    // each pipx environment names it in meta.sharedLibs.
    const pipxShared = new Set((await pipxHomes(ctx)).map((x) => `${x.path}/shared`));
    for (const x of [...pipxShared]) {
      const real = await ctx.tryRealpath(x);
      if (real) pipxShared.add(real);
    }
    const prefixes = checked.filter((p): p is string => p !== null && !pipxShared.has(p));
    const environments: Environment[] = await mapLimit(prefixes, 16, (prefix) => venvAt(ctx, prefix, roots, activateOnly.has(prefix)));
    return { environments, problems };
  },
  async identify(ctx: ScanContext, prefix: string): Promise<Environment | null> {
    if (!(await ctx.tryLstat(`${prefix}/pyvenv.cfg`)) && !(await legacyVirtualenv(ctx, prefix))) return null;
    const roots = venvRoots(ctx);
    roots.poetry.unshift(...(await poetryEnvDirs(ctx)).dirs.filter((d) => !roots.poetry.includes(d)));
    const real = (await ctx.tryRealpath(prefix)) ?? prefix;
    for (const h of await pipxHomes(ctx)) if (real === ((await ctx.tryRealpath(`${h.path}/shared`)) ?? `${h.path}/shared`)) return null;
    return venvAt(ctx, prefix, roots);
  },
};

/** The venv at `prefix`, classified by the tool that made it (locate and identify share it). */
async function venvAt(ctx: ScanContext, prefix: string, roots: VenvRoots, activateOnly = false): Promise<Environment> {
  const text = await fs.tryReadText(ctx, `${prefix}/pyvenv.cfg`);
  const cfg = text !== null ? parsePyvenvCfg(text) : null;
  const c = await classifyVenv(ctx, prefix, roots, cfg && !('error' in cfg) ? cfg : null);
  const legacy = text === null ? await legacyVirtualenv(ctx, prefix) : null;
  if (!legacy && text === null && activateOnly) {
    // Nothing says which Python it was made from: the version only from lib/ and include/.
    return envFromPrefix(ctx, c.kind, prefix, c.name, { meta: { ...c.meta, legacyVirtualenv: true }, noProbe: true });
  }
  if (!legacy) return withManager(ctx, await envFromPrefix(ctx, c.kind, prefix, c.name, { meta: c.meta, ...(text !== null ? { pyvenvCfgText: text } : {}) }));
  const env = await envFromPrefix(ctx, c.kind, prefix, c.name, { meta: { ...c.meta, legacyVirtualenv: true, origPrefix: legacy.origPrefix }, noProbe: true });
  env.systemSitePackages = legacy.systemSite;
  env.python.base = legacy.origPrefix;
  env.manager = { tool: 'virtualenv', version: null };
  return env;
}
