// PATH resolution: the one lookup of a command on a PATH, for the scanned machine (through the
// ScanContext) and for the operator's host (prepare, export/restore, the wizard's runner).
import { statSync, type Stats } from 'node:fs';
import type { ScanContext } from '../context/scan-context.js';
import { stripTrailingSlashes } from '../text/trim.js';

/** What a shell searches when PATH is unset (glibc's default, with /usr/local first as Debian's login PATH). */
export const DEFAULT_PATH = '/usr/local/bin:/usr/bin:/bin';

/** PATH's directories, without empty entries or trailing slashes; `skipShims` drops pyenv-style shim dirs. */
export function pathDirs(pathVar: string | undefined, opts: { skipShims?: boolean } = {}): string[] {
  return (pathVar ?? '')
    .split(':')
    .filter((d) => d && !(opts.skipShims && d.includes('/shims')))
    .map((d) => (d.length > 1 ? stripTrailingSlashes(d) : d));
}

function hostStat(p: string): Stats | null {
  try {
    return statSync(p);
  } catch {
    return null;
  }
}

/**
 * First executable file `name` in PATH's directories, or null. Shim directories are skipped: they are
 * slow, and pick another Python than the one a migration is about. `stat` follows symlinks.
 */
export function lookPath(name: string, pathVar: string | undefined, stat: (p: string) => Stats | null = hostStat): string | null {
  for (const dir of pathDirs(pathVar, { skipShims: true })) {
    const p = `${dir === '/' ? '' : dir}/${name}`;
    const st = stat(p);
    if (st?.isFile() && (st.mode & 0o111) !== 0) return p;
  }
  return null;
}

/** A command on the scanned machine's PATH (machine path), read through ctx. */
export function findOnPath(ctx: ScanContext, name: string): string | null {
  return lookPath(name, ctx.env.PATH, (p) => ctx.tryStat(p));
}

/** A command on the operator's PATH (host path); an unset PATH searches DEFAULT_PATH. */
export function findOnHostPath(name: string, pathVar: string | undefined): string | null {
  return lookPath(name, pathVar ?? DEFAULT_PATH);
}

/** Whether `dir` is on PATH (compared after removing trailing slashes). */
export function isOnPath(pathVar: string | undefined, dir: string): boolean {
  const want = dir.length > 1 ? stripTrailingSlashes(dir) : dir;
  return pathDirs(pathVar).includes(want);
}
