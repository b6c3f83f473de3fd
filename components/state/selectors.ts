// Derived rows for the current state. Memoised on the inputs' identity: with 10,000 packages a
// keypress must not rebuild every list, only move a cursor.
import type { Environment } from '../../src/model.js';
import { SORTS, type DashboardState, type ViewId } from './dashboard-state.js';
import { envDetailRows } from './env-detail.js';
import { buildEnvRows } from './env-rows.js';
import { buildFindingRows, findingDetailRows, findingKey } from './finding-rows.js';
import { findingsByEnv } from './kinds.js';
import { computeLayout, type Layout } from './layout.js';
import { buildPackageRows, groupPackages, packageDetailRows, type PackageGroup } from './package-rows.js';
import { buildPathRows, pathDetailRows } from './path-rows.js';
import type { Row } from './rows.js';

/** A one-entry cache: recompute only when an input changed identity. */
function memo<A extends readonly unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  let last: { args: A; value: R } | null = null;
  return (...args: A): R => {
    if (last && last.args.length === args.length && last.args.every((a, i) => Object.is(a, args[i]))) return last.value;
    const value = fn(...args);
    last = { args, value };
    return value;
  };
}

export function sortOf(state: DashboardState, view: ViewId): { key: string; reverse: boolean } {
  const s = state.sorts[view];
  return { key: SORTS[view][s.index] ?? SORTS[view][0]!, reverse: s.reverse };
}

export function layoutOf(state: DashboardState): Layout {
  return computeLayout(state.size, state.view);
}

const envRows = memo((inv: DashboardState['inventory'], findings: DashboardState['findings'], sizes: DashboardState['sizes'], filter: string, key: string, reverse: boolean) =>
  buildEnvRows({ inventory: inv, findings, sizes, filter, sort: { key, reverse } }),
);
const findingRows = memo((inv: DashboardState['inventory'], findings: DashboardState['findings'], filter: string, key: string, reverse: boolean) =>
  buildFindingRows(inv, findings, filter, { key, reverse }),
);
const packageGroups = memo((inv: DashboardState['inventory']) => groupPackages(inv));
const packageRows = memo((groups: Map<string, PackageGroup>, filter: string, key: string, reverse: boolean) => buildPackageRows(groups, filter, { key, reverse }));
const pathRows = memo((inv: DashboardState['inventory'], filter: string, key: string, reverse: boolean) => buildPathRows(inv, filter, { key, reverse }));
const envFindings = memo((envs: readonly Environment[], findings: DashboardState['findings']) => findingsByEnv(envs, findings));
const envIndex = memo((envs: readonly Environment[]) => new Map(envs.map((e) => [e.id, e])));

/** Rows of a view's main list. */
export function mainRows(state: DashboardState, view: ViewId = state.view): Row[] {
  const { key, reverse } = sortOf(state, view);
  const filter = state.filters[view];
  switch (view) {
    case 'envs':
      return envRows(state.inventory, state.findings, state.sizes, filter, key, reverse);
    case 'findings':
      return findingRows(state.inventory, state.findings, filter, key, reverse);
    case 'packages':
      return packageRows(packageGroups(state.inventory), filter, key, reverse);
    case 'path':
      return pathRows(state.inventory, filter, key, reverse);
  }
}

export function envById(state: DashboardState, id: string | undefined): Environment | undefined {
  if (id === undefined) return undefined;
  return envIndex(state.inventory?.environments ?? []).get(id);
}

/** The row under the main list's cursor. */
export function selectedRow(state: DashboardState, view: ViewId = state.view): Row | undefined {
  const rows = mainRows(state, view);
  const r = rows[state.lists[view].cursor];
  return r?.selectable ? r : undefined;
}

const detailCache = memo(
  (view: ViewId, rowKey: string | undefined, width: number, inv: DashboardState['inventory'], findings: DashboardState['findings'], sizes: DashboardState['sizes'], sizing: boolean): Row[] => {
    if (rowKey === undefined || !inv) return [];
    switch (view) {
      case 'envs': {
        const env = envIndex(inv.environments).get(rowKey);
        if (!env) return [];
        const fs = envFindings(inv.environments, findings).get(env.id) ?? [];
        return envDetailRows({ env, findings: fs, size: sizes[env.id], sizing, width });
      }
      case 'findings': {
        const i = findings.findIndex((f, n) => findingKey(f, n) === rowKey);
        return i < 0 ? [] : findingDetailRows(inv, findings[i]!, width);
      }
      case 'packages': {
        const g = packageGroups(inv).get(rowKey.slice('pkg:'.length));
        return g ? packageDetailRows(inv, g) : [];
      }
      case 'path':
        return pathDetailRows(inv, rowKey.slice('path:'.length));
    }
  },
);

/** Rows of the detail pane for the selected row of the current view. */
export function detailRows(state: DashboardState): Row[] {
  const sel = selectedRow(state);
  const layout = layoutOf(state);
  return detailCache(state.view, sel?.key, layout.detailTextWidth, state.inventory, state.findings, state.sizes, state.scan.sizing);
}
