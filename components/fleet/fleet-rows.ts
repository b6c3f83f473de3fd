// Rows for every fleet list (hosts, rules, packages, and the detail of one of each). Pure: built
// from the Fleet, rendered by the shared ListPane. Host strings were cleaned by src/fleet/validate.ts;
// the pane sanitizes again when it fits them to the screen.
import { SEVERITIES, type Severity } from '../../src/model.js';
import { findingsByRule, packageAcross, packageNames } from '../../src/fleet/aggregate.js';
import { sameDigests } from '../../src/fleet/diff.js';
import type { Fleet, FleetHost } from '../../src/fleet/model.js';
import { SEVERITY_BADGE, SEVERITY_LETTER, textRow, type Row, type Tone } from '../state/rows.js';
import { formatBytes } from '../ui/text.js';

export type FleetView = 'hosts' | 'rules' | 'packages';
export type FleetDetail = { kind: 'host'; name: string } | { kind: 'rule'; rule: string } | { kind: 'package'; name: string };

const STATUS_BADGE: Record<FleetHost['status'], string> = {
  ok: 'ok',
  unreachable: 'UNREACHABLE',
  failed: 'FAILED',
  'no-facts': 'NO FACTS',
  invalid: 'INVALID',
};

export function age(days: number | null): string {
  if (days === null) return '';
  if (days < 1 / 24) return `${Math.max(0, Math.round(days * 1440))}m`;
  if (days < 1) return `${Math.round(days * 24)}h`;
  return `${Math.floor(days)}d`;
}

function countsText(h: FleetHost): string {
  const parts = SEVERITIES.filter((s) => h.counts[s] > 0).map((s) => `${SEVERITY_LETTER[s]}${h.counts[s]}`);
  return parts.length ? parts.join(' ') : 'clean';
}

/** A one-line explanation of the selected row, shown under the list. */
export interface Described extends Row {
  detail?: string;
}

export function hostRows(fleet: Fleet): Described[] {
  return fleet.hosts.map((h) => {
    const search = `${h.name} ${h.status} ${h.error ?? ''} ${h.facts?.platform.name ?? ''}`.toLowerCase();
    const staleText = h.stale ? `STALE ${age(h.ageDays)}` : age(h.ageDays);
    if (h.status !== 'ok') {
      return {
        key: `host:${h.name}`,
        selectable: true,
        search,
        detail: `${h.name}: ${h.status}: ${h.error ?? 'no message'}${h.facts ? ` (last facts ${age(h.ageDays)} old)` : ''}`,
        cells: [
          { text: h.name, flex: 2 },
          { text: STATUS_BADGE[h.status], width: 11, tone: 'bad' as Tone },
          { text: h.error ?? '', flex: 3, tone: 'dim' as Tone },
        ],
      };
    }
    const f = h.facts!;
    return {
      key: `host:${h.name}`,
      selectable: true,
      search,
      detail: `${h.name}: ${f.platform.name || f.platform.id} ${f.platform.arch} · ${f.summary.environments} environments, ${f.summary.packages} packages${h.stale ? ` · facts ${age(h.ageDays)} old (stale after ${fleet.staleDays} days)` : ''}`,
      cells: [
        { text: h.name, flex: 2 },
        { text: h.worst ? SEVERITY_BADGE[h.worst] : 'ok', width: 11, tone: (h.worst ?? 'ok') as Tone },
        { text: `${f.summary.environments} env`, width: 8, align: 'right' },
        { text: countsText(h), width: 16 },
        { text: staleText, width: 9, align: 'right', tone: h.stale ? 'bad' : 'dim' },
      ],
    };
  });
}

export function ruleRows(fleet: Fleet): Described[] {
  return findingsByRule(fleet).map((g) => ({
    key: `rule:${g.rule}`,
    selectable: true,
    search: `${g.rule} ${g.title} ${g.hosts.join(' ')}`.toLowerCase(),
    detail: `${g.title} — ${g.hosts.join(', ')}`,
    cells: [
      { text: SEVERITY_BADGE[g.severity], width: 4, tone: g.severity },
      { text: g.rule, flex: 2 },
      { text: `on ${g.hosts.length} of ${g.of} hosts`, width: 18, align: 'right' },
      { text: `${g.findings} found`, width: 10, align: 'right', tone: 'dim' },
    ],
  }));
}

export function packageRows(fleet: Fleet): Described[] {
  return packageNames(fleet).map((p) => ({
    key: `pkg:${p.name}`,
    selectable: true,
    search: p.name,
    detail: `${p.name}: on ${p.hosts} host${p.hosts === 1 ? '' : 's'}, ${p.versions} version${p.versions === 1 ? '' : 's'} — Enter shows every host side by side`,
    cells: [
      { text: p.name, flex: 2 },
      { text: `on ${p.hosts} hosts`, width: 14, align: 'right' },
      { text: `${p.versions} version${p.versions === 1 ? '' : 's'}`, width: 11, align: 'right', tone: p.versions > 1 ? 'medium' : 'dim' },
    ],
  }));
}

