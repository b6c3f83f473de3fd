// `scan --facts`: the compact summary Ansible keeps per host (ansible_local.pyenvtui), and
// `scan --json-lines`: one environment per line. Pure over an analysed inventory.
import { createHash } from 'node:crypto';
import { SEVERITIES, type Inventory, type Scope, type Severity } from '../model.js';
import type { Platform } from '../platform/types.js';
import { FACTS_SCHEMA, type FactsDoc, type FactsEnvironment, type FactsFinding } from '../fleet/schema.js';

export interface FactsInput {
  inv: Inventory;
  platform: Platform;
  version: string;
  user: string | null;
  uid: number;
  /** Bytes per environment id (absent: not measured). */
  sizes?: ReadonlyMap<string, number>;
  /** Add every environment's package list (`--facts=full`). */
  full?: boolean;
}

/** The facts document for one host. */
export function buildFacts(input: FactsInput): FactsDoc {
  const { inv, platform } = input;
  const environments: FactsEnvironment[] = inv.environments.map((e) => {
    const scopes: Partial<Record<Scope, number>> = {};
    for (const p of e.packages) scopes[p.scope] = (scopes[p.scope] ?? 0) + 1;
    const out: FactsEnvironment = {
      id: e.id,
      kind: e.kind,
      name: e.name,
      prefix: e.prefix,
      python: e.python.version,
      externallyManaged: e.externallyManaged,
      health: e.health.ok ? 'ok' : 'broken',
      problems: e.health.problems.length,
      sizeBytes: input.sizes?.get(e.id) ?? e.sizeBytes ?? null,
      packages: e.packages.length,
      scopes,
    };
    if (input.full) {
      out.packageList = e.packages.map((p) => ({ name: p.name, version: p.version, scope: p.scope, installer: p.installer, requested: p.requested }));
    }
    return out;
  });
  const findings: FactsFinding[] = (inv.findings ?? []).map((f) => ({
    rule: f.rule,
    severity: f.severity,
    title: f.title,
    environment: f.environment ?? null,
    package: f.package ?? null,
  }));
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) counts[f.severity]++;
  const packages = packageDigest(inv);
  return {
    schema: FACTS_SCHEMA,
    version: input.version,
    generatedAt: inv.generatedAt,
    host: inv.host,
    platform: {
      os: platform.os,
      arch: inv.arch,
      id: platform.id,
      family: platform.family,
      name: platform.name,
      versionId: platform.versionId ?? null,
      raspberryPi: platform.raspberryPi ? (platform.raspberryPi.model ?? '') : null,
      wsl: platform.wsl ? (platform.wsl.version ?? 0) : null,
      container: platform.container?.kind ?? null,
    },
    context: { root: inv.root, user: input.user, uid: input.uid, home: inv.home, homes: inv.homes ?? [inv.home] },
    summary: {
      environments: environments.length,
      broken: environments.filter((e) => e.health === 'broken').length,
      packages: packages.count,
      findings: counts,
    },
    environments,
    findings,
    packages,
    problems: inv.problems.length,
  };
}

/** name → version → environment indexes, and a digest of the whole set (changes when anything does). */
export function packageDigest(inv: Pick<Inventory, 'environments'>): FactsDoc['packages'] {
  const index: Record<string, Record<string, number[]>> = Object.create(null) as Record<string, Record<string, number[]>>;
  // The digest is sha256 over the sorted `env-id name==version` lines. Sorting 50,000 lines that share
  // long prefixes cost more than the rest of the facts: lines are grouped by environment instead, each
  // group sorted on its own (exactly the global order while no id holds a space; see digestText).
  const groups = new Map<string, string[]>();
  let count = 0;
  inv.environments.forEach((e, i) => {
    let group = groups.get(e.id);
    if (!group) groups.set(e.id, (group = []));
    for (const p of e.packages) {
      count++;
      const versions = (index[p.name] ??= Object.create(null) as Record<string, number[]>);
      const at = (versions[p.version] ??= []);
      if (at[at.length - 1] !== i) at.push(i);
      group.push(`${p.name}==${p.version}`);
    }
  });
  const digest = 'sha256:' + createHash('sha256').update(digestText(groups)).digest('hex');
  // A plain object (JSON.stringify of a null-prototype object is the same); keys sorted for stable output.
  const sorted: Record<string, Record<string, number[]>> = {};
  for (const name of Object.keys(index).sort()) sorted[name] = index[name]!;
  return { digest, count, index: sorted };
}

/**
 * The sorted lines `id name==version`, joined by newlines. Two lines of different environments A and B
 * compare as `A + ' '` and `B + ' '` do, unless one of those is a prefix of the other, which needs an
 * id holding a space: only then is every line sorted at once.
 */
function digestText(groups: Map<string, string[]>): string {
  const ids = [...groups.keys()];
  if (ids.some((id) => id.includes(' '))) {
    return ids.flatMap((id) => groups.get(id)!.map((l) => `${id} ${l}`)).sort().join('\n');
  }
  const parts: string[] = [];
  for (const head of ids.map((id) => `${id} `).sort()) {
    const lines = groups.get(head.slice(0, -1))!;
    if (lines.length) parts.push(head + lines.sort().join(`\n${head}`));
  }
  return parts.join('\n');
}

/** `scan --json-lines`: one line per environment, each self-describing (host and time on every line). */
export function environmentLines(inv: Inventory): string[] {
  return inv.environments.map((e) =>
    JSON.stringify({ schema: 'pyenvtui/environment-line@1', host: inv.host, generatedAt: inv.generatedAt, ...e }),
  );
}
