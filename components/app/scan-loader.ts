// The real loader: scan the machine progressively, evaluate the risk rules, then compute sizes
// in the background (a bounded walk per environment) so the screen never waits for `du`.
import os from 'node:os';
import { ScanContext, type Env } from '../../src/context.js';
import { LOCATORS, scanProgressive } from '../../src/discover/index.js';
import { computeSize } from '../../src/discover/size.js';
import type { Environment, Inventory } from '../../src/model.js';
import { evaluate } from '../../src/risk/index.js';
import type { InventoryLoader } from './use-inventory.js';

export interface ScanLoaderOptions {
  /** Host directory treated as "/". */
  root: string;
  /** Extra directories to search (machine paths). */
  search: string[];
  depth?: number;
  env: Env;
  /** Environments sized at once. */
  sizeConcurrency?: number;
}

function skeleton(ctx: ScanContext, environments: Environment[]): Inventory {
  return {
    schema: 'pyenvtui/inventory@1',
    generatedAt: ctx.now().toISOString(),
    root: ctx.root,
    host: ctx.root === '/' ? os.hostname() : '',
    platform: ctx.platform,
    arch: ctx.arch,
    home: ctx.home,
    environments,
    path: { dirs: [], python: null, python3: null, pip: null, pip3: null, commands: [] },
    problems: [],
  };
}

export function createScanLoader(opts: ScanLoaderOptions): InventoryLoader {
  return async (events, signal) => {
    const ctx = new ScanContext({ root: opts.root, env: opts.env, search: opts.search, ...(opts.depth !== undefined ? { depth: opts.depth } : {}) });
    const total = LOCATORS.length;
    const active = new Set(LOCATORS.map((l) => l.name));
    let done = 0;
    events.progress({ inventory: skeleton(ctx, []), done, total, active: [...active] });
    const inv = await scanProgressive(ctx, (name, envs) => {
      done++;
      active.delete(name);
      if (!signal.aborted) events.progress({ inventory: skeleton(ctx, envs), done, total, active: [...active] });
    });
    if (signal.aborted) return;
    const findings = await evaluate(inv, ctx);
    if (signal.aborted) return;
    events.done(inv, findings);
    await sizeAll(ctx, inv.environments, opts.sizeConcurrency ?? 4, signal, events.sizes);
  };
}

/** Sizes every environment, a few at a time, reporting in small batches. */
async function sizeAll(
  ctx: ScanContext,
  envs: Environment[],
  concurrency: number,
  signal: AbortSignal,
  report: (sizes: Record<string, number>, sizing: boolean) => void,
): Promise<void> {
  if (envs.length === 0) return;
  report({}, true);
  let batch: Record<string, number> = {};
  let inBatch = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < envs.length && !signal.aborted) {
      const env = envs[next++]!;
      const r = await computeSize(ctx, env, { signal });
      batch[env.id] = r.bytes;
      // Batches keep a 1,000-env machine from re-rendering a thousand times.
      if (++inBatch >= 8) {
        report(batch, true);
        batch = {};
        inBatch = 0;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, envs.length) }, worker));
  if (!signal.aborted) report(batch, false);
}
