// Moving between places: open a row (its full text, or the environment and package it is about),
// and a back stack so Esc returns to where a jump started (the findings list, the packages view).
import type { DashboardState } from './dashboard-state.js';
import { EMPTY_POS, jumpTo } from './list-nav.js';
import { focusedRow, normalize, setView } from './positions.js';
import { detailRows, envById, layoutOf, mainRows } from './selectors.js';

/** The package's own row in an environment's detail (not a finding that names it). */
function packageRowIndex(rows: readonly { key: string; pkg?: { name: string } }[], name: string): number {
  const own = rows.findIndex((r) => r.key.startsWith('dist:') && r.pkg?.name === name);
  return own >= 0 ? own : rows.findIndex((r) => r.pkg?.name === name);
}

/** Where the user was: restored by Esc. */
export type Place = Pick<DashboardState, 'view' | 'focus' | 'lists' | 'detail' | 'detailOwner'>;

function place(s: DashboardState): Place {
  return { view: s.view, focus: s.focus, lists: s.lists, detail: s.detail, detailOwner: s.detailOwner };
}

/** Opens the environments view on one environment, optionally on one of its packages. */
export function jumpToEnv(s: DashboardState, envId: string, pkgName?: string): DashboardState {
  if (!envById(s, envId)) return { ...s, message: 'that environment is no longer on the machine' };
  let next: DashboardState = { ...s, view: 'envs', focus: 'detail', editingFilter: false, back: [...s.back, place(s)].slice(-20) };
  let rows = mainRows(next);
  if (!rows.some((r) => r.key === envId)) {
    next = { ...next, filters: { ...next.filters, envs: '' } };
    rows = mainRows(next);
  }
  const h = layoutOf(next).paneRows;
  next = normalize({ ...next, lists: { ...next.lists, envs: jumpTo(rows, next.lists.envs, rows.findIndex((r) => r.key === envId), h) } });
  if (pkgName !== undefined) {
    const drows = detailRows(next);
    next = { ...next, detail: jumpTo(drows, next.detail, packageRowIndex(drows, pkgName), h) };
  }
  return { ...next, message: `${envById(s, envId)!.name}: ${envById(s, envId)!.prefix}` };
}


/** Enter: a row's full text, or the environment (and package) a finding or a copy is about. */
export function openRow(s: DashboardState): DashboardState {
  const row = focusedRow(s);
  if (!row) return { ...s, message: 'nothing selected' };
  const jumps = (s.view === 'findings' && s.focus === 'list') || (s.view === 'packages' && s.focus === 'detail');
  if (jumps) {
    if (row.envId) return jumpToEnv(s, row.envId, row.pkg?.name);
    if (row.full) return openText(s, row.full);
    return { ...s, message: 'this finding is about the whole machine, not one environment' };
  }
  if (s.focus === 'list' && s.view !== 'path') return { ...s, focus: 'detail' };
  if (row.full) return openText(s, row.full);
  return s;
}

export function openText(s: DashboardState, full: NonNullable<DashboardState['text']>['full']): DashboardState {
  return { ...s, overlay: 'text', text: { full, pos: EMPTY_POS } };
}

/** Esc: clear the filter, else return from a jump, else leave the detail, else go to the first view. */
export function goBack(s: DashboardState): DashboardState {
  if (s.filters[s.view]) return normalize({ ...s, filters: { ...s.filters, [s.view]: '' }, message: 'filter cleared' });
  const prev = s.back[s.back.length - 1];
  if (prev) return normalize({ ...s, ...prev, back: s.back.slice(0, -1), message: '' });
  if (s.focus === 'detail') return { ...s, focus: 'list' };
  if (s.view !== 'envs') return setView(s, 'envs');
  return { ...s, message: '' };
}
