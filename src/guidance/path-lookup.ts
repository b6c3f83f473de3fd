// Find a command on the scanned machine's PATH (ctx.env.PATH), from files only.
import type { ScanContext } from '../context.js';
import { stripTrailingSlashes } from '../text/trim.js';

/** PATH directories of the scanned environment, without empty entries or trailing slashes. */
export function pathDirs(ctx: ScanContext): string[] {
  return (ctx.env.PATH ?? '')
    .split(':')
    .filter(Boolean)
    .map((d) => (d.length > 1 ? stripTrailingSlashes(d) : d));
}

/** First executable file named `name` on PATH (machine path), or null. */
export async function findOnPath(ctx: ScanContext, name: string): Promise<string | null> {
  for (const dir of pathDirs(ctx)) {
    const p = `${dir}/${name}`;
    const st = await ctx.tryStat(p);
    if (st?.isFile() && (st.mode & 0o111) !== 0) return p;
  }
  return null;
}

/** Whether `dir` is on PATH (compared after removing trailing slashes). */
export function isOnPath(ctx: ScanContext, dir: string): boolean {
  const want = dir.length > 1 ? stripTrailingSlashes(dir) : dir;
  return pathDirs(ctx).includes(want);
}
