// The one findings pipeline: every check is a pure rule over (Inventory, MachineFacts): the risk rules
// R1–R16 and Pi1–Pi2, then the playbook's prerequisite checks; twins are merged, worst first.
import type { ScanContext } from '../context/scan-context.js';
import { gatherMachineFacts } from '../facts/index.js';
import { prerequisiteFindings } from '../guidance/prerequisites.js';
import { severityRank, type Finding, type Inventory } from '../model.js';
import { runContained } from './contain.js';
import type { RiskFacts } from './facts.js';
import { breakSystemPackages } from './rules/break-system-packages.js';
import { controlCharacters } from './rules/control-characters.js';
import { permissionDenied } from './rules/permission-denied.js';
import { brokenEnvironment } from './rules/broken-environment.js';
import { brokenRequirements } from './rules/broken-requirements.js';
import { markerMissing } from './rules/marker-missing.js';
import { noUninstallRecord } from './rules/no-uninstall-record.js';
import { piAptOnlyModule } from './rules/pi-apt-only-module.js';
import { pipInDistroDir } from './rules/pip-in-distro-dir.js';
import { pipInSystemSite } from './rules/pip-in-system-site.js';
import { pipInUserSite } from './rules/pip-in-user-site.js';
import { pipxLinkBroken } from './rules/pipx-link-broken.js';
import { piwheelsOn64bit } from './rules/piwheels-on-64bit.js';
import { rootOwnedInHome } from './rules/root-owned-in-home.js';
import { scriptInSystemBin } from './rules/script-in-system-bin.js';
import { shadowedCommand } from './rules/shadowed-command.js';
import { shadowsDistroPackage } from './rules/shadows-distro-package.js';
import { startupPth } from './rules/startup-pth.js';
import type { Rule } from './rules/util.js';

export type { RiskFacts } from './facts.js';

/** Every rule, in reference order (R1 … R14, then the Raspberry Pi rules). */
export const RULES: ReadonlyArray<{ id: string; ids: string[]; run: Rule }> = [
  { id: 'R1', ids: ['break-system-packages-config', 'break-system-packages-env'], run: breakSystemPackages },
  { id: 'R2', ids: ['marker-missing'], run: markerMissing },
  { id: 'R3', ids: ['pip-in-system-site'], run: pipInSystemSite },
  { id: 'R4', ids: ['shadows-distro-package'], run: shadowsDistroPackage },
  { id: 'R5', ids: ['pip-in-user-site'], run: pipInUserSite },
  { id: 'R6', ids: ['pip-in-distro-dir'], run: pipInDistroDir },
  { id: 'R7', ids: ['script-in-system-bin'], run: scriptInSystemBin },
  { id: 'R8', ids: ['shadowed-command'], run: shadowedCommand },
  { id: 'R9', ids: ['root-owned-in-home'], run: rootOwnedInHome },
  { id: 'R10', ids: ['broken-environment'], run: brokenEnvironment },
  { id: 'R11', ids: ['broken-requirements'], run: brokenRequirements },
  { id: 'R12', ids: ['startup-pth'], run: startupPth },
  { id: 'R13', ids: ['pipx-link-broken'], run: pipxLinkBroken },
  { id: 'R14', ids: ['no-uninstall-record'], run: noUninstallRecord },
  { id: 'R15', ids: ['control-characters'], run: controlCharacters },
  { id: 'R16', ids: ['permission-denied'], run: permissionDenied },
  { id: 'Pi1', ids: ['piwheels-on-64bit'], run: piwheelsOn64bit },
  { id: 'Pi2', ids: ['pi-apt-only-module'], run: piAptOnlyModule },
  { id: 'prerequisites', ids: ['venv-unavailable', 'pipx-missing', 'pipx-bin-not-on-path', 'marker-removed-by-hand', 'container-venv-pattern'], run: prerequisiteFindings },
];

/** Every rule over an inventory and its facts (pure): twins merged, most severe first. */
export function runRules(inv: Inventory, facts: RiskFacts): Finding[] {
  const out: Finding[] = [];
  // One rule tripping over odd input must not hide the others' findings, nor its own for other packages.
  for (const r of RULES) out.push(...runContained(r.id, r.run, inv, facts));
  return mergeTwins(out).sort((a, b) => severityRank(a.severity) - severityRank(b.severity));
}

/**
 * R2 (marker-missing) and the prerequisite marker-removed-by-hand both notice a deleted marker: one
 * finding per environment (R2's, which carries dpkg's evidence) keeps the playbook's fixes and evidence.
 */
function mergeTwins(found: Finding[]): Finding[] {
  const out: Finding[] = [];
  const removed = found.filter((f) => f.rule === 'marker-removed-by-hand');
  for (const f of found) {
    if (f.rule === 'marker-removed-by-hand' && found.some((t) => t.rule === 'marker-missing' && t.environment === f.environment)) continue;
    if (f.rule !== 'marker-missing') {
      out.push(f);
      continue;
    }
    const twin = { ...f, fix: [...f.fix], evidence: [...f.evidence] };
    for (const p of removed.filter((r) => r.environment === f.environment)) {
      for (const fix of p.fix) if (!twin.fix.includes(fix)) twin.fix.push(fix);
      for (const ev of p.evidence) if (!twin.evidence.some((e) => e.path === ev.path && e.detail === ev.detail)) twin.evidence.push(ev);
    }
    out.push(twin);
  }
  return out;
}

/**
 * The findings pipeline: every rule, pure over (inv, facts). One fact is lazy: R11's fix for a package of
 * an externally-managed Python names the distro's package, so when such a finding exists and advice did
 * not read the distro lists, they are read now (once) and the rules run again with them.
 */
export async function evaluateFindings(inv: Inventory, facts: RiskFacts): Promise<Finding[]> {
  const found = runRules(inv, facts);
  if (facts.distro) return found;
  const managed = new Set(inv.environments.filter((e) => e.externallyManaged).map((e) => e.id));
  if (!found.some((f) => f.rule === 'broken-requirements' && f.environment !== undefined && managed.has(f.environment))) return found;
  return (await facts.distroIndex()) ? runRules(inv, facts) : found;
}

/** Findings of an inventory: the machine's facts gathered through ctx, then every rule (no advice step). */
export async function evaluate(inv: Inventory, ctx: ScanContext): Promise<Finding[]> {
  return evaluateFindings(inv, await gatherMachineFacts(inv, ctx));
}
