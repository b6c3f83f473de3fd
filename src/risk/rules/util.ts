// Small helpers shared by the rules: finding construction and safe command spelling.
import { isValidDistName, minorVersion, type Distribution, type Environment, type Evidence, type Finding, type Inventory, type Severity } from '../../model.js';
import type { RiskFacts } from '../facts.js';

/** A rule: pure function of the inventory and the gathered facts. */
export type Rule = (inv: Inventory, facts: RiskFacts) => Finding[];

export function finding(
  rule: string,
  severity: Severity,
  title: string,
  evidence: Evidence[],
  fix: string[],
  extra: { environment?: string; package?: string } = {},
): Finding {
  return { rule, severity, title, ...extra, evidence, fix };
}

/** Quote an argument for display in a fix (src/text/shell.ts, the one shell quoter). */
export { shellQuote as q } from '../../text/shell.js';

/** A distribution name fit for a command line (names come from disk; never trust them). */
export function safeName(d: Distribution): string | null {
  return isValidDistName(d.displayName) ? d.displayName : isValidDistName(d.name) ? d.name : null;
}

/** The interpreter path to put in a fix for a system environment. */
export function pythonOf(env: Environment): string {
  return env.python.executable ?? `${env.prefix}/bin/python3`;
}

/** Python X.Y of an environment, when known. */
export function minorOf(env: Environment): string | null {
  return minorVersion(env.python.version);
}

/** Non-venv interpreters that PEP 668 protects (or should). */
export function systemEnvs(inv: Inventory): Environment[] {
  return inv.environments.filter((e) => e.kind === 'system');
}

export function sudoFor(path: string, home: string): string {
  return path.startsWith(`${home}/`) ? '' : 'sudo ';
}
