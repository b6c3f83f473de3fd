// Path helpers for locators, on top of ScanContext (which caches every resolved path for the scan and
// answers "missing" without building an Error). Kept as free functions so locators read the same as
// before; they all share the context's one cache.
import type { Dirent, Stats } from 'node:fs';
import type { ScanContext } from '../context/scan-context.js';

/** Real machine path of p (throws like realpath(3)). */
export async function realpath(ctx: ScanContext, p: string): Promise<string> {
  return ctx.realpathSync(p);
}

export async function tryRealpath(ctx: ScanContext, p: string): Promise<string | null> {
  return ctx.tryRealpath(p);
}

/** Host path of the real file behind machine path p. */
export async function hostReal(ctx: ScanContext, p: string): Promise<string> {
  return ctx.hostPath(ctx.realpathSync(p));
}

export async function stat(ctx: ScanContext, p: string): Promise<Stats | null> {
  return ctx.tryStatSync(p);
}

export async function isDir(ctx: ScanContext, p: string): Promise<boolean> {
  return ctx.tryStatSync(p)?.isDirectory() ?? false;
}

export async function isFile(ctx: ScanContext, p: string): Promise<boolean> {
  return ctx.tryStatSync(p)?.isFile() ?? false;
}

export async function readdir(ctx: ScanContext, p: string): Promise<Dirent[]> {
  return ctx.readdirSync(p);
}

export async function tryReaddir(ctx: ScanContext, p: string): Promise<Dirent[]> {
  return ctx.tryReaddir(p);
}

export async function readText(ctx: ScanContext, p: string): Promise<string> {
  return ctx.readFileSync(p).toString('utf8');
}

/** Text of a regular file, or null (missing, unreadable, FIFO or device: never a blocking read). */
export async function tryReadText(ctx: ScanContext, p: string): Promise<string | null> {
  return ctx.tryReadText(p);
}

export async function isAny(ctx: ScanContext, p: string): Promise<boolean> {
  return ctx.tryStatSync(p) !== null;
}
