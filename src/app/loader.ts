// The data side of the dashboard behind one small interface: a loader reports progress, the final
// inventory with its findings, and sizes computed afterwards (only those the screen asks for). The real loader scans the machine
// (scan-loader.ts); tests pass loaders over hand-made inventories. No React here: the dashboard's
// hook (components/app/use-inventory.ts) and the plain-text summary both drive a loader.
import type { Finding, Inventory } from '../model.js';

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

/**
 * Which environments the screen wants sized (issue 15 item 3): the ones it shows, most urgent first,
 * or `all` (the size-all key, a sort by size). Sizes are for the screen only: `scan --json` and
 * `doctor` never size.
 */
export interface SizeWant {
  all: boolean;
  ids: readonly string[];
}

/**
 * A loader's third argument: what the screen wants sized, now and as it changes (src/app/size-demand.ts).
 * Without one a loader sizes every environment once and ends, as a screen-less caller expects.
 */
export interface SizeDemandSource {
  get(): SizeWant;
  /** Resolves at the next change of the want, or at once when the signal is aborted. */
  changed(signal: AbortSignal): Promise<void>;
}

export type InventoryLoader = (events: ScanEvents, signal: AbortSignal, demand?: SizeDemandSource) => Promise<void>;
