// From per-file reports to the fleet: one entry per host (merged), staleness, findings grouped by rule
// across hosts, and one package across every host and environment. Pure.
import { compare, valid } from '@renovatebot/pep440';
import { SEVERITIES, normalizeName, severityRank, type Severity } from '../model.js';
import type { Fleet, FleetHost, HostReport, PackageAcross, RuleGroup } from './model.js';
import { versionsOf } from './package-table.js';

const DAY_MS = 86_400_000;

/** PEP 440 order when both versions parse, text order otherwise (hosts may report anything). */
export function compareVersions(a: string, b: string): number {
  if (a.length < 64 && b.length < 64 && valid(a) && valid(b)) return compare(a, b);
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface BuildOptions {
  dir: string;
  now: Date;
  staleDays: number;
  skipped?: Fleet['skipped'];
}

function zeroCounts(): Record<Severity, number> {
  return Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
}

/** Compares hosts by name the way people read them: pi-2 before pi-10. */
export function compareHostNames(a: string, b: string): number {
  const re = /(\d+)|(\D+)/g;
  const xs = a.toLowerCase().match(re) ?? [];
  const ys = b.toLowerCase().match(re) ?? [];
  for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
    const x = xs[i]!;
    const y = ys[i]!;
    if (x === y) continue;
    const nx = /^\d/.test(x);
    const ny = /^\d/.test(y);
    if (nx && ny && x.length < 16 && y.length < 16) return Number(x) - Number(y);
    return x < y ? -1 : 1;
  }
  return xs.length - ys.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** One host from all the files that speak of it. */
function mergeHost(name: string, reports: HostReport[], opts: BuildOptions): FleetHost {
  const withFacts = reports.filter((r) => r.facts).sort((a, b) => b.mtimeMs - a.mtimeMs);
  const failures = reports.filter((r) => r.status === 'unreachable' || r.status === 'failed').sort((a, b) => b.mtimeMs - a.mtimeMs);
  const others = reports.filter((r) => !r.facts && r.status !== 'unreachable' && r.status !== 'failed');
  const facts = withFacts[0]?.facts ?? null;
  const failure = failures[0];
  // A failure newer than the facts wins the status; the last facts stay visible (and age).
  let status: FleetHost['status'] = 'ok';
  let error: string | null = null;
  if (failure && (!withFacts[0] || failure.mtimeMs >= withFacts[0].mtimeMs)) {
    status = failure.status;
    error = failure.error;
  } else if (!facts) {
    const first = others[0] ?? reports[0]!;
    status = first.status;
    error = others.map((r) => r.error).filter(Boolean).join('; ') || first.error;
  }
  const counts = zeroCounts();
  for (const f of facts?.findings ?? []) counts[f.severity]++;
  const worst = SEVERITIES.find((s) => counts[s] > 0) ?? null;
  let ageDays: number | null = null;
  if (facts) {
    const t = Date.parse(facts.generatedAt);
    const at = Number.isFinite(t) ? t : withFacts[0]!.mtimeMs;
    ageDays = Math.max(0, (opts.now.getTime() - at) / DAY_MS);
  }
  return {
    name,
    status,
    error,
    files: reports.map((r) => r.file).sort(),
    facts,
    ageDays,
    stale: ageDays !== null && ageDays > opts.staleDays,
    worst,
    counts,
  };
}

/** The fleet: every host that has a file, reporting or not, sorted by name. */
export function buildFleet(reports: HostReport[], opts: BuildOptions): Fleet {
  const byHost = new Map<string, HostReport[]>();
  for (const r of reports) {
    const list = byHost.get(r.host);
    if (list) list.push(r);
    else byHost.set(r.host, [r]);
  }
  const hosts = [...byHost].map(([name, rs]) => mergeHost(name, rs, opts)).sort((a, b) => compareHostNames(a.name, b.name));
  return { dir: opts.dir, now: opts.now.toISOString(), staleDays: opts.staleDays, hosts, skipped: opts.skipped ?? [] };
}

/** Hosts whose facts can be counted (reported now, or their last facts when they failed since). */
export function hostsWithFacts(fleet: Fleet): FleetHost[] {
  return fleet.hosts.filter((h) => h.facts !== null);
}

/** Findings grouped by rule across hosts, worst severity first, then most hosts. */
export function findingsByRule(fleet: Fleet): RuleGroup[] {
  const of = hostsWithFacts(fleet).length;
  const groups = new Map<string, RuleGroup>();
  for (const h of fleet.hosts) {
    for (const f of h.facts?.findings ?? []) {
      let g = groups.get(f.rule);
      if (!g) groups.set(f.rule, (g = { rule: f.rule, severity: f.severity, title: f.title, hosts: [], findings: 0, of }));
      g.findings++;
      if (severityRank(f.severity) < severityRank(g.severity)) {
        g.severity = f.severity;
        g.title = f.title;
      }
      if (g.hosts[g.hosts.length - 1] !== h.name) g.hosts.push(h.name);
    }
  }
  return [...groups.values()].sort(
    (a, b) => severityRank(a.severity) - severityRank(b.severity) || b.hosts.length - a.hosts.length || (a.rule < b.rule ? -1 : 1),
  );
}

/** Every package name in the fleet with how many hosts and versions have it: most widespread first, then most drift. */
export function packageNames(fleet: Fleet): { name: string; hosts: number; versions: number }[] {
  const seen = new Map<string, { hosts: number; versions: Set<string> }>();
  for (const h of hostsWithFacts(fleet)) {
    const t = h.facts!.packages.table;
    for (let i = 0; i < t.names.length; i++) {
      const name = t.names[i]!;
      let s = seen.get(name);
      if (!s) seen.set(name, (s = { hosts: 0, versions: new Set() }));
      s.hosts++;
      for (let r = t.rowStart[i]!; r < t.rowStart[i + 1]!; r++) s.versions.add(t.versions[r]!);
    }
  }
  return [...seen]
    .map(([name, s]) => ({ name, hosts: s.hosts, versions: s.versions.size }))
    .sort((a, b) => b.hosts - a.hosts || b.versions - a.versions || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** One package on every host and environment, versions side by side. */
export function packageAcross(fleet: Fleet, wanted: string): PackageAcross {
  const name = normalizeName(wanted);
  const out: PackageAcross = { package: name, hosts: [], absent: [], unknown: [], versions: [] };
  const all = new Set<string>();
  for (const h of fleet.hosts) {
    if (!h.facts) {
      out.unknown.push(h.name);
      continue;
    }
    const versions = versionsOf(h.facts.packages.table, name);
    if (h.facts.packages.tableError) {
      out.unknown.push(h.name);
      continue;
    }
    if (!versions.length) {
      out.absent.push(h.name);
      continue;
    }
    const envs = h.facts.environments;
    out.hosts.push({
      host: h.name,
      versions: versions
        .map(({ version, envs: idx }) => {
          all.add(version);
          return { version, environments: idx.map((i) => ({ id: envs[i]!.id, name: envs[i]!.name, kind: envs[i]!.kind })) };
        })
        .sort((a, b) => compareVersions(a.version, b.version)),
    });
  }
  out.versions = [...all].sort(compareVersions);
  return out;
}

/** Hosts that did not report this time (unreachable, failed, no facts, unreadable). */
export function silentHosts(fleet: Fleet): FleetHost[] {
  return fleet.hosts.filter((h) => h.status !== 'ok');
}
