import React from 'react';
import { Text } from 'ink';
import { modeOf, type DashboardState } from '../state/dashboard-state.js';
import { hintItems, type Mode } from '../state/key-bindings.js';
import { paint } from '../ui/style.js';
import { displayWidth, truncate } from '../ui/text.js';

/** Hint line text: as many hints as fit, essentials (help, quit) always kept. Pure. */
export function hintText(mode: Mode, readonly: boolean, width: number, ascii = false): string {
  const items = hintItems(mode, readonly, ascii).map((h) => ({ ...h, text: `${ascii ? h.label.replace('↑/↓', 'Up/Down') : h.label} ${h.text}` }));
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
  return <Text wrap="truncate-end">{paint(hintText(modeOf(state), state.options.readonly, width, state.options.ascii), { dim: true }, state.options.color)}</Text>;
}
