// "What is this directory?" answered by discovery itself: every locator is asked about one prefix
// (its identify(), or its locate() narrowed to that prefix), and the answers are folded by the same
// dedupe as a full scan. So `migrate --from PREFIX`, the dashboard and `scan` give one prefix one kind
// and one environment id.
import type { ScanContext } from '../context/scan-context.js';
import type { Environment } from '../model.js';
import { dedupeEnvironments } from './dedupe.js';
import { LOCATORS, homeContexts } from './index.js';
import type { Locator } from './locator.js';

async function realOf(ctx: ScanContext, p: string): Promise<string> {
  return (await ctx.tryRealpath(p)) ?? p;
}

/** The environments one locator reports at `prefix` (by real path), from identify() or locate(). */
async function askLocator(loc: Locator, ctx: ScanContext, prefix: string, want: string): Promise<Environment[]> {
  try {
    if (loc.identify) {
      const env = await loc.identify(ctx, prefix);
      return env ? [env] : [];
    }
    const { environments } = await loc.locate(ctx);
    const out: Environment[] = [];
    for (const e of environments) if ((await realOf(ctx, e.prefix)) === want) out.push(e);
    return out;
  } catch {
    return []; // a broken locator costs its own kind, as in scan()
  }
}

/**
 * The environment discovery reports at `prefix` (a machine path), with the kind, id and name a full
 * scan gives it; null when no locator knows the directory.
 */
export async function identifyPrefix(ctx: ScanContext, prefix: string, locators: Locator[] = LOCATORS): Promise<Environment | null> {
  const want = await realOf(ctx, prefix);
  const homes = homeContexts(ctx);
  const found = await Promise.all(
    locators.flatMap((loc) => (loc.scope === 'machine' ? [ctx] : homes).map((c) => askLocator(loc, c, prefix, want))),
  );
  const envs = await dedupeEnvironments(ctx, found.flat());
  // A system interpreter is keyed by its binary, so /usr may hold several: the first (by dedupe order) stands.
  return envs[0] ?? null;
}
