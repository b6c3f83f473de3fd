// pyenv: `${PYENV_ROOT:-~/.pyenv}/versions/<name>` installations and pyenv-virtualenv envs. `shims/` is
// never listed or run (shims are bash scripts that re-run pyenv: slow, and they would only point back here).
//
// Kinds: a version dir with pyvenv.cfg, or `versions/<ver>/envs/<name>`, is 'pyenv-virtualenv'; a version dir
// with `conda-meta/` (pyenv install miniconda3-latest, anaconda3-2023.03, ...) is left to the conda locator,
// because it is a conda installation with conda envs of its own and conda, not pip, owns its packages; the
// rest are 'pyenv'. pyenv-virtualenv links `versions/<name>` → `versions/<ver>/envs/<name>`; both spellings
// are one env, listed at its real path; meta.aliases holds the other names pyenv accepts for it (relative
// to versions/: `3.12.1/envs/venv-a`, the link `venv-a`, alias links such as `3.12` → `3.12.1`).
//
// Version: the directory name when it is one (3.12.1, 3.12.1a3, 3.13-dev), else patchlevel.h (PyPy keeps it
// in include/pypy3.9/), else a version inside the name (nogil-3.9.10-1), else what envFromPrefix reads.
import path from 'node:path';
import type { ScanContext } from '../context/scan-context.js';
import type { Environment, ScanProblem } from '../model.js';
import { parsePatchlevel } from '../formats/patchlevel.js';
import { pyenvRoot } from './conda-locations.js';
import { tryReadToolFile } from './tool-files.js';
import type { Locator, LocatorResult } from './locator.js';
import { envFromPrefix, errText } from './site.js';
import { mapLimit } from './limit.js';
import { pyenvVersionNames, resolvePyenvNames } from './pyenv-resolve.js';
import { pyenvManager } from './pyenv-manager.js';

export { pyenvRoot };

/** Version implied by a pyenv version name, when the name is a plain CPython version. */
export function versionFromPyenvName(name: string): string | null {
  const m = /^(\d+\.\d+(?:\.\d+)?(?:(?:a|b|rc)\d+)?(?:-dev)?)t?$/.exec(name);
  return m ? m[1]! : null;
}

/** A version embedded in a flavoured name (nogil-3.9.10-1 → 3.9.10, pypy3.9-7.3.15 → 3.9). */
export function versionInsideName(name: string): string | null {
  const pypy = /^(?:pypy|graalpy)(\d+\.\d+)/.exec(name);
  if (pypy) return pypy[1]!;
  if (/^(pypy|graalpy|graalpython|jython|ironpython)/.test(name)) return null;
  const m = /(?:^|[-_])(\d+\.\d+\.\d+)(?:[-_]|$)/.exec(name);
  return m ? m[1]! : null;
}

async function headerVersion(ctx: ScanContext, prefix: string): Promise<string | null> {
  const inc = (await ctx.tryReaddir(`${prefix}/include`)).map((e) => e.name);
  const dirs = inc.filter((n) => /^(python|pypy)\d/.test(n)).map((n) => `${prefix}/include/${n}`);
  if (inc.includes('patchlevel.h')) dirs.push(`${prefix}/include`);
  for (const d of dirs) {
    const t = await tryReadToolFile(ctx, `${d}/patchlevel.h`);
    const v = t ? parsePatchlevel(t) : null;
    if (v) return v;
  }
  return null;
}

export interface PyenvActive {
  names: string[];
  /** 'PYENV_VERSION', or the machine path of the file that chose the version. */
  source: string | null;
  /** 1-based line in that file, when it is a file. */
  line?: number;
}

function parseVersionFile(text: string): string[] {
  // pyenv-version-file-read: the first word of each line; empty lines and `#` comments skipped.
  return text
    .split(/\r?\n/)
    .map((l) => l.trim().split(/\s+/)[0] ?? '')
    .filter((w) => w !== '' && !w.startsWith('#'));
}

/** The version(s) pyenv would select: PYENV_VERSION, `.python-version` upward from PWD/home, $PYENV_ROOT/version. */
export async function pyenvActive(ctx: ScanContext, root: string): Promise<PyenvActive> {
  if (ctx.env.PYENV_VERSION) return { names: ctx.env.PYENV_VERSION.split(/[:\s]+/).filter(Boolean), source: 'PYENV_VERSION' };
  const start = ctx.env.PWD && ctx.env.PWD.startsWith('/') ? ctx.env.PWD : ctx.home;
  for (let dir = start; ; dir = path.posix.dirname(dir)) {
    const f = `${dir === '/' ? '' : dir}/.python-version`;
    const t = await tryReadToolFile(ctx, f);
    if (t !== null) {
      const names = parseVersionFile(t);
      if (names.length) return { names, source: f, line: 1 };
    }
    if (dir === '/') break;
  }
  const g = await tryReadToolFile(ctx, `${root}/version`);
  const names = g ? parseVersionFile(g) : [];
  return names.length ? { names, source: `${root}/version` } : { names: [], source: null };
}

