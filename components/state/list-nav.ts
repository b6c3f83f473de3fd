// Pure cursor and window arithmetic for windowed lists: only selectable rows take the cursor,
// and the window scrolls just enough to keep the cursor visible (so a long list never jumps).
import type { Row } from './rows.js';

export interface ListPos {
  cursor: number;
  offset: number;
  /** Key of the row under the cursor, so selection survives data, filter and sort changes. */
  key: string | null;
}

export const EMPTY_POS: ListPos = { cursor: 0, offset: 0, key: null };

/** Index of the nearest selectable row at or after `from` (direction 1) or before (direction -1), or -1. */
export function nearestSelectable(rows: readonly Row[], from: number, direction: 1 | -1): number {
  for (let i = from; i >= 0 && i < rows.length; i += direction) if (rows[i]!.selectable) return i;
  return -1;
}

function firstSelectable(rows: readonly Row[]): number {
  return nearestSelectable(rows, 0, 1);
}

function lastSelectable(rows: readonly Row[]): number {
  return nearestSelectable(rows, rows.length - 1, -1);
}

/** Offset that keeps `cursor` inside a window of `height` rows, moving as little as possible. */
export function scrollTo(cursor: number, offset: number, height: number, count: number): number {
  const h = Math.max(1, height);
  let o = Math.min(offset, Math.max(0, count - h));
  if (cursor < o) o = cursor;
  if (cursor >= o + h) o = cursor - h + 1;
  // Show the heading above the first selectable row when at the top.
  return Math.max(0, o);
}

function settle(rows: readonly Row[], cursor: number, offset: number, height: number): ListPos {
  if (cursor < 0 || rows.length === 0) return { cursor: 0, offset: 0, key: null };
  let o = scrollTo(cursor, offset, height, rows.length);
  // At the first selectable row, reveal headings above it.
  if (cursor === firstSelectable(rows) && cursor < height) o = 0;
  return { cursor, offset: o, key: rows[cursor]!.key };
}

/** Re-anchors a position after the rows changed: same key if still there, else the nearest row. */
export function reanchor(rows: readonly Row[], pos: ListPos, height: number): ListPos {
  if (rows.length === 0) return { cursor: 0, offset: 0, key: null };
  // Fast path: nothing moved under the cursor (every keypress on a 10,000-row list goes here).
  if (pos.key !== null && rows[pos.cursor]?.key === pos.key) return settle(rows, pos.cursor, pos.offset, height);
  let cursor = pos.key === null ? -1 : rows.findIndex((r) => r.key === pos.key);
  if (cursor < 0) {
    const at = Math.min(pos.cursor, rows.length - 1);
    cursor = nearestSelectable(rows, at, 1);
    if (cursor < 0) cursor = nearestSelectable(rows, at, -1);
  }
  return settle(rows, cursor, pos.offset, height);
}

export type Motion = 'up' | 'down' | 'top' | 'bottom' | 'pageUp' | 'pageDown' | 'halfUp' | 'halfDown';

/** Moves the cursor over selectable rows; page moves keep the cursor's place in the window. */
export function move(rows: readonly Row[], pos: ListPos, motion: Motion, height: number): ListPos {
  if (rows.length === 0) return EMPTY_POS;
  const cur = rows[pos.cursor]?.selectable ? pos.cursor : firstSelectable(rows);
  if (cur < 0) return { cursor: 0, offset: Math.min(pos.offset, Math.max(0, rows.length - height)), key: null };
  const page = Math.max(1, height - 1);
  const half = Math.max(1, Math.floor(height / 2));
  let next = cur;
  let offset = pos.offset;
  const jump = (delta: number): number => {
    const target = Math.max(0, Math.min(rows.length - 1, cur + delta));
    const dir = delta > 0 ? 1 : -1;
    let i = nearestSelectable(rows, target, dir as 1 | -1);
    if (i < 0) i = nearestSelectable(rows, target, (-dir) as 1 | -1);
    return i < 0 ? cur : i;
  };
  switch (motion) {
    case 'up': {
      const i = nearestSelectable(rows, cur - 1, -1);
      next = i < 0 ? cur : i;
      break;
    }
    case 'down': {
      const i = nearestSelectable(rows, cur + 1, 1);
      next = i < 0 ? cur : i;
      // Past the last selectable row, j still scrolls: lines below it (advice, evidence) stay readable.
      if (i < 0) offset = offset + 1;
      break;
    }
    case 'top':
      next = firstSelectable(rows);
      offset = 0;
      break;
    case 'bottom':
      next = lastSelectable(rows);
      // Show the very end, also the lines after the last selectable row.
      offset = rows.length;
      break;
    case 'pageUp':
    case 'halfUp':
      next = jump(-(motion === 'pageUp' ? page : half));
      offset = Math.max(0, offset - (cur - next));
      break;
    case 'pageDown':
    case 'halfDown':
      next = jump(motion === 'pageDown' ? page : half);
      offset = offset + (next - cur);
      break;
  }
  return settle(rows, next, offset, height);
}

/** Next (or previous) selectable row whose search text contains `needle`, wrapping around; -1 if none. */
export function findMatch(rows: readonly Row[], from: number, needle: string, direction: 1 | -1): number {
  const n = needle.toLowerCase();
  if (!n || rows.length === 0) return -1;
  for (let step = 1; step <= rows.length; step++) {
    const i = (((from + direction * step) % rows.length) + rows.length) % rows.length;
    const r = rows[i]!;
    if (r.selectable && r.search.includes(n)) return i;
  }
  return -1;
}

/** Position with the cursor on row `index`. */
export function jumpTo(rows: readonly Row[], pos: ListPos, index: number, height: number): ListPos {
  if (index < 0 || index >= rows.length) return pos;
  return settle(rows, index, pos.offset, height);
}

/** The rows to draw: at most `height`, starting at the offset. */
export function visibleWindow<T>(rows: readonly T[], offset: number, height: number): { start: number; rows: readonly T[] } {
  const start = Math.max(0, Math.min(offset, Math.max(0, rows.length - height)));
  return { start, rows: rows.slice(start, start + height) };
}
