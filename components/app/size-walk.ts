// The dashboard's background sizing: the same answer as src/discover/size.ts's computeSize (allocated
// blocks under env.prefix, lstat only, hard links once, an entry budget), walked depth first, one
// directory at a time, letting the event loop run every ~10 ms.
//
// Why not computeSize itself: it reads a whole tree level at once (Promise.all over every directory of
// the level), with synchronous reads underneath. On the system interpreter (prefix /usr) a level holds
// thousands of directories: their listings are all alive together (peak RSS 107 -> 90 MiB on a Debian
// host with this walk) and the keyboard waits until the level is done (over a second).
import type { ScanContext } from '../../src/context.js';
import type { SizeOptions, SizeResult } from '../../src/discover/size.js';
import type { Environment } from '../../src/model.js';

/** Bytes used by env.prefix; `complete` is false when the budget or the signal cut the walk short. */
export async function sizeInBackground(ctx: ScanContext, env: Environment, opts: SizeOptions = {}): Promise<SizeResult> {
  const max = opts.maxEntries ?? 200_000;
  let bytes = 0;
  let entries = 0;
  const seenInodes = new Set<string>();
  const stack: string[] = [env.prefix];
  while (stack.length) {
    if (opts.signal?.aborted) return { bytes, complete: false, entries };
    await ctx.breathe();
    const dir = stack.pop()!;
    for (const e of await ctx.tryReaddir(dir)) {
      if (entries >= max) return { bytes, complete: false, entries };
      // A directory can hold thousands of files (/usr/lib/x86_64-linux-gnu): breathe inside it too.
      if (++entries % 256 === 0) await ctx.breathe();
      const st = await ctx.tryLstat(`${dir}/${e.name}`);
      if (!st) continue;
      if (st.nlink > 1) {
        const ino = `${st.dev}:${st.ino}`;
        if (seenInodes.has(ino)) continue;
        seenInodes.add(ino);
      }
      bytes += st.blocks !== undefined ? st.blocks * 512 : st.size;
      if (st.isDirectory()) stack.push(`${dir}/${e.name}`);
    }
  }
  return { bytes, complete: true, entries };
}
