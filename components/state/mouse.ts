// The mouse (SGR mode 1006, as lazygit and htop use it): the wheel scrolls the pane under the
// pointer, a click selects the row under it (and focuses its pane), nothing else.
import type { DashboardState } from './dashboard-state.js';
import { jumpTo, move } from './list-nav.js';
import { normalize, withFocusedPos } from './positions.js';
import { detailRows, layoutOf, mainRows } from './selectors.js';

/** `\x1b[<b;x;yM` (Ink hands it over without the ESC): button, 1-based column and row, press or release. */
export function parseMouse(input: string): { button: number; x: number; y: number; press: boolean } | null {
  const m = /^\x1b?\[<(\d+);(\d+);(\d+)([Mm])$/.exec(input);
  return m ? { button: Number(m[1]), x: Number(m[2]), y: Number(m[3]), press: m[4] === 'M' } : null;
}

/** Rows above the panes' first content row: header, tabs, the pane's top border and title. */
const CONTENT_TOP = 5;

export function mouse(s: DashboardState, e: { button: number; x: number; y: number; press: boolean }): DashboardState {
  if (s.overlay === 'wizard' || !e.press) return s;
  const layout = layoutOf(s);
  const pane = !layout.wide ? s.focus : e.x <= layout.listWidth ? 'list' : 'detail';
  // Wheel: 64 up, 65 down, three rows at a time.
  if (e.button === 64 || e.button === 65) {
    let next = s.overlay ? s : { ...s, focus: pane };
    for (let i = 0; i < 3; i++) next = withFocusedPos(next, (rows, pos, h) => move(rows, pos, e.button === 64 ? 'up' : 'down', h));
    return next;
  }
  if (e.button !== 0 || s.overlay) return s;
  const index = e.y - CONTENT_TOP;
  if (index < 0 || index >= layout.paneRows) return s;
  const focused = { ...s, focus: pane };
  const rows = pane === 'list' ? mainRows(focused) : detailRows(focused);
  const pos = pane === 'list' ? focused.lists[focused.view] : focused.detail;
  const at = pos.offset + index;
  if (!rows[at]?.selectable) return focused;
  const h = layout.paneRows;
  if (pane === 'list') return normalize({ ...focused, lists: { ...focused.lists, [focused.view]: jumpTo(rows, pos, at, h) } });
  return { ...focused, detail: jumpTo(rows, pos, at, h) };
}