export const pyenvLocator: Locator = {
  name: 'pyenv',
  async locate(ctx): Promise<LocatorResult> {
    const problems: ScanProblem[] = [];
    const root = pyenvRoot(ctx);
    const versions = `${root}/versions`;
    if (!(await ctx.tryLstat(versions))) return { environments: [], problems };
    let entries;
    try {
      entries = await ctx.readdir(versions);
    } catch (e) {
      return { environments: [], problems: [{ locator: 'pyenv', path: versions, message: `cannot list: ${errText(e)}` }] };
    }
    const active = await pyenvActive(ctx, root);
    // As pyenv-version-name resolves them: `3.12` in .python-version is the latest installed 3.12.x.
    const names = await pyenvVersionNames(ctx, root);
    const resolved = resolvePyenvNames(active.names, names.dirs, names.versionsNoEnvs);
    const selected = new Set(resolved.map((r) => r.version).filter((v): v is string => v !== null));
    // Real path → { prefix, name, kind, aliases }
    const found = new Map<string, { prefix: string; name: string; kind: 'pyenv' | 'pyenv-virtualenv'; aliases: string[] }>();
    const aliases: Array<{ real: string; alias: string }> = [];
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const n = e.name;
      if (n.startsWith('.')) continue;
      if (n.includes('\uFFFD')) {
        problems.push({ locator: 'pyenv', path: versions, message: `non-UTF-8 version name ${JSON.stringify(n)} skipped` });
        continue;
      }
      const p = `${versions}/${n}`;
      let real: string;
      try {
        real = await ctx.realpath(p);
      } catch (err) {
        problems.push({ locator: 'pyenv', path: p, message: `cannot follow: ${errText(err)}` });
        continue;
      }
      if (!(await ctx.isDir(p))) continue;
      if (e.isSymbolicLink()) {
        aliases.push({ real, alias: n });
        if (!real.startsWith(`${versions}/`)) {
          // A link to a Python elsewhere: list it under its pyenv name.
          if (!found.has(real)) found.set(real, { prefix: p, name: n, kind: 'pyenv', aliases: [] });
        }
        continue;
      }
      if (await ctx.isDir(`${p}/conda-meta`)) continue;
      const kind = (await ctx.tryLstat(`${p}/pyvenv.cfg`)) ? 'pyenv-virtualenv' : 'pyenv';
      found.set(real, { prefix: p, name: n, kind, aliases: [] });
      for (const ve of await ctx.tryReaddir(`${p}/envs`)) {
        const vp = `${p}/envs/${ve.name}`;
        if (ve.name.includes('\uFFFD') || !(await ctx.tryLstat(`${vp}/pyvenv.cfg`))) continue;
        const vr = await ctx.tryRealpath(vp);
        if (vr && !found.has(vr)) found.set(vr, { prefix: vp, name: ve.name, kind: 'pyenv-virtualenv', aliases: [`${n}/envs/${ve.name}`] });
      }
    }
    for (const a of aliases) {
      const f = found.get(a.real);
      if (f && !f.aliases.includes(a.alias)) f.aliases.push(a.alias);
    }

    const manager = await pyenvManager(ctx, root);
    const environments = await mapLimit([...found.values()], 16, async (f) => {
      const version =
        f.kind === 'pyenv'
          ? (versionFromPyenvName(f.name) ?? (await headerVersion(ctx, f.prefix)) ?? versionInsideName(f.name))
          : null;
      const isActive = [f.name, ...f.aliases].some((x) => selected.has(x));
      const selectedAs = resolved.find((r) => r.version !== null && [f.name, ...f.aliases].includes(r.version))?.name;
      const env: Environment = await envFromPrefix(ctx, f.kind, f.prefix, f.name, {
        version,
        includeUserSite: f.kind === 'pyenv',
        noProbe: true,
        meta: {
          pyenvRoot: root,
          aliases: f.aliases,
          active: isActive,
          ...(isActive ? { activeSource: active.source } : {}),
          ...(isActive && selectedAs && selectedAs !== f.name ? { selectedAs } : {}),
        },
      });
      env.manager = manager;
      return env;
    });
    return { environments, problems };
  },
};
