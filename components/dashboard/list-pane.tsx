import React from 'react';
import { Box, Text } from 'ink';
import type { ListPos } from '../state/list-nav.js';
import { visibleWindow } from '../state/list-nav.js';
import { tagKey, type Row } from '../state/rows.js';
import { renderRow } from '../ui/render-row.js';
import { paint } from '../ui/style.js';
import { fit } from '../ui/text.js';

export interface ListPaneProps {
  title: string;
  /** Right side of the title line (position, sort). */
  status?: string;
  rows: readonly Row[];
  pos: ListPos;
  /** Outer width including the border. */
  width: number;
  /** Rows of content (without border and title). */
  height: number;
  focused: boolean;
  ascii: boolean;
  color: boolean;
  tagged?: ReadonlySet<string>;
  empty?: string;
}

/** A bordered, windowed list: only the visible rows are rendered, so 10,000 rows cost the same as 20. */
export function ListPane(p: ListPaneProps): React.JSX.Element {
  const textWidth = Math.max(1, p.width - 4);
  const { start, rows } = visibleWindow(p.rows, p.pos.offset, p.height);
  const status = p.status ?? '';
  const titleWidth = Math.max(1, p.width - 2 - status.length - 1);
  // Focus is shown by a bold title with a marker, never by colour alone.
  const title = paint(fit(`${p.focused ? '▸ ' : '  '}${p.title}`, titleWidth), p.focused ? { bold: true } : { dim: true }, p.color);
  const lines = rows.map((r, i) =>
    renderRow(r, textWidth, {
      selected: start + i === p.pos.cursor && r.selectable,
      focused: p.focused,
      tagged: r.pkg !== undefined && (p.tagged?.has(tagKey(r.pkg.envId, r.pkg.name)) ?? false),
      color: p.color,
    }),
  );
  if (lines.length === 0 && p.empty) lines.push('  ' + paint(fit(p.empty, textWidth), { dim: true }, p.color));
  while (lines.length < p.height) lines.push('');
  return (
    <Box flexDirection="column" width={p.width} height={p.height + 3} borderStyle={p.ascii ? 'classic' : 'single'} borderDimColor={!p.focused}>
      <Text wrap="truncate-end">{p.ascii ? title.replace('▸', '#') : title} {paint(status, { dim: true }, p.color)}</Text>
      <Text wrap="truncate-end">{lines.join('\n')}</Text>
    </Box>
  );
}
