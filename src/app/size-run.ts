// The dashboard's sizing after the scan: only the environments the screen asks for (the visible window
// of the list, the selected one's detail, or everything after the size-all key), each once per scan,
// a few at a time, reported in small batches. On a Raspberry Pi, sizing every environment at each
// start walked /usr and ~/.pyenv for 30-50 s of CPU (issue 15 item 3); now a launch sizes a screenful.
import type { ScanContext } from '../context/scan-context.js';
import { saveSizeCache, type SizeCache } from '../discover/size.js';
import type { Environment } from '../model.js';
import type { SizeDemandSource } from './loader.js';
import { nextToSize, SizeDemand, WANT_ALL } from './size-demand.js';
import { sizeInBackground } from './size-walk.js';

/** Least time between two reports of sizes. */
const SIZE_REPORT_MS = 250;

export interface SizeRunOptions {
  /** A fresh context per environment (a context caches every directory it resolves). */
  contextFor: () => ScanContext;
  envs: readonly Environment[];
  concurrency: number;
  signal: AbortSignal;
  report: (sizes: Record<string, number>, sizing: boolean) => void;
  /** One size cache for the whole run: saved each time sizing goes idle, so a quit loses nothing. */
  cache: SizeCache;
  /** What the screen wants; none: every environment, then the run ends. */
  demand?: SizeDemandSource;
}

/**
 * Sizes what is wanted until the signal aborts (with a demand: waiting for the want to change when
 * everything wanted is known) or, without one, until every environment is sized. Reports `sizing`
 * true while a walk is pending and false once the wanted ones are all known.
 */
export async function sizeWanted(o: SizeRunOptions): Promise<void> {
  if (o.envs.length === 0) return;
  const byId = new Map(o.envs.map((e) => [e.id, e]));
  const order = o.envs.map((e) => e.id);
  const known = new Set(order);
  const demand = o.demand ?? new SizeDemand(WANT_ALL);
  const open = o.demand !== undefined;
  const taken = new Set<string>();
  let busy = 0;
  let batch: Record<string, number> = {};
  let said = false;
  let last = performance.now();
  const flush = (sizing: boolean): void => {
    if (Object.keys(batch).length === 0 && sizing === said) return;
    o.report(batch, sizing);
    batch = {};
    said = sizing;
    last = performance.now();
  };
  const worker = async (): Promise<void> => {
    while (!o.signal.aborted) {
      const id = nextToSize(demand.get(), order, known, taken);
      if (id === undefined) {
        if (busy === 0) {
          flush(false);
          saveSizeCache(o.cache);
        }
        if (!open) return;
        await demand.changed(o.signal);
        continue;
      }
      taken.add(id);
      busy++;
      if (!said) flush(true);
      const r = await sizeInBackground(o.contextFor(), byId.get(id)!, { signal: o.signal, cache: o.cache });
      // Each walk breathes every ~10 ms of its own; small ones end sooner, so yield between them too.
      await new Promise<void>((res) => setImmediate(res));
      busy--;
      if (o.signal.aborted) return;
      batch[id] = r.bytes;
      // Each report re-sorts and redraws the list: a few a second fill the column in without taking
      // the keyboard's turn (per 8 envs, a 1,000-env machine answered a key in ~115 ms while sizing).
      if (performance.now() - last >= SIZE_REPORT_MS) flush(true);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(o.concurrency, o.envs.length)) }, worker));
}
