// The dashboard's background sizing: src/discover/size-tree.ts (depth first, one directory at a time,
// breathing every ~10 ms, so the keyboard never waits; a system interpreter counts its own files, not all
// of /usr; unchanged directories come from the cache).
import type { ScanContext } from '../context/scan-context.js';
import { computeSize, type SizeOptions, type SizeResult } from '../discover/size.js';
import type { Environment } from '../model.js';

/** Bytes used by the environment; `complete` is false when the budget or the signal cut the walk short. */
export function sizeInBackground(ctx: ScanContext, env: Environment, opts: SizeOptions = {}): Promise<SizeResult> {
  return computeSize(ctx, env, opts);
}
