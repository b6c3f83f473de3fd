// The dashboard's side of a loader (src/app/loader.ts): runs it on mount and on every rescan, turns
// its events into reducer actions, and tells it which environments the screen wants sized.
import { useEffect, useRef, type Dispatch } from 'react';
import type { InventoryLoader, SizeWant } from '../../src/app/loader.js';
import { SizeDemand } from '../../src/app/size-demand.js';
import type { Action } from '../state/dashboard-reducer.js';

export type { InventoryLoader, ScanEvents, ScanProgress } from '../../src/app/loader.js';

/**
 * Runs the loader on mount and again whenever `generation` changes (r = rescan). `want` (from
 * components/state/size-wants.ts) is what the screen shows sizes for; scrolling changes it and the
 * loader sizes the newly visible environments. Without it the loader sizes everything.
 */
export function useInventory(loader: InventoryLoader | undefined, generation: number, dispatch: Dispatch<Action>, want?: SizeWant): void {
  const demand = useRef<SizeDemand | null>(null);
  const latest = useRef(want);
  latest.current = want;
  useEffect(() => {
    if (!loader) return;
    const ac = new AbortController();
    const live = (): boolean => !ac.signal.aborted;
    const d = latest.current ? new SizeDemand(latest.current) : null;
    demand.current = d;
    dispatch({ type: 'scan-start' });
    // Start on the next turn of the event loop: the first frame is flushed and the keyboard is in
    // raw mode before discovery's synchronous reads begin (Ctrl-C then reaches the key router).
    const timer = setImmediate(() => start());
    const start = (): void => void loader(
      {
        progress: (p) => live() && dispatch({ type: 'scan-progress', ...p }),
        done: (inventory, findings) => live() && dispatch({ type: 'scan-done', inventory, findings }),
        sizes: (sizes, sizing) => live() && dispatch({ type: 'sizes', sizes, sizing }),
      },
      ac.signal,
      ...(d ? [d] : []),
    ).catch((e: unknown) => {
      if (live()) dispatch({ type: 'scan-error', message: e instanceof Error ? e.message : String(e) });
    });
    return () => {
      clearImmediate(timer);
      ac.abort();
    };
  }, [loader, generation, dispatch]);
  // A string key: a render that leaves the window where it was wakes nobody.
  const key = want ? `${want.all ? '*' : ''}${want.ids.join('\n')}` : null;
  useEffect(() => {
    if (latest.current) demand.current?.set(latest.current);
  }, [key]);
}
