// The scan: every locator in parallel, problems collected, duplicates folded, PATH resolved.
import os from 'node:os';
import type { ScanContext } from '../context/scan-context.js';
import type { Environment, Inventory, ScanProblem } from '../model.js';
import type { Locator } from './locator.js';
import { systemLocator } from './system.js';
import { venvLocator } from './venv.js';
import { dedupeEnvironments } from './dedupe.js';
import { shareSites } from './shared-sites.js';
import { resolvePath } from './path.js';
import { pipxLocator } from './pipx.js';
import { uvPythonLocator, uvToolLocator } from './uv.js';
import { condaLocator } from './conda.js';
import { pyenvLocator } from './pyenv.js';
import { asdfLocator, miseLocator } from './mise-asdf.js';
import { homebrewLocator } from './homebrew.js';
import { linkDependents } from '../lifecycle/dependents.js';

/** All locators run by scan(). Other locator modules add themselves here. */
export const LOCATORS: Locator[] = [
  systemLocator,
  venvLocator,
  pipxLocator,
  uvToolLocator,
  uvPythonLocator,
  condaLocator,
  pyenvLocator,
  miseLocator,
  asdfLocator,
  homebrewLocator,
];

export type ProgressFn = (locatorName: string, environmentsSoFar: Environment[]) => void;

export interface ScanRunOptions {
  locators?: Locator[];
  /** Called as each locator finishes, with the deduplicated environments found so far. */
  onProgress?: ProgressFn;
}

/**
 * One context per home to scan: ctx itself when it has one home (the usual case), else a child per
 * home (an SD card with /home/pi and /root) sharing ctx's caches. Only the first keeps --search dirs.
 */
export function homeContexts(ctx: ScanContext): ScanContext[] {
  if (ctx.homes.length === 0 || (ctx.homes.length === 1 && ctx.homes[0] === ctx.home)) return [ctx];
  return ctx.homes.map((h, i) => ctx.forHome(h, { primary: i === 0 }));
}

/** Scan the machine behind ctx and return the inventory (no sizes; see computeSize). */
export async function scan(ctx: ScanContext, opts: ScanRunOptions = {}): Promise<Inventory> {
  const locators = opts.locators ?? LOCATORS;
  const problems: ScanProblem[] = [];
  const found: Environment[] = [];
  const homeCtxs = homeContexts(ctx);
  // Machine-wide locators run once; per-home ones once per home. Duplicates (a /opt/conda seen from
  // two homes) fold in dedupe, by real path.
  const runs = locators.flatMap((loc) => (loc.scope === 'machine' ? [ctx] : homeCtxs).map((c) => [loc, c] as const));
  await Promise.all(
    runs.map(async ([loc, c]) => {
      try {
        const r = await loc.locate(c);
        found.push(...r.environments);
        problems.push(...r.problems);
      } catch (e) {
        // A broken locator costs its own kind, never the scan.
        problems.push({ locator: loc.name, message: `locator failed: ${e instanceof Error ? e.message : String(e)}` });
      }
      if (opts.onProgress) opts.onProgress(loc.name, await dedupeEnvironments(ctx, found));
    }),
  );
  const environments = await dedupeEnvironments(ctx, found);
  await shareSites(ctx, environments);
  linkDependents(environments);
  const path = await resolvePath(ctx, environments);
  return {
    schema: 'pyenvtui/inventory@1',
    generatedAt: ctx.now().toISOString(),
    root: ctx.root,
    host: await hostName(ctx),
    platform: ctx.platform,
    arch: ctx.arch,
    home: ctx.home,
    homes: ctx.homes,
    environments,
    path,
    // A machine-wide place seen from several homes (/opt/conda) reports its problem once.
    problems: [...new Map(problems.map((p) => [`${p.locator}\0${p.path ?? ''}\0${p.message}`, p])).values()],
  };
}

/** Progressive variant for the dashboard: same result, onProgress required. */
export function scanProgressive(ctx: ScanContext, onProgress: ProgressFn, locators?: Locator[]): Promise<Inventory> {
  return scan(ctx, { onProgress, ...(locators ? { locators } : {}) });
}

async function hostName(ctx: ScanContext): Promise<string> {
  if (ctx.root === '/') return os.hostname();
  return (await ctx.tryReadText('/etc/hostname'))?.trim() || `image:${ctx.root}`;
}
