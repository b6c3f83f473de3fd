// Path helpers for locators, on top of ScanContext (which caches every resolved path for the scan and
// answers "missing" without building an Error). Kept as free functions so locators read the same as
// before; they all share the context's one cache.
import type { Dirent, Stats } from 'node:fs';
import type { ScanContext } from '../context/scan-context.js';

/** Real machine path of p (throws like realpath(3)). */
export async function realpath(ctx: ScanContext, p: string): Promise<string> {
  return ctx.realpath(p);
}

export async function tryRealpath(ctx: ScanContext, p: string): Promise<string | null> {
  return ctx.tryRealpath(p);
}

/** Host path of the real file behind machine path p. */
export async function hostReal(ctx: ScanContext, p: string): Promise<string> {
  return ctx.hostPath(ctx.realpath(p));
}

export async function stat(ctx: ScanContext, p: string): Promise<Stats | null> {
  return ctx.tryStat(p);
}

export async function isDir(ctx: ScanContext, p: string): Promise<boolean> {
  return ctx.tryStat(p)?.isDirectory() ?? false;
}

export async function isFile(ctx: ScanContext, p: string): Promise<boolean> {
  return ctx.tryStat(p)?.isFile() ?? false;
}

export async function readdir(ctx: ScanContext, p: string): Promise<Dirent[]> {
  return ctx.readdir(p);
}

export async function tryReaddir(ctx: ScanContext, p: string): Promise<Dirent[]> {
  return ctx.tryReaddir(p);
}

export async function readText(ctx: ScanContext, p: string): Promise<string> {
  return ctx.readFile(p).toString('utf8');
}

/** Text of a regular file, or null (missing, unreadable, FIFO or device: never a blocking read). */
export async function tryReadText(ctx: ScanContext, p: string): Promise<string | null> {
  return ctx.tryReadText(p);
}

export async function isAny(ctx: ScanContext, p: string): Promise<boolean> {
  return ctx.tryStat(p) !== null;
}
