import React from 'react';
import { Box } from 'ink';
import { SORTS, VIEW_TITLES, type DashboardState } from '../state/dashboard-state.js';
import { helpRows } from '../state/help-rows.js';
import type { Layout } from '../state/layout.js';
import type { Row } from '../state/rows.js';
import { detailRows, envById, mainRows, selectedRow, sortOf } from '../state/selectors.js';
import { ListPane } from './list-pane.js';

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
  if (state.overlay === 'help') {
    const rows = helpRows(state);
    return (
      <ListPane title="Keys (generated from the key table)" status="Esc/q/? close" rows={rows} pos={state.help} width={layout.wide ? layout.listWidth + layout.detailWidth : layout.listWidth} height={h} focused ascii={ascii} color={color} />
    );
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
