// The data side of the dashboard behind one small interface: a loader reports progress, the
// final inventory with its findings, and sizes computed afterwards. The real loader scans the
// machine (scan-loader.ts); tests pass loaders over hand-made inventories.
import { useEffect, type Dispatch } from 'react';
import type { Finding, Inventory } from '../../src/model.js';
import type { Action } from '../state/dashboard-reducer.js';

export interface ScanProgress {
  inventory: Inventory;
  findings?: Finding[];
  done: number;
  total: number;
  active: string[];
}

export interface ScanEvents {
  progress(p: ScanProgress): void;
  done(inventory: Inventory, findings: Finding[]): void;
  /** Sizes by environment id; `sizing` false once the last one is known. */
  sizes(sizes: Record<string, number>, sizing: boolean): void;
}

export type InventoryLoader = (events: ScanEvents, signal: AbortSignal) => Promise<void>;

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
