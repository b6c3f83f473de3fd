// Everything pyenvtui concludes about an inventory: advice per package and findings (risk rules plus
// the playbook's prerequisites), merged and sorted. Shared by `scan --json`, `doctor` and the dashboard.
import type { ScanContext } from './context.js';
import { severityRank, type Finding, type Inventory } from './model.js';
import { adviseInventory, prerequisiteFindings } from './guidance/index.js';
import { detectPlatform, type Platform } from './platform/index.js';
import { evaluate } from './risk/index.js';

export interface Analysis {
  platform: Platform;
  findings: Finding[];
}

/** Fills `advice` on global packages and `findings` on the inventory; returns both with the platform. */
export async function analyze(inv: Inventory, ctx: ScanContext): Promise<Analysis> {
  const platform = await detectPlatform(ctx);
  await adviseInventory(inv, ctx, platform);
  const [risks, prerequisites] = await Promise.all([evaluate(inv, ctx), prerequisiteFindings(inv, ctx, platform)]);
  const findings = mergeFindings(risks, prerequisites);
  inv.findings = findings;
  inv.context = platform.context;
  return { platform, findings };
}

/**
 * Risk rules and prerequisites both notice a deleted marker; show one finding per environment
 * (the risk rule's, which carries dpkg's evidence) and keep the playbook's advice in its fixes.
 */
export function mergeFindings(risks: Finding[], prerequisites: Finding[]): Finding[] {
  const out = [...risks];
  for (const p of prerequisites) {
    const twin = p.rule === 'marker-removed-by-hand' ? out.find((f) => f.rule === 'marker-missing' && f.environment === p.environment) : undefined;
    if (!twin) {
      out.push(p);
      continue;
    }
    for (const fix of p.fix) if (!twin.fix.includes(fix)) twin.fix.push(fix);
    for (const ev of p.evidence) if (!twin.evidence.some((e) => e.path === ev.path && e.detail === ev.detail)) twin.evidence.push(ev);
  }
  return out.sort((a, b) => severityRank(a.severity) - severityRank(b.severity));
}
