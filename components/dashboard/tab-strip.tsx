// Row 2: the views as tabs (k9s, lazygit), the current one bracketed and in inverse video, then,
// when there is room, every kind group with its count and worst severity.
import React from 'react';
import { Text } from 'ink';
import { VIEWS, VIEW_TITLES, type DashboardState, type ViewId } from '../state/dashboard-state.js';
import { summarizeGroups } from '../state/kinds.js';
import { paint } from '../ui/style.js';
import { displayWidth, truncate } from '../ui/text.js';
import { overviewText } from './overview-text.js';

const SHORT: Record<ViewId, string> = { envs: 'Envs', findings: 'Findings', packages: 'Pkgs', path: 'PATH' };

/** The tab labels at a width: full titles, else short ones. Pure. */
export function tabLabels(s: Pick<DashboardState, 'findings'>, width: number): { view: ViewId; text: string }[] {
  for (const titles of [VIEW_TITLES, SHORT]) {
    const tabs = VIEWS.map((v, i) => ({ view: v, text: `${i + 1} ${titles[v]}${v === 'findings' && s.findings.length ? ` ${s.findings.length}` : ''}` }));
    if (tabs.reduce((n, t) => n + displayWidth(t.text) + 3, 0) <= width) return tabs;
  }
  return VIEWS.map((v, i) => ({ view: v, text: `${i + 1} ${SHORT[v]}` }));
}

export function TabStrip({ state, width }: { state: DashboardState; width: number }): React.JSX.Element {
  const { color } = state.options;
  const tabs = tabLabels(state, width);
  const parts = tabs.map((t) => (t.view === state.view ? paint(`[${t.text}]`, { inverse: true, bold: true }, color) : ` ${t.text} `));
  const used = tabs.reduce((n, t) => n + displayWidth(t.text) + 2, 0) + tabs.length - 1;
  const rest = width - used - 3;
  let groups = '';
  if (rest >= 24) {
    const text = overviewText(summarizeGroups(state.inventory, state.findings), rest).text;
    groups = ` ${state.options.ascii ? '|' : '│'} ${paint(state.options.ascii ? text.replace(/│/g, '|') : text, { dim: true }, color)}`;
  }
  // Cut only when even the short titles do not fit (under ~40 columns).
  return <Text wrap="truncate-end">{used <= width ? parts.join(' ') + groups : truncate(tabs.map((t) => (t.view === state.view ? `[${t.text}]` : t.text)).join(' '), width)}</Text>;
}
