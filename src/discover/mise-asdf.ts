// mise and asdf: Pythons under `installs/python/<version>`.
//
// mise: $MISE_DATA_DIR, else ${XDG_DATA_HOME:-~/.local/share}/mise. asdf: ${ASDF_DATA_DIR:-~/.asdf}.
// mise adds links beside real installs (`3.12` → `3.12.1`, `latest` → ...); they are one install, listed at
// the real dir with the links in meta.aliases. Both plugins build with python-build (pyenv's), so version names
// follow pyenv's (3.12.1, pypy3.10-7.3.17, ...) and are read with the same helpers. `.tool-versions` (both tools)
// upward from PWD or home names the active version.
import path from 'node:path';
import type { ScanContext } from '../context/scan-context.js';
import type { EnvKind, Environment, ScanProblem } from '../model.js';
import { parsePatchlevel } from '../formats/patchlevel.js';
import { tryReadToolFile } from './tool-files.js';
import type { Locator, LocatorResult } from './locator.js';
import { versionFromPyenvName, versionInsideName } from './pyenv.js';
import { envFromPrefix, errText } from './site.js';
import { mapLimit } from './limit.js';

/** installs/python dir of mise. */
export function miseInstallsDir(ctx: ScanContext): string {
  const data = ctx.env.MISE_DATA_DIR || `${ctx.env.XDG_DATA_HOME || `${ctx.home}/.local/share`}/mise`;
  return `${data}/installs/python`;
}

/** installs/python dir of asdf. */
export function asdfInstallsDir(ctx: ScanContext): string {
  return `${ctx.env.ASDF_DATA_DIR || `${ctx.home}/.asdf`}/installs/python`;
}

/** Python versions named by the nearest `.tool-versions` (`python 3.12.1 3.11.9`). */
export async function toolVersionsPython(ctx: ScanContext): Promise<{ names: string[]; source: string | null }> {
  const start = ctx.env.PWD && ctx.env.PWD.startsWith('/') ? ctx.env.PWD : ctx.home;
  for (let dir = start; ; dir = path.posix.dirname(dir)) {
    const f = `${dir === '/' ? '' : dir}/.tool-versions`;
    const t = await tryReadToolFile(ctx, f);
    if (t !== null) {
      for (const line of t.split(/\r?\n/)) {
        const words = line.replace(/#.*/, '').trim().split(/\s+/);
        if (words[0] === 'python' && words.length > 1) return { names: words.slice(1), source: f };
      }
    }
    if (dir === '/') return { names: [], source: null };
  }
}

async function headerVersion(ctx: ScanContext, prefix: string): Promise<string | null> {
  for (const e of await ctx.tryReaddir(`${prefix}/include`)) {
    if (!/^(python|pypy)\d/.test(e.name)) continue;
    const t = await tryReadToolFile(ctx, `${prefix}/include/${e.name}/patchlevel.h`);
    const v = t ? parsePatchlevel(t) : null;
    if (v) return v;
  }
  return null;
}

async function locateInstalls(ctx: ScanContext, kind: Extract<EnvKind, 'mise' | 'asdf'>, dir: string): Promise<LocatorResult> {
  const problems: ScanProblem[] = [];
  if (!(await ctx.tryLstat(dir))) return { environments: [], problems };
  let entries;
  try {
    entries = await ctx.readdir(dir);
  } catch (e) {
    return { environments: [], problems: [{ locator: kind, path: dir, message: `cannot list: ${errText(e)}` }] };
  }
  const byReal = new Map<string, { name: string; aliases: string[] }>();
  const links: Array<{ real: string; name: string }> = [];
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.name.startsWith('.')) continue;
    if (e.name.includes('\uFFFD')) {
      problems.push({ locator: kind, path: dir, message: `non-UTF-8 name ${JSON.stringify(e.name)} skipped` });
      continue;
    }
    const p = `${dir}/${e.name}`;
    const real = await ctx.tryRealpath(p);
    if (!real) {
      problems.push({ locator: kind, path: p, message: 'dangling or looping link' });
      continue;
    }
    if (!(await ctx.isDir(p))) continue;
    if (e.isSymbolicLink()) links.push({ real, name: e.name });
    else byReal.set(real, { name: e.name, aliases: [] });
  }
  for (const l of links) {
    const f = byReal.get(l.real);
    if (f) f.aliases.push(l.name);
    else byReal.set(l.real, { name: l.name, aliases: [] });
  }
  const active = await toolVersionsPython(ctx);
  const environments: Environment[] = await mapLimit([...byReal.values()], 16, async ({ name, aliases }) => {
    const prefix = `${dir}/${name}`;
    const version = versionFromPyenvName(name) ?? (await headerVersion(ctx, prefix)) ?? versionInsideName(name);
    const isActive = [name, ...aliases].some((n) => active.names.includes(n));
    return envFromPrefix(ctx, kind, prefix, name, {
      version,
      includeUserSite: true,
      noProbe: true,
      meta: { aliases, active: isActive, ...(isActive ? { activeSource: active.source } : {}) },
    });
  });
  return { environments, problems };
}

export const miseLocator: Locator = {
  name: 'mise',
  locate: (ctx) => locateInstalls(ctx, 'mise', miseInstallsDir(ctx)),
};

export const asdfLocator: Locator = {
  name: 'asdf',
  locate: (ctx) => locateInstalls(ctx, 'asdf', asdfInstallsDir(ctx)),
};
