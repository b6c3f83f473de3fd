// Not a terminal: run the same loader the dashboard uses and print what it would show, as text.
import type { Finding, Inventory } from '../model.js';
import { inventoryText } from '../report/text.js';
import { SEVERITY_BADGE } from '../report/badge.js';
import { visible } from '../text/safe.js';
import type { InventoryLoader } from './loader.js';

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
    lines.push(`  ${SEVERITY_BADGE[f.severity].padEnd(4)} ${visible(f.title)}`);
    // Every line of every fix: a fix is often two commands (install, then ensurepath).
    for (const fx of f.fix) lines.push(`       fix: ${visible(fx)}`);
  }
  return lines.join('\n') + '\n';
}