function hostDetailRows(fleet: Fleet, name: string): Described[] {
  const h = fleet.hosts.find((x) => x.name === name);
  if (!h) return [textRow('gone', `${name}: no longer in the fleet`)];
  const rows: Described[] = [];
  if (h.status !== 'ok') rows.push({ ...textRow('status', `${STATUS_BADGE[h.status]}: ${h.error ?? 'no message'}`, 'bad'), selectable: true, detail: h.error ?? '' });
  const f = h.facts;
  if (!f) return rows;
  rows.push(textRow('about', `${f.platform.name} ${f.platform.arch} · pyenvtui ${f.version} · user ${f.context.user ?? '?'} · facts ${age(h.ageDays)} old${h.stale ? ' (STALE)' : ''}`, 'dim'));
  const twins = sameDigests(fleet).find((g) => g.hosts.includes(h.name))?.hosts.filter((n) => n !== h.name) ?? [];
  if (f.packages.count) {
    const same = twins.length ? `same package set as ${twins.length} other host${twins.length === 1 ? '' : 's'}: ${twins.join(', ')}` : 'a package set no other host has';
    rows.push(textRow('twins', `${f.packages.count} packages · ${same}`, 'dim'));
  }
  rows.push(textRow('h-env', `Environments (${f.environments.length})`, 'heading'));
  f.environments.forEach((e, i) =>
    rows.push({
      key: `env:${i}`,
      selectable: true,
      search: `${e.kind} ${e.name} ${e.prefix}`.toLowerCase(),
      detail: `${e.prefix}${e.externallyManaged ? ' · externally managed' : ''}${e.problems ? ` · ${e.problems} problems` : ''}`,
      cells: [
        { text: e.kind, width: 12 },
        { text: e.name, flex: 2 },
        { text: e.python ?? '?', width: 8 },
        { text: e.health === 'ok' ? 'ok' : 'BROKEN', width: 6, tone: e.health === 'ok' ? 'ok' : 'bad' },
        { text: `${e.packages} pkg`, width: 8, align: 'right' },
        { text: e.sizeBytes === null ? '' : formatBytes(e.sizeBytes), width: 8, align: 'right', tone: 'dim' },
      ],
    }),
  );
  rows.push(textRow('h-find', `Findings (${f.findings.length})`, 'heading'));
  f.findings.forEach((x, i) =>
    rows.push({
      key: `finding:${i}`,
      selectable: true,
      search: `${x.rule} ${x.title} ${x.package ?? ''}`.toLowerCase(),
      detail: `${x.title}${x.environment ? ` — ${x.environment}` : ''}`,
      cells: [
        { text: SEVERITY_BADGE[x.severity], width: 4, tone: x.severity },
        { text: x.rule, width: 24 },
        { text: x.title, flex: 3 },
      ],
    }),
  );
  return rows;
}

function ruleDetailRows(fleet: Fleet, rule: string): Described[] {
  const rows: Described[] = [];
  for (const h of fleet.hosts) {
    (h.facts?.findings ?? []).forEach((x, i) => {
      if (x.rule !== rule) return;
      rows.push({
        key: `rf:${h.name}:${i}`,
        selectable: true,
        search: `${h.name} ${x.title} ${x.package ?? ''}`.toLowerCase(),
        detail: `${h.name}: ${x.title}${x.environment ? ` — ${x.environment}` : ''}`,
        cells: [
          { text: h.name, flex: 1 },
          { text: SEVERITY_BADGE[x.severity], width: 4, tone: x.severity },
          { text: x.package ?? x.environment ?? '', flex: 2, cut: 'start' },
        ],
      });
    });
  }
  return rows;
}

function packageDetailRows(fleet: Fleet, name: string): Described[] {
  const across = packageAcross(fleet, name);
  const rows: Described[] = [textRow('versions', `${across.package}: ${across.versions.join(', ') || 'not installed anywhere'}`, 'heading')];
  for (const h of across.hosts) {
    const envs = h.versions.flatMap((v) => v.environments.map((e) => `${v.version} in ${e.kind} ${e.name}`));
    rows.push({
      key: `ph:${h.host}`,
      selectable: true,
      search: `${h.host} ${envs.join(' ')}`.toLowerCase(),
      detail: envs.join('; '),
      cells: [
        { text: h.host, flex: 1 },
        { text: h.versions.map((v) => `${v.version}×${v.environments.length}`).join('  '), flex: 2 },
      ],
    });
  }
  if (across.absent.length) rows.push(textRow('absent', `not installed on ${across.absent.length}: ${across.absent.join(', ')}`, 'dim'));
  if (across.unknown.length) rows.push(textRow('unknown', `no package facts from ${across.unknown.length}: ${across.unknown.join(', ')}`, 'bad'));
  return rows;
}

/** The rows of the list on screen. */
export function fleetRows(fleet: Fleet, view: FleetView, detail: FleetDetail | null): Described[] {
  if (detail?.kind === 'host') return hostDetailRows(fleet, detail.name);
  if (detail?.kind === 'rule') return ruleDetailRows(fleet, detail.rule);
  if (detail?.kind === 'package') return packageDetailRows(fleet, detail.name);
  return view === 'hosts' ? hostRows(fleet) : view === 'rules' ? ruleRows(fleet) : packageRows(fleet);
}

/** Worst severity present anywhere (for the header). */
export function fleetWorst(fleet: Fleet): Severity | null {
  return SEVERITIES.find((s) => fleet.hosts.some((h) => h.counts[s] > 0)) ?? null;
}
