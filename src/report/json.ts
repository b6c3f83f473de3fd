// JSON rendering of an inventory: the documented contract (docs/inventory-schema.md), stable key order.
import type { Inventory } from '../model.js';
import { jsonSafe } from '../text/safe.js';

/** The whole document as one string (small inventories, tests). */
export function inventoryJson(inv: Inventory, pretty = true): string {
  return jsonSafe(JSON.stringify(inv, null, pretty ? 2 : undefined)) + '\n';
}

/**
 * Writes the same document piece by piece — one environment at a time, waiting for the stream to
 * drain — so a 1,000-environment machine never holds a 30 MB string (or its pretty-printed twin).
 */
export async function writeInventoryJson(inv: Inventory, out: NodeJS.WritableStream, pretty = false): Promise<void> {
  const indent = pretty ? 2 : undefined;
  const write = (s: string): Promise<void> =>
    out.write(jsonSafe(s)) ? Promise.resolve() : new Promise((resolve) => out.once('drain', () => resolve()));
  // Keys in the order the type declares them; environments streamed, everything else whole.
  const keys = Object.keys(inv) as Array<keyof Inventory>;
  const nl = pretty ? '\n' : '';
  const pad = pretty ? '  ' : '';
  const sep = pretty ? ': ' : ':';
  await write('{' + nl);
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    const value = inv[key];
    if (value === undefined) continue;
    const tail = k < keys.length - 1 ? ',' + nl : nl;
    if (key !== 'environments') {
      const body = JSON.stringify(value, null, indent);
      await write(`${pad}${JSON.stringify(key)}${sep}${pretty ? body.replace(/\n/g, '\n  ') : body}${tail}`);
      continue;
    }
    await write(`${pad}${JSON.stringify(key)}${sep}[` + (inv.environments.length ? nl : ''));
    for (let i = 0; i < inv.environments.length; i++) {
      const body = JSON.stringify(inv.environments[i], null, indent);
      const last = i === inv.environments.length - 1;
      await write((pretty ? '    ' + body.replace(/\n/g, '\n    ') : body) + (last ? nl : ',' + nl));
    }
    await write((inv.environments.length && pretty ? pad : '') + ']' + tail);
  }
  await write('}\n');
}
