// Not a terminal: run the same loader the dashboard uses and print what it would show, as text.
import type { Finding, Inventory } from '../../src/model.js';
import { inventoryText } from '../../src/report/text.js';
import { SEVERITY_BADGE } from '../state/rows.js';
import { sanitize } from '../ui/text.js';
import type { InventoryLoader } from './use-inventory.js';

export async function plainSummary(loader: InventoryLoader): Promise<string> {
  let result: { inventory: Inventory; findings: Finding[] } | null = null;
  const ac = new AbortController();
  await loader(
    {
      progress: () => {},
      done: (inventory, findings) => {
        result = { inventory, findings };
        // Sizes are for the screen; a summary does not wait for them.
        ac.abort();
      },
      sizes: () => {},
    },
    ac.signal,
  );
  const r = result as { inventory: Inventory; findings: Finding[] } | null;
  if (!r) return 'scan produced no inventory\n';
  const lines = [inventoryText(r.inventory).trimEnd(), '', `Findings (${r.findings.length}):`];
  for (const f of r.findings) {
    lines.push(`  ${SEVERITY_BADGE[f.severity].padEnd(4)} ${sanitize(f.title)}`);
    // Every line of every fix: a fix is often two commands (install, then ensurepath).
    for (const fx of f.fix) lines.push(`       fix: ${sanitize(fx)}`);
  }
  return lines.join('\n') + '\n';
}
