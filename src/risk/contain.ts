// Containment: a rule that throws is re-run per environment and then per package, so one package with
// odd metadata (a version @renovatebot/pep440 cannot parse, a malformed field) costs only that
// package's findings, never the rule's findings for the whole machine. What threw becomes a visible
// `internal-error` finding naming the environment and package (doctor exits 2 on those).
import type { Environment, Finding, Inventory } from '../model.js';
import type { RiskFacts } from './facts.js';
import type { Rule } from './rules/util.js';

function internalError(ruleId: string, e: unknown, env?: Environment, pkg?: string): Finding {
  const where = env ? ` on ${env.name}${pkg ? ` (package ${pkg})` : ''}` : '';
  return {
    rule: 'internal-error',
    severity: 'info',
    title: `rule ${ruleId} failed${where}: ${e instanceof Error ? e.message : String(e)}`,
    ...(env ? { environment: env.id } : {}),
    ...(pkg ? { package: pkg } : {}),
    evidence: env ? [{ env: env.id, detail: `the rule's other findings are kept; this ${pkg ? 'package' : 'environment'} was skipped` }] : [],
    fix: [],
  };
}

function attempt(run: Rule, inv: Inventory, facts: RiskFacts): { ok: true; findings: Finding[] } | { ok: false; error: unknown } {
  try {
    return { ok: true, findings: run(inv, facts) };
  } catch (error) {
    return { ok: false, error };
  }
}

/** Run a rule; when it throws, narrow the failure down to environments and packages and keep the rest. */
export function runContained(ruleId: string, run: Rule, inv: Inventory, facts: RiskFacts): Finding[] {
  const whole = attempt(run, inv, facts);
  if (whole.ok) return whole.findings;
  // Environments one at a time: the others keep their findings.
  const envs = inv.environments;
  const out: Finding[] = [];
  const keep: Environment[] = [];
  const envErrors: Finding[] = [];
  for (const env of envs) {
    const one = attempt(run, { ...inv, environments: [env] }, facts);
    if (one.ok) {
      keep.push(env);
      continue;
    }
    // Then its packages: drop the ones the rule cannot take.
    const bad = new Map<number, unknown>();
    env.packages.forEach((p, i) => {
      const r = attempt(run, { ...inv, environments: [{ ...env, packages: [p] }] }, facts);
      if (!r.ok) bad.set(i, r.error);
    });
    const cleaned = { ...env, packages: env.packages.filter((_, i) => !bad.has(i)) };
    const again = attempt(run, { ...inv, environments: [cleaned] }, facts);
    if (again.ok) {
      keep.push(cleaned);
      for (const [i, err] of bad) out.push(internalError(ruleId, err, env, env.packages[i]!.name));
    } else envErrors.push(internalError(ruleId, again.error, env)); // not about a package: one finding
  }
  // Not about any environment either: one finding for the rule.
  if (envs.length && envErrors.length === envs.length) return [internalError(ruleId, whole.error)];
  out.push(...envErrors);
  // Cross-environment rules (shadowed commands, shadows of distro packages) see every environment kept.
  const rest = attempt(run, { ...inv, environments: keep }, facts);
  if (rest.ok) out.push(...rest.findings);
  else out.push(internalError(ruleId, rest.error));
  return out;
}
