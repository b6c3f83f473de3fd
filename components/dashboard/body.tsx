import React from 'react';
import { Box } from 'ink';
import { SORTS, VIEW_TITLES, type DashboardState } from '../state/dashboard-state.js';
import { helpRows } from '../state/help-rows.js';
import { textRows } from '../state/text-rows.js';
import type { Layout } from '../state/layout.js';
import type { Row } from '../state/rows.js';
import { detailRows, envById, mainRows, selectedRow, sortOf } from '../state/selectors.js';
import { ListPane } from './list-pane.js';

/** "12-31/40 ↓ · Esc close": where an overlay is, so it is plain that it scrolls. */
function scrollStatus(total: number, offset: number, height: number, ascii: boolean, close: string): string {
  if (total <= height) return close;
  const more = total - offset - height > 0 ? (ascii ? ' v' : ' ↓') : '';
  return `${offset + 1}-${Math.min(total, offset + height)}/${total}${more} j/k · ${close}`;
}

const counts = new WeakMap<readonly Row[], { total: number; index: number[] }>();

/** Number of selectable rows and the position of each (memoised per rows array). */
function selectableInfo(rows: readonly Row[]): { total: number; index: number[] } {
  let info = counts.get(rows);
  if (!info) {
    const index: number[] = [];
    let n = 0;
    for (const r of rows) index.push(r.selectable ? ++n : n);
    info = { total: n, index };
    counts.set(rows, info);
  }
  return info;
}

function detailTitle(s: DashboardState, sel: Row | undefined): string {
  if (!sel) return 'Details';
  switch (s.view) {
    case 'envs':
      return envById(s, sel.envId)?.name ?? 'Details';
    case 'findings':
      return 'Finding';
    case 'packages':
      return sel.cells[0]?.text ?? 'Package';
    case 'path':
      return `${sel.cells[0]?.text ?? ''} on PATH`;
  }
}

const EMPTY_TEXT = {
  envs: (s: DashboardState) => (s.scan.running ? 'looking for Pythons…' : 'no Python environments found'),
  findings: (s: DashboardState) => (s.scan.running ? 'waiting for the scan…' : 'nothing risky found'),
  packages: (s: DashboardState) => (s.scan.running ? 'waiting for the scan…' : 'no packages found'),
  path: (s: DashboardState) => (s.scan.running ? 'waiting for the scan…' : 'no Python commands on PATH'),
};

/** The panes: list and detail side by side when wide, one at a time when narrow, or the help overlay. */
export function Body({ state, layout }: { state: DashboardState; layout: Layout }): React.JSX.Element {
  const { ascii, color } = state.options;
  const h = layout.paneRows;
  const full = layout.wide ? layout.listWidth + layout.detailWidth : layout.listWidth;
  if (state.overlay === 'help') {
    const rows = helpRows(state);
    return <ListPane title="Keys" status={scrollStatus(rows.length, state.help.offset, h, ascii, 'Esc close')} rows={rows} pos={state.help} width={full} height={h} focused ascii={ascii} color={color} />;
  }
  if (state.overlay === 'text' && state.text) {
    const rows = textRows(state.text.full, layout.fullTextWidth);
    return <ListPane title={state.text.full.title} status={scrollStatus(rows.length, state.text.pos.offset, h, ascii, 'Esc close')} rows={rows} pos={state.text.pos} width={full} height={h} focused ascii={ascii} color={color} />;
  }
  const rows = mainRows(state);
  const pos = state.lists[state.view];
  const info = selectableInfo(rows);
  const filter = state.filters[state.view];
  const sort = sortOf(state, state.view);
  const sortText = sort.key !== SORTS[state.view][0] || sort.reverse ? ` ${sort.reverse ? '↑' : '↓'}${sort.key}` : '';
  const tagged = new Set(state.tagged);
  const list = (
    <ListPane
      title={`${VIEW_TITLES[state.view]}${filter ? ` /${filter}` : ''}`}
      status={`${info.total ? info.index[pos.cursor] ?? 0 : 0}/${info.total}${ascii ? sortText.replace('↑', '^').replace('↓', 'v') : sortText}`}
      rows={rows}
      pos={pos}
      width={layout.listWidth}
      height={h}
      focused={state.focus === 'list'}
      ascii={ascii}
      color={color}
      tagged={tagged}
      empty={filter ? `nothing matches "${filter}" (Esc clears)` : EMPTY_TEXT[state.view](state)}
    />
  );
  const sel = selectedRow(state);
  const detail = (
    <ListPane
      title={detailTitle(state, sel)}
      status={layout.wide ? '' : 'Tab: list'}
      rows={detailRows(state)}
      pos={state.detail}
      width={layout.detailWidth}
      height={h}
      focused={state.focus === 'detail'}
      ascii={ascii}
      color={color}
      tagged={tagged}
      empty={sel ? '' : 'select a row to see details'}
    />
  );
  if (!layout.wide) return <Box>{state.focus === 'list' ? list : detail}</Box>;
  return (
    <Box flexDirection="row">
      {list}
      {detail}
    </Box>
  );
}
