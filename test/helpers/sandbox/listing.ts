// Exact file listings of a sandbox tree, for "nothing else changed" and "undo restored the exact
// previous state" assertions: every entry with its type, mode and content hash (or link text).
// Unlike listTree (sizes and mtimes, for the host guard), two listings are equal only when every
// byte, mode and symlink is the same.
import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';

export interface ListingOptions {
  /** Skip a path (relative to the listed dir, no leading slash) and everything under it. */
  exclude?: (rel: string) => boolean;
}

/**
 * Sorted lines, relative to `dir`: `a/` for a directory, `a/b -> target` for a symlink (never
 * followed: sandbox roots hold a link back to themselves), `a/f 644 <sha256/16>` for a file.
 */
export async function listing(dir: string, opts: ListingOptions = {}): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const e of await fsp.readdir(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      const rel = path.relative(dir, p);
      if (opts.exclude?.(rel)) continue;
      if (e.isSymbolicLink()) out.push(`${rel} -> ${await fsp.readlink(p)}`);
      else if (e.isDirectory()) {
        out.push(`${rel}/`);
        await walk(p);
      } else {
        const st = await fsp.stat(p);
        const hash = createHash('sha256').update(await fsp.readFile(p)).digest('hex').slice(0, 16);
        out.push(`${rel} ${(st.mode & 0o777).toString(8)} ${hash}`);
      }
    }
  };
  await walk(dir);
  return out.sort();
}

/** Lines of `after` not in `before` (added or changed) and of `before` not in `after` (removed or changed). */
export function diffListings(before: string[], after: string[]): { added: string[]; removed: string[] } {
  const b = new Set(before);
  const a = new Set(after);
  return { added: after.filter((x) => !b.has(x)), removed: before.filter((x) => !a.has(x)) };
}
