import React from 'react';
import { Text } from 'ink';
import { modeOf, type DashboardState } from '../state/dashboard-state.js';
import { hintItems, type CommandId, type Mode } from '../state/key-bindings.js';
import { paint } from '../ui/style.js';
import { displayWidth, truncate } from '../ui/text.js';

/** What the keys are for where the user is: these come first on the hint line. */
const FIRST: Record<string, CommandId[]> = {
  'envs:list': ['open', 'tagAll', 'migrate', 'rescan', 'nextPane', 'view1'],
  'envs:detail': ['tag', 'migrate', 'open', 'copy', 'tagAll', 'back'],
  'findings:list': ['open', 'tag', 'migrate', 'copy', 'rescan'],
  'findings:detail': ['open', 'copy', 'back', 'tag', 'migrate'],
  'packages:list': ['open', 'filter', 'sort', 'rescan'],
  'packages:detail': ['open', 'tag', 'migrate', 'back'],
  'path:list': ['open', 'sort', 'rescan'],
  'path:detail': ['open', 'back'],
};

/** The hints to put first for a view and focused pane. */
export function firstHints(view: string, focus: string): CommandId[] {
  return FIRST[`${view}:${focus}`] ?? [];
}

/** Hint line text: as many hints as fit, the ones for the current place first, essentials (help, quit) always kept. Pure. */
export function hintText(mode: Mode, readonly: boolean, width: number, ascii = false, first: readonly CommandId[] = []): string {
  const items = hintItems(mode, readonly, ascii, first).map((h) => ({ ...h, text: `${ascii ? h.label.replace('↑/↓', 'Up/Down') : h.label} ${h.text}` }));
  const essentialWidth = items.filter((i) => i.essential).reduce((n, i) => n + displayWidth(i.text) + 2, 0);
  let budget = width - essentialWidth;
  const kept = items.filter((i) => {
    if (i.essential) return true;
    const w = displayWidth(i.text) + 2;
    if (w > budget) return false;
    budget -= w;
    return true;
  });
  return truncate(kept.map((i) => i.text).join('  '), width);
}

/** The message line: the filter prompt while typing, else the last message. */
export function MessageLine({ state, width }: { state: DashboardState; width: number }): React.JSX.Element {
  const color = state.options.color;
  const filter = state.filters[state.view];
  if (state.editingFilter) {
    const prompt = `/${filter}`;
    // Keep the end visible while typing a long filter.
    const shown = displayWidth(prompt) + 1 > width ? '…' + prompt.slice(-(width - 2)) : prompt;
    return <Text wrap="truncate-end">{shown}{paint(' ', { inverse: true }, color)}</Text>;
  }
  const text = state.message || (filter ? `filter: ${filter}  (Esc clears, n/N next/previous match)` : '');
  return <Text wrap="truncate-end">{truncate(text, width)}</Text>;
}

export function HintLine({ state, width }: { state: DashboardState; width: number }): React.JSX.Element {
  const first = firstHints(state.view, state.focus);
  return <Text wrap="truncate-end">{paint(hintText(modeOf(state), state.options.readonly, width, state.options.ascii, first), { dim: true }, state.options.color)}</Text>;
}
