// ASCII for terminals that cannot show UTF-8 (--ascii, LANG=C, POSIX): every character outside
// ASCII becomes one of the same width, so the layout is unchanged and no byte above 0x7f is sent.
import { displayWidth } from './text.js';

const MAP: Record<string, string> = {
  '─': '-', '│': '|', '┌': '+', '┐': '+', '└': '+', '┘': '+', '├': '+', '┤': '+', '┬': '+', '┴': '+', '┼': '+',
  '═': '=', '║': '|', '╔': '+', '╗': '+', '╚': '+', '╝': '+',
  // The focused pane's title marker differs from the cursor's '>'.
  '▸': '#', '·': '-', '⋅': '-', '…': '~', '—': '-', '–': '-', '→': '>', '←': '<', '↑': '^', '↓': 'v',
  '✓': 'x', '✗': '!', '×': 'x', '»': '>', '«': '<', '“': '"', '”': '"', '‘': "'", '’': "'",
};

/** Replaces every non-ASCII character, keeping the display width. Pure. */
export function toAscii(s: string): string {
  if (!/[^\x00-\x7f]/.test(s)) return s;
  let out = '';
  for (const ch of s) {
    if (ch.charCodeAt(0) < 0x80) out += ch;
    else out += MAP[ch] ?? '?'.repeat(Math.max(0, displayWidth(ch)));
  }
  return out;
}
