// The packages view: one row per project name across the machine, versions side by side, and
// for one name every copy with the one that wins on its interpreter's sys.path.
import type { Distribution, Environment, Inventory } from '../../src/model.js';
import { adviceRow } from './advice-rows.js';
import { packageFull } from './full-text.js';
import { pathPythonEnv } from './kinds.js';
import { textRow, type Row } from './rows.js';
import { compareText } from '../ui/text.js';

export interface Copy {
  env: Environment;
  dist: Distribution;
  /** First on its interpreter's sys.path among copies in the same environment. */
  wins: boolean;
  /** Another copy in the same environment comes earlier on sys.path. */
  shadowed: boolean;
}

export interface PackageGroup {
  name: string;
  displayName: string;
  copies: Copy[];
  versions: string[];
}

function siteOrder(env: Environment, d: Distribution): number {
  return env.sites.find((s) => s.path === d.site)?.order ?? Number.MAX_SAFE_INTEGER;
}

/** Every distribution on the machine grouped by normalised name (O(total packages)). */
export function groupPackages(inv: Inventory | null): Map<string, PackageGroup> {
  const out = new Map<string, PackageGroup>();
  for (const env of inv?.environments ?? []) {
    const mine = new Map<string, Distribution[]>();
    for (const d of env.packages) {
      const l = mine.get(d.name);
      if (l) l.push(d);
      else mine.set(d.name, [d]);
    }
    for (const [name, dists] of mine) {
      const sorted = dists.length > 1 ? [...dists].sort((a, b) => siteOrder(env, a) - siteOrder(env, b)) : dists;
      let g = out.get(name);
      if (!g) {
        g = { name, displayName: sorted[0]!.displayName, copies: [], versions: [] };
        out.set(name, g);
      }
      sorted.forEach((dist, i) => {
        g.copies.push({ env, dist, wins: sorted.length > 1 && i === 0, shadowed: i > 0 });
        if (!g.versions.includes(dist.version)) g.versions.push(dist.version);
      });
    }
  }
  return out;
}

/** Package list rows; sort by name, number of copies, or number of distinct versions. */
export function buildPackageRows(groups: Map<string, PackageGroup>, filter: string, sort: { key: string; reverse: boolean }): Row[] {
  const needle = filter.toLowerCase();
  const list = [...groups.values()].filter((g) => needle === '' || g.name.includes(needle) || g.displayName.toLowerCase().includes(needle));
  const byName = (a: PackageGroup, b: PackageGroup): number => compareText(a.name, b.name);
  const cmp =
    sort.key === 'copies'
      ? (a: PackageGroup, b: PackageGroup) => b.copies.length - a.copies.length || byName(a, b)
      : sort.key === 'versions'
        ? (a: PackageGroup, b: PackageGroup) => b.versions.length - a.versions.length || byName(a, b)
        : byName;
  list.sort((a, b) => (sort.reverse ? -cmp(a, b) : cmp(a, b)));
  // The name column is as wide as the longest name (up to 32), so two names never look alike.
  const nameWidth = Math.min(32, Math.max(4, ...list.map((g) => g.displayName.length)));
  return list.map((g) => ({
    key: `pkg:${g.name}`,
    selectable: true,
    search: g.name,
    cells: [
      { text: g.displayName, width: nameWidth },
      { text: `${g.copies.length}×`, width: 3, align: 'right', tone: g.copies.length > 1 ? 'accent' : 'dim' },
      // Every copy's version, side by side, in environment order.
      { text: g.copies.map((c) => c.dist.version).join(' · '), flex: 1, tone: g.versions.length > 1 ? 'medium' : undefined },
    ],
  }));
}

/** Detail of one package name: each copy with its environment, scope, installer and whether it wins. */
export function packageDetailRows(inv: Inventory | null, g: PackageGroup): Row[] {
  const onPath = pathPythonEnv(inv);
  const rows: Row[] = [
    textRow('title', `${g.copies.length} ${g.copies.length === 1 ? 'copy' : 'copies'} · ${g.versions.length} ${g.versions.length === 1 ? 'version' : 'versions'}: ${g.versions.join(', ')}`, 'heading'),
  ];
  if (onPath) {
    const mine = g.copies.find((c) => c.env.id === onPath.id && !c.shadowed);
    rows.push(textRow('path', mine ? `python3 on PATH imports ${mine.dist.version} (${mine.dist.scope} site)` : 'python3 on PATH does not see it', 'dim'));
  }
  // Two lines per copy: the environment, then its facts, so both stay readable in a narrow pane.
  g.copies.forEach((c, i) => {
    rows.push({
      key: `copy:${c.env.id}:${c.dist.metadataPath}`,
      envId: c.env.id,
      pkg: { envId: c.env.id, name: c.dist.name },
      full: packageFull(c.env, c.dist, []),
      selectable: true,
      search: `${c.env.name} ${c.env.kind} ${c.dist.version} ${c.dist.scope}`.toLowerCase(),
      cells: [
        { text: `${c.env.name} (${c.env.kind})`, flex: 1 },
        { text: c.dist.version, width: 10, align: 'right', tone: g.versions.length > 1 ? 'medium' : undefined },
      ],
    });
    const status = c.wins ? 'wins' : c.shadowed ? 'shadowed' : '';
    rows.push({
      key: `copy-facts:${i}`,
      selectable: false,
      search: '',
      cells: [
        { text: `  ${c.dist.scope} site · ${c.dist.installer ?? 'unknown installer'}${c.env.id === onPath?.id ? ' · python3 on PATH' : ''}`, flex: 1, tone: 'dim' },
        { text: status, width: 8, align: 'right', tone: c.shadowed ? 'dim' : 'ok' },
      ],
    });
    const advice = adviceRow(`copy:${i}`, c.dist.advice);
    if (advice) rows.push(advice);
  });
  rows.push(textRow('hint', 'Enter: open the environment', 'dim'));
  return rows;
}
