// JSON rendering of an inventory: the documented contract (docs/inventory-schema.md), stable key order.
import type { Inventory } from '../model.js';

export function inventoryJson(inv: Inventory): string {
  return JSON.stringify(inv, null, 2) + '\n';
}
