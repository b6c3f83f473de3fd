// Which environments are built on which interpreter. Pure: it links the inventory's own facts (a venv's
// pyvenv.cfg home, an interpreter's executable and prefix); nothing is read or run.
import path from 'node:path';
import { minorVersion, type EnvKind, type Environment } from '../model.js';
import { stripTrailingSlashes } from '../text/trim.js';
import { kindsWhere } from '../kinds.js';

/** Kinds that are interpreters other environments can be made from. */
export const INTERPRETER_KINDS: ReadonlySet<EnvKind> = kindsWhere((t) => t.interpreter);

const trim = (p: string): string => stripTrailingSlashes(p) || '/';

/** Directories an interpreter's executables live in, as a venv's `home` would name them. */
function binDirs(e: Environment): string[] {
  const dirs = new Set<string>([`${trim(e.prefix)}/bin`]);
  if (e.python.executable) dirs.add(path.posix.dirname(e.python.executable));
  // pyenv accepts other names for the same version (versions/3.12 → 3.12.1): venvs may record those.
  const root = typeof e.meta?.pyenvRoot === 'string' ? e.meta.pyenvRoot : null;
  const aliases = Array.isArray(e.meta?.aliases) ? (e.meta.aliases as unknown[]).filter((a): a is string => typeof a === 'string') : [];
  if (root) for (const a of aliases) dirs.add(`${trim(root)}/versions/${a}/bin`);
  return [...dirs];
}

/** Sets `builtOn` on every environment with a base interpreter and `dependents` on every interpreter. */
export function linkDependents(envs: Environment[]): void {
  const byDir = new Map<string, Environment[]>();
  for (const e of envs) {
    if (!INTERPRETER_KINDS.has(e.kind)) continue;
    e.dependents = [];
    for (const d of binDirs(e)) byDir.set(d, [...(byDir.get(d) ?? []), e]);
  }
  for (const e of envs) {
    const base = e.python.base;
    if (!base) continue;
    const candidates = (byDir.get(trim(path.posix.dirname(base))) ?? []).filter((c) => c !== e);
    // /usr/bin holds python3.11 and python3.13: the venv's own minor version decides.
    const want = minorVersion(e.python.version);
    const on = candidates.find((c) => want !== null && minorVersion(c.python.version) === want) ?? (candidates.length === 1 ? candidates[0] : undefined);
    e.builtOn = on ? on.id : null;
    if (on) on.dependents!.push(e.id);
  }
  for (const e of envs) if (e.dependents) e.dependents.sort();
}
