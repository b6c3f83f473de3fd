// The dashboard's side of a loader (src/app/loader.ts): runs it on mount and on every rescan, and turns
// its events into reducer actions.
import { useEffect, type Dispatch } from 'react';
import type { InventoryLoader } from '../../src/app/loader.js';
import type { Action } from '../state/dashboard-reducer.js';

export type { InventoryLoader, ScanEvents, ScanProgress } from '../../src/app/loader.js';

/** Runs the loader on mount and again whenever `generation` changes (r = rescan). */
export function useInventory(loader: InventoryLoader | undefined, generation: number, dispatch: Dispatch<Action>): void {
  useEffect(() => {
    if (!loader) return;
    const ac = new AbortController();
    const live = (): boolean => !ac.signal.aborted;
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
    ).catch((e: unknown) => {
      if (live()) dispatch({ type: 'scan-error', message: e instanceof Error ? e.message : String(e) });
    });
    return () => {
      clearImmediate(timer);
      ac.abort();
    };
  }, [loader, generation, dispatch]);
}
