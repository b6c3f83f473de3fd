// Turns a Row into exactly one terminal line of a given width: marker, tag, then cells laid out
// by fixed width and flex weight. Pure, so tests check alignment and truncation without Ink.
import type { Cell, Row } from '../state/rows.js';
import { paint, tone } from './style.js';
import { fit } from './text.js';

/** Widths for each cell: fixed ones as given, flex ones share what is left (one space between cells). */
export function cellWidths(cells: readonly Cell[], width: number): number[] {
  const gaps = Math.max(0, cells.length - 1);
  const fixed = cells.reduce((n, c) => n + (c.width ?? 0), 0);
  const flexTotal = cells.reduce((n, c) => n + (c.width === undefined ? (c.flex ?? 1) : 0), 0);
  let free = Math.max(0, width - fixed - gaps);
  const out = cells.map((c) => c.width ?? 0);
  if (flexTotal > 0) {
    let left = free;
    cells.forEach((c, i) => {
      if (c.width !== undefined) return;
      const share = Math.floor((free * (c.flex ?? 1)) / flexTotal);
      out[i] = share;
      left -= share;
    });
    // Rounding leftovers go to the first flex cell, so the line is exactly `width`.
    const first = cells.findIndex((c) => c.width === undefined);
    if (first >= 0) out[first]! += left;
    free = 0;
  }
  // Too narrow for the fixed cells: shrink from the right so the line never overflows.
  let total = out.reduce((a, b) => a + b, 0) + gaps;
  for (let i = out.length - 1; i >= 0 && total > width; i--) {
    const cut = Math.min(out[i]!, total - width);
    out[i]! -= cut;
    total -= cut;
  }
  return out;
}

export interface RowLook {
  selected: boolean;
  /** The pane has focus: the selection is drawn in inverse video (always with the '>' marker). */
  focused: boolean;
  tagged: boolean;
  color: boolean;
}

/** One line of `width + 2` columns: '>' marker, '*' tag, then the cells. */
export function renderRow(row: Row, width: number, look: RowLook): string {
  const widths = cellWidths(row.cells, width);
  const inverse = look.selected && look.focused;
  const parts: string[] = [];
  row.cells.forEach((c, i) => {
    const w = widths[i]!;
    if (i > 0) parts.push(' ');
    if (w <= 0) {
      if (i > 0) parts.pop();
      return;
    }
    const text = fit(c.text, w, c.align ?? 'left', c.cut ?? 'end');
    // Inside an inverse line, colours would fight the inverse; keep bold/dim only.
    parts.push(inverse ? text : tone(text, c.tone, look.color));
  });
  const used = row.cells.reduce((n, _c, i) => n + (widths[i]! > 0 ? widths[i]! + (i > 0 ? 1 : 0) : 0), 0);
  const pad = ' '.repeat(Math.max(0, width - used));
  const marker = look.selected ? '>' : ' ';
  const tag = look.tagged ? '*' : ' ';
  const body = marker + tag + parts.join('') + pad;
  return inverse ? paint(body, { inverse: true, bold: true }, look.color) : body;
}
