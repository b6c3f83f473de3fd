// Sizes that mean something, computed once. What belongs to an environment: its prefix, except for a
// system interpreter, whose prefix (/usr) holds the whole OS: there it is the interpreter binary, its
// stdlib (lib/pythonX.Y) and its site directories. Directory results are cached by the directory's
// mtime and ctime under ctx.cacheDir/sizes.json: adding, removing or renaming an entry moves them, so a
// second launch (a Raspberry Pi's SD card) lists and stats only directories that changed.
// Limits: a file rewritten in place without a rename keeps the old size until its directory changes;
// hard links are counted once within a directory walked fresh, and once per directory from the cache.
import { lstatSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { ScanContext } from '../context/scan-context.js';
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
  /**
   * A cache shared by many calls (openSizeCache), loaded once and saved by its owner; without one, each
   * context loads sizes.json once and saves it after every environment.
   */
  cache?: SizeCache;
}

/** The directories and files whose bytes are the environment's (machine paths). */
export function sizeRoots(env: Environment): string[] {
  if (env.kind !== 'system') return [env.prefix];
  const roots = new Set<string>();
  if (env.python.executable) roots.add(env.python.executable);
  const stdlib = typeof env.meta?.stdlib === 'string' ? env.meta.stdlib : null;
  if (stdlib) roots.add(stdlib);
  // Shared sites count for every interpreter that reads them; user sites belong to their users.
  for (const s of env.sites) if (s.scope !== 'user') roots.add(s.path);
  // A root inside another root is counted by the outer one.
  return [...roots].filter((r) => ![...roots].some((o) => o !== r && r.startsWith(`${o}/`))).sort();
}

/** [dir mtimeMs, dir ctimeMs, bytes of the entries directly inside, entries, names of subdirectories] */
type DirEntry = [number, number, number, number, string[]];
interface SizeFile {
  v: 1;
  dirs: Record<string, DirEntry>;
}

/** The per-directory size cache of one cache dir: what was read, and what this run saw. */
export interface SizeCache {
  file: string | null;
  dirs: Record<string, DirEntry>;
  next: Record<string, DirEntry>;
  /** A directory was read fresh since the last save (a launch that only hit the cache writes nothing). */
  changed: boolean;
}

function loadCache(ctx: ScanContext): SizeCache {
  return openSizeCache(ctx.cacheDir);
}

/** The size cache under `cacheDir` (null: an empty one that is never written). */
export function openSizeCache(cacheDir: string | null): SizeCache {
  const file = cacheDir ? `${cacheDir}/sizes.json` : null;
  let dirs: Record<string, DirEntry> = {};
  if (file) {
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as SizeFile;
      if (parsed.v === 1 && parsed.dirs && typeof parsed.dirs === 'object') dirs = parsed.dirs;
    } catch {
      /* no cache yet, or a damaged one: start over */
    }
  }
  return { file, dirs, next: {}, changed: false };
}

/** Writes what was seen (merged into what was read) when anything new was seen. Never throws. */
export function saveSizeCache(c: SizeCache): void {
  if (!c.file || !c.changed) return;
  c.changed = false;
  try {
    mkdirSync(c.file.slice(0, c.file.lastIndexOf('/')), { recursive: true });
    const tmp = `${c.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ v: 1, dirs: { ...c.dirs, ...c.next } } satisfies SizeFile));
    renameSync(tmp, c.file);
  } catch {
    /* a cache that cannot be written only costs time */
  }
}

/** Size of an environment's own files, depth first, breathing, with the per-directory cache. */
export async function sizeTree(ctx: ScanContext, env: Environment, opts: SizeOptions = {}): Promise<SizeResult> {
  const max = opts.maxEntries ?? 200_000;
  // One cache per scan context: the dashboard sizes several environments at once.
  const cache = opts.cache ?? ctx.memo('size-tree-cache', () => loadCache(ctx));
  const racyBefore = Date.now() - ctx.cacheRacyMs;
  let bytes = 0;
  let entries = 0;
  const seenInodes = new Set<string>();
  const stack: string[] = [];
  const result = (complete: boolean): SizeResult => {
    if (!opts.cache) saveSizeCache(cache);
    return { bytes, complete, entries };
  };
  for (const root of sizeRoots(env)) {
    const st = await ctx.tryLstat(root);
    if (!st) continue;
    if (st.isDirectory()) stack.push(root);
    else {
      bytes += st.blocks !== undefined ? st.blocks * 512 : st.size;
      entries++;
    }
  }
  while (stack.length) {
    if (opts.signal?.aborted) return result(false);
    await ctx.breathe();
    const dir = stack.pop()!;
    const host = ctx.hostPath(dir);
    const dst = lstatSafe(host);
    if (!dst) continue;
    const hit = cache.dirs[host];
    if (hit && hit[0] === dst.mtimeMs && hit[1] === dst.ctimeMs) {
      bytes += hit[2];
      entries += hit[3];
      cache.next[host] = hit;
      for (const sub of hit[4]) stack.push(`${dir}/${sub}`);
      if (entries >= max) return result(false);
      continue;
    }
    let own = 0;
    let count = 0;
    const subs: string[] = [];
    for (const e of await ctx.tryReaddir(dir)) {
      if (entries >= max) return result(false);
      if (++entries % 256 === 0) await ctx.breathe();
      count++;
      const st = await ctx.tryLstat(`${dir}/${e.name}`);
      if (!st) continue;
      if (st.nlink > 1 && !st.isDirectory()) {
        const ino = `${st.dev}:${st.ino}`;
        if (seenInodes.has(ino)) continue;
        seenInodes.add(ino);
      }
      own += st.blocks !== undefined ? st.blocks * 512 : st.size;
      if (st.isDirectory()) subs.push(e.name);
    }
    bytes += own;
    // A directory changed within the timestamp tick could change again unseen: not cached.
    if (dst.mtimeMs < racyBefore && dst.ctimeMs < racyBefore) {
      cache.next[host] = [dst.mtimeMs, dst.ctimeMs, own, count, subs];
      cache.changed = true;
    }
    for (const sub of subs) stack.push(`${dir}/${sub}`);
  }
  return result(true);
}

function lstatSafe(p: string): { mtimeMs: number; ctimeMs: number } | null {
  try {
    const st = lstatSync(p);
    return st.isDirectory() ? st : null;
  } catch {
    return null;
  }
}
