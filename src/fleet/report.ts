// What `fleet --json` and `fleet doctor` print: the same answers as the dashboard, for scripts and CI.
// Every string here came through validate.ts (bounded, control characters replaced).
import { SEVERITIES, severityRank, type Severity } from '../model.js';
import { findingsByRule, packageAcross } from './aggregate.js';
import { diffHosts, sameDigests } from './diff.js';
import type { Fleet, FleetHost, HostStatus } from './model.js';

export const FLEET_SCHEMA = 'pyenvtui/fleet@1';

export function fleetSummary(fleet: Fleet): Record<string, unknown> {
  const by = (s: HostStatus): number => fleet.hosts.filter((h) => h.status === s).length;
  const findings = Object.fromEntries(SEVERITIES.map((s) => [s, fleet.hosts.reduce((n, h) => n + h.counts[s], 0)]));
  return {
    hosts: fleet.hosts.length,
    ok: by('ok'),
    unreachable: by('unreachable'),
    failed: by('failed'),
    noFacts: by('no-facts'),
    invalid: by('invalid'),
    stale: fleet.hosts.filter((h) => h.stale).length,
    findings,
  };
}

function hostJson(h: FleetHost): Record<string, unknown> {
  const f = h.facts;
  return {
    name: h.name,
    status: h.status,
    error: h.error,
    host: f?.host ?? null,
    platform: f ? f.platform.name : null,
    arch: f ? f.platform.arch : null,
    pyenvtui: f?.version ?? null,
    generatedAt: f?.generatedAt ?? null,
    ageDays: h.ageDays === null ? null : Math.round(h.ageDays * 100) / 100,
    stale: h.stale,
    environments: f?.summary.environments ?? null,
    broken: f?.summary.broken ?? null,
    packages: f?.summary.packages ?? null,
    digest: f ? f.packages.digest || null : null,
    worst: h.worst,
    counts: h.counts,
    findings: f?.findings ?? [],
    files: h.files,
  };
}

/** The `fleet --json` document; `pkg` adds one package across the fleet, `diff` two hosts' packages compared. */
export function fleetJson(fleet: Fleet, pkg?: string, diff?: [string, string]): Record<string, unknown> {
  return {
    schema: FLEET_SCHEMA,
    dir: fleet.dir,
    now: fleet.now,
    staleDays: fleet.staleDays,
    summary: fleetSummary(fleet),
    hosts: fleet.hosts.map(hostJson),
    rules: findingsByRule(fleet),
    ...(pkg !== undefined ? { package: packageAcross(fleet, pkg) } : {}),
    // Hosts with the same package set (two or more each), by the digest each host computed.
    sameDigest: sameDigests(fleet),
    ...(diff ? { diff: diffHosts(fleet, diff[0], diff[1]) } : {}),
    skipped: fleet.skipped,
  };
}

/** Why a host fails `fleet doctor` at `failOn`, or null when it passes. */
export function hostFailure(h: FleetHost, failOn: Severity): string | null {
  if (h.status !== 'ok') return `${h.status}: ${h.error ?? 'no message'}`;
  const n = SEVERITIES.filter((s) => severityRank(s) <= severityRank(failOn)).reduce((a, s) => a + h.counts[s], 0);
  return n > 0 ? `${n} finding${n === 1 ? '' : 's'} at or above '${failOn}'` : null;
}

export interface DoctorResult {
  exitCode: 0 | 1;
  failing: { host: string; reason: string }[];
}

/** Exit 1 when any host has a finding at or above `failOn` or did not report; 0 otherwise. */
export function fleetDoctor(fleet: Fleet, failOn: Severity): DoctorResult {
  const failing = fleet.hosts.flatMap((h) => {
    const reason = hostFailure(h, failOn);
    return reason ? [{ host: h.name, reason }] : [];
  });
  return { exitCode: failing.length ? 1 : 0, failing };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Plain-text report of `fleet doctor`. */
export function fleetDoctorText(fleet: Fleet, failOn: Severity, result: DoctorResult): string {
  const s = fleetSummary(fleet) as { hosts: number; ok: number; stale: number };
  const lines = [`pyenvtui fleet doctor — ${plural(s.hosts, 'host')} in ${fleet.dir}: ${s.ok} reporting, ${s.hosts - s.ok} not reporting, ${s.stale} stale (older than ${fleet.staleDays} days)`];
  if (!fleet.hosts.length) lines.push('', 'No host results in this directory.');
  lines.push('', 'HOSTS');
  for (const h of fleet.hosts) {
    if (h.status !== 'ok') {
      lines.push(`  ${h.name}  ${h.status.toUpperCase()}  ${h.error ?? ''}`.trimEnd());
      continue;
    }
    const counts = SEVERITIES.filter((x) => h.counts[x]).map((x) => `${h.counts[x]} ${x}`).join(', ');
    const age = h.stale ? `  STALE (${Math.floor(h.ageDays ?? 0)} days old)` : '';
    lines.push(`  ${h.name}  ${h.worst ? h.worst.toUpperCase() : 'clean'}  ${plural(h.facts!.summary.environments, 'environment')}  ${counts || 'no findings'}${age}`);
  }
  const rules = findingsByRule(fleet);
  if (rules.length) {
    lines.push('', 'FINDINGS BY RULE');
    for (const g of rules) lines.push(`  ${g.rule} (${g.severity}) on ${g.hosts.length} of ${g.of} hosts: ${g.hosts.join(', ')}`);
  }
  for (const k of fleet.skipped) lines.push(`  skipped ${k.file}: ${k.reason}`);
  lines.push('', result.exitCode ? `${plural(result.failing.length, 'host')} failing at '${failOn}' (findings at or above it, or not reporting).` : `Nothing at or above '${failOn}' and every host reported.`);
  return lines.join('\n') + '\n';
}
