import React from 'react';
import { Text } from 'ink';
import type { DashboardState } from '../state/dashboard-state.js';
import { summarizeGroups, type GroupSummary } from '../state/kinds.js';
import { SEVERITY_LETTER } from '../state/rows.js';
import { tone } from '../ui/style.js';
import { displayWidth, truncate } from '../ui/text.js';

const SHORT: Record<string, string> = { System: 'Sys', 'User site': 'User', venvs: 'venv' };

function item(g: GroupSummary, short: boolean, tight = false): string {
  const label = short ? (SHORT[g.group.label] ?? g.group.label) : g.group.label;
  return `${label} ${g.count}${g.worst ? `${tight ? '' : ' '}${SEVERITY_LETTER[g.worst]}` : ''}`;
}

/** Plain text of the strip at a width: full labels, then short ones, then cut with an ellipsis. Pure. */
export function overviewText(groups: GroupSummary[], width: number): { text: string; short: boolean } {
  for (const [short, sep, tight] of [[false, ' │ ', false], [false, '  ', false], [true, '  ', false], [true, ' ', false], [true, ' ', true]] as const) {
    const text = groups.map((g) => item(g, short, tight)).join(sep);
    if (displayWidth(text) <= width) return { text, short };
  }
  return { text: truncate(groups.map((g) => item(g, true, true)).join(' '), width), short: true };
}

/** Row 2: every kind side by side with its count and worst severity (a letter, not only a colour). */
export function OverviewStrip({ state, width }: { state: DashboardState; width: number }): React.JSX.Element {
  const groups = summarizeGroups(state.inventory, state.findings);
  const { text } = overviewText(groups, width);
  const color = state.options.color;
  // Colour each severity letter when the text was not cut; the letters are there without colour too.
  let out = text;
  if (color && !text.endsWith('…')) {
    out = text.replace(/(\d+)( ?)([CHMLi])(?= |$)/g, (_m, n: string, sp: string, l: string) => {
      const sev = ({ C: 'critical', H: 'high', M: 'medium', L: 'low', i: 'info' } as const)[l as 'C'];
      return `${n}${sp}${tone(l, sev, color)}`;
    });
  }
  return <Text wrap="truncate-end">{state.options.ascii ? out.replace(/│/g, '|') : out}</Text>;
}
