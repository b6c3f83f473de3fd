// Pure layout arithmetic: how many rows and columns each pane gets at a terminal size.
import type { ViewId } from './dashboard-state.js';

export interface Layout {
  /** Both panes side by side (>= 80 columns); otherwise one pane at a time, Tab switches. */
  wide: boolean;
  /** Height of the root box: rows - 1 (a full-height frame makes Ink 6 clear the screen each frame). */
  height: number;
  bodyHeight: number;
  listWidth: number;
  detailWidth: number;
  /** Rows of content inside a pane (without border and title). */
  paneRows: number;
  /** Columns for row text inside a pane (without border, marker and tag columns). */
  listTextWidth: number;
  detailTextWidth: number;
  /** Columns for a full-width overlay's text (help, a row's full text). */
  fullTextWidth: number;
}

/** Share of the width the list pane takes in wide mode. */
const LIST_SHARE: Record<ViewId, number> = { envs: 0.36, findings: 0.5, packages: 0.6, path: 0.45 };

/** Fixed lines around the body: header, overview strip, message line, key hints. */
export const CHROME_ROWS = 4;
/** Border (2) + title (1). */
const PANE_CHROME_ROWS = 3;
/** Border (2) + marker (1) + tag (1). */
const PANE_CHROME_COLS = 4;

export function computeLayout(size: { columns: number; rows: number }, view: ViewId): Layout {
  const columns = Math.max(20, size.columns);
  const height = Math.max(CHROME_ROWS + PANE_CHROME_ROWS + 1, size.rows - 1);
  const wide = columns >= 80;
  const listWidth = wide ? Math.round(columns * LIST_SHARE[view]) : columns;
  const detailWidth = wide ? columns - listWidth : columns;
  const bodyHeight = height - CHROME_ROWS;
  return {
    wide,
    height,
    bodyHeight,
    listWidth,
    detailWidth,
    paneRows: Math.max(1, bodyHeight - PANE_CHROME_ROWS),
    listTextWidth: Math.max(4, listWidth - PANE_CHROME_COLS),
    detailTextWidth: Math.max(4, detailWidth - PANE_CHROME_COLS),
    fullTextWidth: Math.max(4, (wide ? listWidth + detailWidth : listWidth) - PANE_CHROME_COLS),
  };
}
