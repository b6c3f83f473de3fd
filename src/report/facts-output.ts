// Writes `scan --facts[=full]` and `scan --json-lines` for an analysed inventory. Facts carry sizes,
// so this is the one report that walks environment trees: bounded per environment (a lower bound
// past the budget) so a host with a huge conda env still answers within Ansible's gather timeout.
import type { ScanContext } from '../context/scan-context.js';
import { computeSize } from '../discover/size.js';
import { openSizeCache, saveSizeCache } from '../discover/size-tree.js';
import type { Inventory } from '../model.js';
import type { Platform } from '../platform/types.js';
import { VERSION } from '../version.js';
import { buildFacts, environmentLines } from './facts.js';

/** Entries visited per environment at most (a 50-package venv has ~2,000): past it, a lower bound. */
const SIZE_BUDGET = 20_000;
/** Walking stops after this long; environments not measured by then report null (not measured). */
const SIZE_DEADLINE_MS = 3_000;
const PARALLEL = 8;

export interface FactsOutputOptions {
  full: boolean;
  sizes: boolean;
}

/** Measures every environment's size, a few at a time. */
export async function environmentSizes(ctx: ScanContext, inv: Inventory): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  let next = 0;
  const signal = AbortSignal.timeout(SIZE_DEADLINE_MS);
  // One directory-size cache for every environment, written once at the end (and only when something
  // was read fresh): saved after each environment, sizes.json (megabytes for 1000 environments) cost
  // ~2 s of CPU in JSON.stringify on every gather.
  const cache = openSizeCache(ctx.cacheDir);
  const worker = async (): Promise<void> => {
    while (next < inv.environments.length && !signal.aborted) {
      const env = inv.environments[next++]!;
      // The system interpreter's prefix is /usr: its size says nothing about Python.
      if (env.kind === 'system' || env.kind === 'homebrew') continue;
      const r = await computeSize(ctx, env, { maxEntries: SIZE_BUDGET, signal, cache });
      if (!signal.aborted) sizes.set(env.id, r.bytes);
      await ctx.breathe();
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  saveSizeCache(cache);
  return sizes;
}

/** The facts document as one compact JSON line. */
export async function factsText(ctx: ScanContext, inv: Inventory, platform: Platform, env: Record<string, string | undefined>, opts: FactsOutputOptions): Promise<string> {
  const sizes = opts.sizes ? await environmentSizes(ctx, inv) : undefined;
  const user = env.USER || env.LOGNAME || null;
  const doc = buildFacts({ inv, platform, version: VERSION, user, uid: ctx.uid, full: opts.full, ...(sizes ? { sizes } : {}) });
  return JSON.stringify(doc) + '\n';
}

/** One environment per line, written as it goes (waits for the stream to drain). */
export async function writeJsonLines(inv: Inventory, out: NodeJS.WritableStream): Promise<void> {
  for (const line of environmentLines(inv)) {
    if (!out.write(line + '\n')) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
}
