// Size on disk of an environment, computed lazily (never part of scan()): a bounded walk with lstat,
// so symlinks are not followed and a huge or looping tree cannot stall the caller.
import type { ScanContext } from '../context.js';
import type { Environment } from '../model.js';

export interface SizeResult {
  bytes: number;
  /** False when the entry budget or the abort signal cut the walk short (bytes is then a lower bound). */
  complete: boolean;
  entries: number;
}

export interface SizeOptions {
  /** Most entries to visit (default 200 000). */
  maxEntries?: number;
  signal?: AbortSignal;
}

/** Bytes used by env.prefix (allocated blocks when known, so sparse and hard-linked files count fairly). */
export async function computeSize(ctx: ScanContext, env: Environment, opts: SizeOptions = {}): Promise<SizeResult> {
  const max = opts.maxEntries ?? 200_000;
  let bytes = 0;
  let entries = 0;
  let complete = true;
  const seenInodes = new Set<string>();
  let queue: string[] = [env.prefix];
  while (queue.length) {
    const next: string[] = [];
    // Breadth-first, one directory level at a time, each level in parallel.
    await Promise.all(
      queue.map(async (dir) => {
        if (opts.signal?.aborted || entries >= max) {
          complete = false;
          return;
        }
        const list = await ctx.tryReaddir(dir);
        await Promise.all(
          list.map(async (e) => {
            if (entries >= max) {
              complete = false;
              return;
            }
            entries++;
            const p = `${dir}/${e.name}`;
            const st = await ctx.tryLstat(p);
            if (!st) return;
            const ino = `${st.dev}:${st.ino}`;
            if (st.nlink > 1 && seenInodes.has(ino)) return;
            if (st.nlink > 1) seenInodes.add(ino);
            bytes += st.blocks !== undefined ? st.blocks * 512 : st.size;
            if (st.isDirectory()) next.push(p);
          }),
        );
      }),
    );
    queue = next;
  }
  return { bytes, complete, entries };
}
