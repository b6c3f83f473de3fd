// The fleet dashboard's state and its one key router. Pure: the component passes in the rows on
// screen (memoised per view) and the list height; tests drive it without rendering.
import { EMPTY_POS, findMatch, jumpTo, move, reanchor, type ListPos, type Motion } from '../state/list-nav.js';
import type { Described, FleetDetail, FleetView } from './fleet-rows.js';

export const VIEWS: FleetView[] = ['hosts', 'rules', 'packages'];
export const VIEW_TITLE: Record<FleetView, string> = { hosts: 'Hosts', rules: 'Findings by rule', packages: 'Packages' };

export interface FleetState {
  view: FleetView;
  detail: FleetDetail | null;
  pos: ListPos;
  /** Positions to return to: per view, and the list under an open detail. */
  saved: Partial<Record<FleetView, ListPos>>;
  filter: string;
  /** Typing goes into the filter. */
  filtering: boolean;
  quit: boolean;
}

export interface KeyIn {
  input: string;
  upArrow?: boolean;
  downArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  return?: boolean;
  escape?: boolean;
  tab?: boolean;
  shift?: boolean;
  backspace?: boolean;
  delete?: boolean;
  ctrl?: boolean;
}

export function initialFleetState(opts: { view?: FleetView; detail?: FleetDetail | null } = {}): FleetState {
  return { view: opts.view ?? 'hosts', detail: opts.detail ?? null, pos: EMPTY_POS, saved: {}, filter: '', filtering: false, quit: false };
}

/** Rows after the filter: selectable rows that match; headings only when nothing is filtered. */
export function filterRows(rows: readonly Described[], filter: string): readonly Described[] {
  const f = filter.trim().toLowerCase();
  if (!f) return rows;
  return rows.filter((r) => r.selectable && r.search.includes(f));
}

function withRows(s: FleetState, rows: readonly Described[], height: number): FleetState {
  return { ...s, pos: reanchor(rows, s.pos, height) };
}

function switchView(s: FleetState, view: FleetView): FleetState {
  if (view === s.view && !s.detail) return s;
  const saved = s.detail ? s.saved : { ...s.saved, [s.view]: s.pos };
  return { ...s, view, detail: null, saved, pos: saved[view] ?? EMPTY_POS, filter: '', filtering: false };
}

/** What Enter opens on a row, if anything. */
function openTarget(s: FleetState, row: Described | undefined): FleetDetail | null {
  if (!row || s.detail) return null;
  const [kind, ...rest] = row.key.split(':');
  const id = rest.join(':');
  if (kind === 'host') return { kind: 'host', name: id };
  if (kind === 'rule') return { kind: 'rule', rule: id };
  if (kind === 'pkg') return { kind: 'package', name: id };
  return null;
}

/**
 * One key. `rows` are the current list's rows before filtering; the caller recomputes rows for the
 * new view/detail and calls `settle` so the cursor lands on a selectable row.
 */
export function fleetKey(s: FleetState, k: KeyIn, rows: readonly Described[], height: number): FleetState {
  const shown = filterRows(rows, s.filter);
  if (k.ctrl && k.input === 'c') return { ...s, quit: true };
  if (s.filtering) {
    if (k.escape) return withRows({ ...s, filtering: false, filter: '' }, rows, height);
    if (k.return) return { ...s, filtering: false };
    if (k.backspace || k.delete) return withRows({ ...s, filter: s.filter.slice(0, -1) }, filterRows(rows, s.filter.slice(0, -1)), height);
    if (k.input && !k.ctrl && !/[\u0000-\u001f]/.test(k.input)) {
      const filter = (s.filter + k.input).slice(0, 64);
      return withRows({ ...s, filter }, filterRows(rows, filter), height);
    }
    return s;
  }
  const motion: Motion | null = k.upArrow || k.input === 'k' ? 'up'
    : k.downArrow || k.input === 'j' ? 'down'
    : k.input === 'g' ? 'top'
    : k.input === 'G' ? 'bottom'
    : k.pageUp || (k.ctrl && k.input === 'b') ? 'pageUp'
    : k.pageDown || (k.ctrl && k.input === 'f') || k.input === ' ' ? 'pageDown'
    : null;
  if (motion) return { ...s, pos: move(shown, s.pos, motion, height) };
  if (k.input === 'q') return { ...s, quit: true };
  if (k.input === '/') return { ...s, filtering: true };
  if (k.input === 'n' || k.input === 'N') {
    const i = findMatch(shown, s.pos.cursor, s.filter, k.input === 'n' ? 1 : -1);
    return i < 0 ? s : { ...s, pos: jumpTo(shown, s.pos, i, height) };
  }
  if (k.tab) return switchView(s, VIEWS[(VIEWS.indexOf(s.view) + (k.shift ? VIEWS.length - 1 : 1)) % VIEWS.length]!);
  if (k.input === '1' || k.input === '2' || k.input === '3') return switchView(s, VIEWS[Number(k.input) - 1]!);
  if (k.return || k.input === 'l') {
    const target = openTarget(s, shown[s.pos.cursor]);
    if (!target) return s;
    return { ...s, detail: target, saved: { ...s.saved, [s.view]: s.pos }, pos: EMPTY_POS, filter: '' };
  }
  if (k.escape || k.backspace || k.delete || k.input === 'h') {
    if (s.filter) return withRows({ ...s, filter: '' }, rows, height);
    if (!s.detail) return s;
    return { ...s, detail: null, pos: s.saved[s.view] ?? EMPTY_POS };
  }
  return s;
}

/** Puts the cursor on a selectable row of the rows now on screen. */
export function settle(s: FleetState, rows: readonly Described[], height: number): FleetState {
  const pos = reanchor(filterRows(rows, s.filter), s.pos, height);
  return pos === s.pos || (pos.cursor === s.pos.cursor && pos.offset === s.pos.offset && pos.key === s.pos.key) ? s : { ...s, pos };
}
