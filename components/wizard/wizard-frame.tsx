// The wizard's frame at any terminal size: title, a scrolling region, the lines pinned below it (the
// removal question), a status line that says what is scrolled away (destructive steps by number),
// and the key line, always on the last row of the frame.
import React from 'react';
import { Box, Text } from 'ink';
import { paint, tone } from '../ui/style.js';
import { displayWidth, truncate } from '../ui/text.js';
import { visibleWindow } from '../state/list-nav.js';
import type { Line, WizardScreen } from './line.js';

/** Title, status line and key line. */
const FIXED_ROWS = 3;

/** Rows of the scrolling region: the frame is rows - 1 tall (Ink 6 flickers at full height). */
export function regionHeight(rows: number, pinned: number): number {
  return Math.max(1, rows - 1 - FIXED_ROWS - pinned);
}

/** What the status line says: where the view is, and which destructive steps are out of view. Pure. */
export function statusText(lines: readonly Line[], offset: number, height: number, ascii: boolean): string {
  const below = Math.max(0, lines.length - offset - height);
  const parts: string[] = [];
  // Short enough for 60 columns: where the view is, then the destructive steps out of view.
  if (offset > 0 || below > 0) parts.push(`${offset + 1}-${Math.min(lines.length, offset + height)}/${lines.length}${below ? ` more ${ascii ? 'v' : '↓'}` : ''}`);
  const hidden = lines.map((l, i) => ({ step: l.destructiveStep, i })).filter((x) => x.step !== undefined && (x.i < offset || x.i >= offset + height));
  if (hidden.length) {
    const where = hidden.some((x) => x.i >= offset + height) ? 'down' : 'up';
    parts.push(`step${hidden.length > 1 ? 's' : ''} ${hidden.map((x) => x.step).join(', ')} ask first: scroll ${where}`);
  }
  return parts.join(' · ');
}

function render(line: Line, width: number, color: boolean): string {
  const text = truncate(line.text, width);
  const styled = line.style ? paint(text, line.style, color) : tone(text, line.tone, color);
  return line.style?.inverse ? styled + paint(' '.repeat(Math.max(0, width - displayWidth(text))), { inverse: true }, color) : styled;
}

export interface WizardFrameProps {
  screen: WizardScreen;
  offset: number;
  rows: number;
  columns: number;
  hint: string;
  color: boolean;
  ascii: boolean;
}

export function WizardFrame({ screen, offset, rows, columns, hint, color, ascii }: WizardFrameProps): React.JSX.Element {
  const height = regionHeight(rows, screen.pinned.length);
  const { rows: shown } = visibleWindow(screen.lines, offset, height);
  const body = shown.map((l) => render(l, columns, color));
  while (body.length < height) body.push('');
  const status = statusText(screen.lines, offset, height, ascii);
  return (
    <Box flexDirection="column" width={columns} height={Math.max(FIXED_ROWS + 1, rows - 1)}>
      <Text wrap="truncate-end">{paint(truncate(screen.title, columns), { bold: true }, color)}</Text>
      <Text wrap="truncate-end">{body.join('\n')}</Text>
      {screen.pinned.map((l, i) => (
        <Text key={i} wrap="truncate-end">
          {render(l, columns, color)}
        </Text>
      ))}
      <Text wrap="truncate-end">{status ? paint(truncate(status, columns), { bold: true }, color) : ' '}</Text>
      <Text wrap="truncate-end">{paint(hint, { dim: true }, color)}</Text>
    </Box>
  );
}
