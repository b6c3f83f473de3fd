// The data side of the dashboard behind one small interface: a loader reports progress, the final
// inventory with its findings, and sizes computed afterwards. The real loader scans the machine
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

export type InventoryLoader = (events: ScanEvents, signal: AbortSignal) => Promise<void>;
