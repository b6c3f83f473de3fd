// The real loader: scan the machine progressively, analyze it (playbook advice and findings), then
// compute sizes in the background, only those the screen asks for (size-run.ts), so the screen never
// waits for `du` and a launch does not walk every environment.
import os from 'node:os';
import { ScanContext, type Env } from '../context/scan-context.js';
import { LOCATORS, scanProgressive } from '../discover/index.js';
import type { Environment, Finding, Inventory } from '../model.js';
import { analyze } from '../analyze.js';
import { sizeWanted } from './size-run.js';
import { openSizeCache, saveSizeCache } from '../discover/size.js';
import type { InventoryLoader, ScanEvents, ScanProgress } from './loader.js';

export interface ScanLoaderOptions {
  /** Host directory treated as "/". */
  root: string;
  /** Extra directories to search (machine paths). */
  search: string[];
  depth?: number;
  env: Env;
  /** Environments sized at once (default 1: the walk reads synchronously, more only holds more garbage). */
  sizeConcurrency?: number;
  /** Least time between two progress reports (each one is a React render and a yoga layout). */
  progressMs?: number;
  /**
   * How long sizing waits after the findings are reported: Ink writes a frame at most every
   * 1000/maxFps ms, and the complete screen must reach the terminal before the disk walk begins.
   */
  sizeDelayMs?: number;
  /** Passed to the sizing contexts (tests: 0, so directories just made are cached at once). */
  cacheRacyMs?: number;
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
  return async (events, signal, demand) => {
    const scanned = await scanAndAnalyze(opts, events, signal);
    if (!scanned || signal.aborted) return;
    events.done(scanned.inv, scanned.findings);
    await pause(opts.sizeDelayMs ?? 150, signal);
    if (signal.aborted) return;
    // Each environment is sized through a context of its own: a context caches every directory it
    // resolves (100 venvs: ~10 MB more heap, ~4 MB RSS, held as long as the context lives). The size
    // cache (directory sizes keyed by mtime and ctime) is one for all of them: read once, written once
    // each time sizing goes idle and when it stops, so a second launch lists only the directories that changed.
    const { home, homes, cacheDir } = scanned;
    const cache = openSizeCache(cacheDir);
    const racy = opts.cacheRacyMs !== undefined ? { cacheRacyMs: opts.cacheRacyMs } : {};
    const sizer = (): ScanContext => new ScanContext({ root: opts.root, env: opts.env, home, homes, cacheDir: null, ...racy });
    try {
      await sizeWanted({
        contextFor: sizer,
        envs: scanned.inv.environments,
        concurrency: opts.sizeConcurrency ?? 1,
        signal,
        report: events.sizes,
        cache,
        ...(demand ? { demand } : {}),
      });
    } finally {
      saveSizeCache(cache);
    }
  };
}

/**
 * The scan and its analysis, in a function of their own so that the scan's context (its path cache,
 * dpkg and apt indexes: ~6 MB on a Debian host) is garbage once the findings are out, not held by the
 * loader's closure for as long as sizing runs.
 */
async function scanAndAnalyze(
  opts: ScanLoaderOptions,
  events: ScanEvents,
  signal: AbortSignal,
): Promise<{ inv: Inventory; findings: Finding[]; home: string; homes: string[]; cacheDir: string | null } | null> {
  const ctx = new ScanContext({ root: opts.root, env: opts.env, search: opts.search, ...(opts.depth !== undefined ? { depth: opts.depth } : {}) });
  const total = LOCATORS.length;
  const active = new Set(LOCATORS.map((l) => l.name));
  let done = 0;
  // Locators finish in bursts (a dozen within a few ms on a small machine): one report per frame
  // interval is all the screen can show, and each report costs a full render and layout.
  const report = throttled(opts.progressMs ?? 66, (p: ScanProgress) => !signal.aborted && events.progress(p));
  // Not sent at once: a scan that ends within one interval goes straight to the complete screen.
  report.push({ inventory: skeleton(ctx, []), done, total, active: [...active] });
  const inv = await scanProgressive(ctx, (name, envs) => {
    done++;
    active.delete(name);
    report.push({ inventory: skeleton(ctx, envs), done, total, active: [...active] });
  }).finally(() => report.cancel());
  if (signal.aborted) return null;
  const { findings } = await analyze(inv, ctx);
  return { inv, findings, home: ctx.home, homes: ctx.homes, cacheDir: ctx.cacheDir };
}

/** Resolves after ms, or at once when the scan is aborted (a rescan must not wait for it). */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((res) => {
    const done = (): void => {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      res();
    };
    const t = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}

/**
 * At most one call per `ms`, counted from creation: values are coalesced into the newest, which is
 * sent when the interval has passed (so a slow locator after a burst still shows the burst's result).
 */
export function throttled<T>(ms: number, send: (v: T) => unknown): { push(v: T): void; cancel(): void } {
  let last = performance.now();
  let pending: { v: T } | null = null;
  let timer: NodeJS.Timeout | null = null;
  const flush = (): void => {
    timer = null;
    if (!pending) return;
    const { v } = pending;
    pending = null;
    last = performance.now();
    send(v);
  };
  return {
    push(v) {
      pending = { v };
      const wait = last + ms - performance.now();
      if (wait <= 0 && !timer) flush();
      else timer ??= setTimeout(flush, Math.max(0, wait));
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
      pending = null;
    },
  };
}
