import type { GroupSummary } from '../state/kinds.js';
import { SEVERITY_LETTER } from '../state/rows.js';
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
