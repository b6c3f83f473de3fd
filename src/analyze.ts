// Everything pyenvtui concludes about an inventory: the machine's facts gathered once, advice per
// package, then one findings pipeline (risk rules and the playbook's prerequisites, pure over the
// inventory and the facts). Shared by `scan --json`, `doctor`, export and the dashboard.
import type { ScanContext } from './context/scan-context.js';
import { gatherMachineFacts, type MachineFacts } from './facts/index.js';
import type { Finding, Inventory } from './model.js';
import { adviseInventory } from './guidance/advice.js';
import type { Platform } from './platform/index.js';
import { evaluateFindings } from './risk/index.js';

export interface Analysis {
  platform: Platform;
  findings: Finding[];
  facts: MachineFacts;
}

/** Fills `advice` on global packages and `findings` on the inventory; returns them with the facts. */
export async function analyze(inv: Inventory, ctx: ScanContext): Promise<Analysis> {
  const facts = await gatherMachineFacts(inv, ctx);
  await adviseInventory(inv, facts);
  const findings = await evaluateFindings(inv, facts);
  inv.findings = findings;
  inv.context = facts.platform.context;
  return { platform: facts.platform, findings, facts };
}
