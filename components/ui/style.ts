// Styling as plain SGR strings. We emit them ourselves instead of through chalk because
// --no-color / NO_COLOR must drop colours but keep inverse and bold (chalk level 0 drops all
// styles, and the selection must stay visible without colour). Ink keeps SGR in text.
import type { Tone } from '../state/rows.js';

type Fg = 31 | 32 | 33 | 36 | 90;

export interface Style {
  fg?: Fg;
  bold?: boolean;
  dim?: boolean;
  inverse?: boolean;
}

const RED: Fg = 31;
const GREEN: Fg = 32;
const YELLOW: Fg = 33;
const CYAN: Fg = 36;

export const TONE_STYLE: Record<Tone, Style> = {
  critical: { fg: RED, bold: true },
  high: { fg: RED, bold: true },
  medium: { fg: YELLOW },
  low: { fg: CYAN },
  info: { dim: true },
  dim: { dim: true },
  ok: { fg: GREEN },
  bad: { fg: RED, bold: true },
  accent: { fg: CYAN },
  heading: { bold: true },
};

/** Wraps text in SGR codes; closes with specific resets so an enclosing inverse survives. */
export function paint(text: string, style: Style | undefined, color: boolean): string {
  if (!style || text === '') return text;
  let open = '';
  let close = '';
  if (style.bold) {
    open += '\x1b[1m';
    close = '\x1b[22m' + close;
  }
  if (style.dim && !style.bold) {
    open += '\x1b[2m';
    close = '\x1b[22m' + close;
  }
  if (style.fg !== undefined && color) {
    open += `\x1b[${style.fg}m`;
    close = '\x1b[39m' + close;
  }
  if (style.inverse) {
    open += '\x1b[7m';
    close = '\x1b[27m' + close;
  }
  return open ? open + text + close : text;
}

export function tone(text: string, t: Tone | undefined, color: boolean): string {
  return t ? paint(text, TONE_STYLE[t], color) : text;
}
