// Rows of the environments view: grouped by kind, sorted inside each group, filtered.
import type { Environment, Finding, Inventory } from '../../src/model.js';
import { KIND_GROUPS, findingsByEnv, groupOf, worst } from './kinds.js';
import { SEVERITY_LETTER, type Row } from './rows.js';
import { compareNatural, compareText, formatBytes } from '../ui/text.js';

export interface EnvRowsInput {
  inventory: Inventory | null;
  findings: readonly Finding[];
  sizes: Readonly<Record<string, number>>;
  filter: string;
  sort: { key: string; reverse: boolean };
}

/** Major.minor of a version string ("3.11.2" → "3.11"). */
export function shortVersion(v: string | null): string {
  if (!v) return '?';
  const m = /^(\d+)\.(\d+)/.exec(v);
  return m ? `${m[1]}.${m[2]}` : v;
}

function sizeText(n: number | undefined): string {
  return n === undefined ? '…' : formatBytes(n);
}

function envSearch(e: Environment): string {
  return [e.name, e.kind, e.prefix, e.python.version ?? '', ...e.packages.map((p) => p.name)].join(' ').toLowerCase();
}

function compareVersions(a: string | null, b: string | null): number {
  const pa = (a ?? '').split('.').map((x) => Number.parseInt(x, 10) || 0);
  const pb = (b ?? '').split('.').map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

function comparator(key: string, sizes: Readonly<Record<string, number>>): (a: Environment, b: Environment) => number {
  const byName = (a: Environment, b: Environment): number => compareNatural(a.name, b.name) || compareText(a.prefix, b.prefix);
  switch (key) {
    case 'packages':
      return (a, b) => b.packages.length - a.packages.length || byName(a, b);
    case 'size':
      return (a, b) => (sizes[b.id] ?? b.sizeBytes ?? -1) - (sizes[a.id] ?? a.sizeBytes ?? -1) || byName(a, b);
    case 'python':
      return (a, b) => compareVersions(b.python.version, a.python.version) || byName(a, b);
    default:
      return byName;
  }
}

/** Environment list rows: a heading per kind group, then its environments. */
export function buildEnvRows(input: EnvRowsInput): Row[] {
  const envs = input.inventory?.environments ?? [];
  const byEnv = findingsByEnv(envs, input.findings);
  const needle = input.filter.toLowerCase();
  const cmp = comparator(input.sort.key, input.sizes);
  const rows: Row[] = [];
  // Sorting by size shows the size in place of the Python version: the sort key is always on screen.
  const bySize = input.sort.key === 'size';
  if (envs.length) {
    rows.push({
      key: 'columns',
      selectable: false,
      search: '',
      cells: [
        { text: 'name', flex: 1, tone: 'dim' },
        { text: bySize ? 'size' : 'py', width: bySize ? 7 : 5, align: 'right', tone: 'dim' },
        { text: 'pkgs', width: 4, align: 'right', tone: 'dim' },
        { text: '!', width: 1, tone: 'dim' },
      ],
    });
  }
  for (const group of KIND_GROUPS) {
    const members = envs.filter((e) => groupOf(e.kind) === group);
    const shown = members
      .map((e) => ({ e, search: envSearch(e) }))
      .filter((x) => needle === '' || x.search.includes(needle))
      .sort((a, b) => (input.sort.reverse ? -cmp(a.e, b.e) : cmp(a.e, b.e)));
    if (shown.length === 0) continue;
    const title = needle ? `${group.label} (${shown.length}/${members.length})` : `${group.label} (${members.length})`;
    rows.push({ key: `group:${group.id}`, cells: [{ text: title, tone: 'heading' }], selectable: false, search: '' });
    for (const { e, search } of shown) {
      const sev = worst((byEnv.get(e.id) ?? []).map((f) => f.severity));
      rows.push({
        key: e.id,
        envId: e.id,
        selectable: true,
        search,
        cells: [
          { text: e.name, flex: 1, tone: e.health.ok ? undefined : 'bad' },
          bySize
            ? { text: sizeText(input.sizes[e.id] ?? e.sizeBytes), width: 7, align: 'right', tone: 'dim' }
            : { text: shortVersion(e.python.version), width: 5, align: 'right', tone: 'dim' },
          { text: String(e.packages.length), width: 4, align: 'right' },
          { text: sev ? SEVERITY_LETTER[sev] : ' ', width: 1, tone: sev ?? undefined },
        ],
      });
      // The overview's "User site" count lives inside this interpreter: say where.
      const user = e.packages.filter((p) => p.scope === 'user').length;
      if (user > 0 && group.id === 'system') {
        rows.push({ key: `user-site:${e.id}`, selectable: false, search: '', cells: [{ text: `  + user site: ${user} (scope user)`, tone: 'dim' }] });
      }
    }
  }
  return rows;
}
