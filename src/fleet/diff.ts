// Comparing hosts' packages: hosts with the same package set (equal digests, as each host computed it
// over every `env-id name==version`), and what differs between two hosts, package by package
// (versions anywhere on the host, whichever environments hold them). Pure.
import { compareVersions } from './aggregate.js';
import type { Fleet } from './model.js';
import type { PackageTable } from './package-table.js';

export interface DigestGroup {
  digest: string;
  /** Hosts (with facts) reporting this digest, in fleet order. */
  hosts: string[];
}

/** Groups of two or more hosts with the same package set, largest first. */
export function sameDigests(fleet: Fleet): DigestGroup[] {
  const by = new Map<string, string[]>();
  for (const h of fleet.hosts) {
    const d = h.facts?.packages.digest;
    if (!d || !h.facts!.packages.count) continue;
    const list = by.get(d);
    if (list) list.push(h.name);
    else by.set(d, [h.name]);
  }
  return [...by]
    .filter(([, hosts]) => hosts.length > 1)
    .map(([digest, hosts]) => ({ digest, hosts }))
    .sort((a, b) => b.hosts.length - a.hosts.length || (a.hosts[0]! < b.hosts[0]! ? -1 : 1));
}

export interface PackageDiff {
  a: string;
  b: string;
  /** Same digest: the hosts say their package sets are equal. */
  sameDigest: boolean;
  onlyA: { name: string; versions: string[] }[];
  onlyB: { name: string; versions: string[] }[];
  changed: { name: string; a: string[]; b: string[] }[];
}

function versions(t: PackageTable, i: number): string[] {
  return t.versions.slice(t.rowStart[i]!, t.rowStart[i + 1]!).sort(compareVersions);
}

/** What differs between two hosts' packages, or why it cannot be said. */
export function diffHosts(fleet: Fleet, a: string, b: string): PackageDiff | { error: string } {
  const ha = fleet.hosts.find((h) => h.name === a);
  const hb = fleet.hosts.find((h) => h.name === b);
  for (const [name, h] of [[a, ha], [b, hb]] as const) {
    if (!h) return { error: `no host '${name}' in ${fleet.dir}` };
    if (!h.facts) return { error: `${name} has no facts (${h.status}: ${h.error ?? 'no message'})` };
    if (h.facts.packages.tableError) return { error: `${name}: ${h.facts.packages.tableError}` };
  }
  const ta = ha!.facts!.packages.table;
  const tb = hb!.facts!.packages.table;
  const out: PackageDiff = { a, b, sameDigest: !!ha!.facts!.packages.digest && ha!.facts!.packages.digest === hb!.facts!.packages.digest, onlyA: [], onlyB: [], changed: [] };
  // Both name lists are sorted: one merge walk.
  let i = 0;
  let j = 0;
  while (i < ta.names.length || j < tb.names.length) {
    const na = ta.names[i];
    const nb = tb.names[j];
    if (nb === undefined || (na !== undefined && na < nb)) {
      out.onlyA.push({ name: na!, versions: versions(ta, i++) });
    } else if (na === undefined || nb < na) {
      out.onlyB.push({ name: nb, versions: versions(tb, j++) });
    } else {
      const va = versions(ta, i++);
      const vb = versions(tb, j++);
      if (va.join('\n') !== vb.join('\n')) out.changed.push({ name: na, a: va, b: vb });
    }
  }
  return out;
}

/** The diff as text lines (`fleet DIR --diff A,B`). */
export function diffText(d: PackageDiff): string {
  const n = d.onlyA.length + d.onlyB.length + d.changed.length;
  const lines = [`${d.a} vs ${d.b}: ${n === 0 ? 'the same packages' : n === 1 ? '1 package differs' : `${n} packages differ`}${d.sameDigest ? ' (same digest)' : ''}`];
  for (const p of d.changed) lines.push(`  ${p.name}: ${p.a.join(', ')} on ${d.a}; ${p.b.join(', ')} on ${d.b}`);
  for (const p of d.onlyA) lines.push(`  ${p.name}: ${p.versions.join(', ')} only on ${d.a}`);
  for (const p of d.onlyB) lines.push(`  ${p.name}: ${p.versions.join(', ')} only on ${d.b}`);
  return lines.join('\n') + '\n';
}
