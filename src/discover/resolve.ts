// Memoised path resolution for the scan. ScanContext.realpath under --root lstat's every component
// of every path; a scan of 1000 envs asks about the same directories tens of thousands of times.
// Here each settled answer (machine path → real machine path) is cached per ScanContext, so a new
// path costs one lstat for its last component. Semantics match ctx.realpath: absolute link targets
// stay inside the root; ENOENT for dangling links, ELOOP after 40 hops.
import { promises as fsp, type Dirent, type Stats } from 'node:fs';
import path from 'node:path';
import type { ScanContext } from '../context.js';

const caches = new WeakMap<ScanContext, Map<string, string>>();

function cacheOf(ctx: ScanContext): Map<string, string> {
  let c = caches.get(ctx);
  if (!c) caches.set(ctx, (c = new Map()));
  return c;
}

/** Real machine path of p (throws like realpath(3)). */
export async function realpath(ctx: ScanContext, p: string): Promise<string> {
  return resolve(ctx, cacheOf(ctx), path.posix.resolve('/', p), { hops: 0 });
}

export async function tryRealpath(ctx: ScanContext, p: string): Promise<string | null> {
  try {
    return await realpath(ctx, p);
  } catch {
    return null;
  }
}

async function resolve(ctx: ScanContext, cache: Map<string, string>, p: string, st: { hops: number }): Promise<string> {
  if (p === '/') return '/';
  const hit = cache.get(p);
  if (hit !== undefined) return hit;
  const parent = await resolve(ctx, cache, path.posix.dirname(p), st);
  const cand = parent === '/' ? `/${path.posix.basename(p)}` : `${parent}/${path.posix.basename(p)}`;
  const host = ctx.hostPath(cand);
  const ls = await fsp.lstat(host);
  let out = cand;
  if (ls.isSymbolicLink()) {
    if (++st.hops > 40) throw Object.assign(new Error(`ELOOP: too many symbolic links: ${p}`), { code: 'ELOOP' });
    const target = await fsp.readlink(host);
    out = await resolve(ctx, cache, path.posix.resolve(parent, target), st);
  }
  // Only settled answers are cached: caching pending promises could deadlock two chains on a loop.
  cache.set(p, out);
  return out;
}

/** Host path of the real file behind machine path p. */
export async function hostReal(ctx: ScanContext, p: string): Promise<string> {
  return ctx.hostPath(await realpath(ctx, p));
}

export async function stat(ctx: ScanContext, p: string): Promise<Stats | null> {
  try {
    return await fsp.stat(await hostReal(ctx, p));
  } catch {
    return null;
  }
}

export async function isDir(ctx: ScanContext, p: string): Promise<boolean> {
  return (await stat(ctx, p))?.isDirectory() ?? false;
}

export async function isFile(ctx: ScanContext, p: string): Promise<boolean> {
  return (await stat(ctx, p))?.isFile() ?? false;
}

export async function readdir(ctx: ScanContext, p: string): Promise<Dirent[]> {
  return fsp.readdir(await hostReal(ctx, p), { withFileTypes: true });
}

export async function tryReaddir(ctx: ScanContext, p: string): Promise<Dirent[]> {
  try {
    return await readdir(ctx, p);
  } catch {
    return [];
  }
}

export async function readText(ctx: ScanContext, p: string): Promise<string> {
  return (await fsp.readFile(await hostReal(ctx, p))).toString('utf8');
}

export async function tryReadText(ctx: ScanContext, p: string): Promise<string | null> {
  try {
    const h = await hostReal(ctx, p);
    // Never open a FIFO or device: a read would block the scan.
    if (!(await fsp.stat(h)).isFile()) return null;
    return (await fsp.readFile(h)).toString('utf8');
  } catch {
    return null;
  }
}

export async function isAny(ctx: ScanContext, p: string): Promise<boolean> {
  return (await stat(ctx, p)) !== null;
}
