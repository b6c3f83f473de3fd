// Size on disk of an environment, computed lazily (never part of scan()): see size-tree.ts for what is
// counted (a system interpreter's own files, not all of /usr) and the per-directory cache.
import type { ScanContext } from '../context/scan-context.js';
import type { Environment } from '../model.js';
import { sizeTree, type SizeOptions, type SizeResult } from './size-tree.js';

export type { SizeCache, SizeOptions, SizeResult } from './size-tree.js';
export { openSizeCache, saveSizeCache, sizeRoots } from './size-tree.js';

/** Bytes used by the environment (allocated blocks when known, so sparse and hard-linked files count fairly). */
export function computeSize(ctx: ScanContext, env: Environment, opts: SizeOptions = {}): Promise<SizeResult> {
  return sizeTree(ctx, env, opts);
}
