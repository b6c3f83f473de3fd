// Cursor bookkeeping shared by the reducer and navigation: keep positions valid after the rows
// changed, move the focused list, and read the focused row.
import type { DashboardState, ViewId } from './dashboard-state.js';
import { helpRows } from './help-rows.js';
import { EMPTY_POS, reanchor, type ListPos } from './list-nav.js';
import type { Row } from './rows.js';
import { detailRows, layoutOf, mainRows, selectedRow } from './selectors.js';
import { textRows } from './text-rows.js';

/** Keeps cursors valid after anything changed the rows, and resets the detail when the selection moved. */
export function normalize(s: DashboardState): DashboardState {
  const h = layoutOf(s).paneRows;
  const list = reanchor(mainRows(s), s.lists[s.view], h);
  let next = list === s.lists[s.view] ? s : { ...s, lists: { ...s.lists, [s.view]: list } };
  const owner = selectedRow(next)?.key ?? null;
  const drows = detailRows(next);
  const detail = owner === s.detailOwner ? reanchor(drows, s.detail, h) : reanchor(drows, EMPTY_POS, h);
  next = { ...next, detail, detailOwner: owner };
  return next;
}

export function withFocusedPos(s: DashboardState, f: (rows: Row[], pos: ListPos, h: number) => ListPos): DashboardState {
  const h = layoutOf(s).paneRows;
  if (s.overlay === 'help') return { ...s, help: f(helpRows(s), s.help, h) };
  if (s.overlay === 'text' && s.text) return { ...s, text: { ...s.text, pos: f(textRows(s.text.full, layoutOf(s).fullTextWidth), s.text.pos, h) } };
  if (s.focus === 'detail') return { ...s, detail: f(detailRows(s), s.detail, h) };
  return normalize({ ...s, lists: { ...s.lists, [s.view]: f(mainRows(s), s.lists[s.view], h) } });
}

export function focusedRow(s: DashboardState): Row | undefined {
  if (s.focus === 'detail') {
    const r = detailRows(s)[s.detail.cursor];
    return r?.selectable ? r : undefined;
  }
  return selectedRow(s);
}

export function setView(s: DashboardState, view: ViewId): DashboardState {
  return normalize({ ...s, view, focus: 'list', editingFilter: false, message: '' });
}

