// Cell-level diff of one terminal line: rewrite from the first column that changed, so a cursor
// move in the left pane does not resend the right pane's unchanged text, and vice versa.
import { displayWidth } from '../ui/text.js';

interface Cell {
  ch: string;
  /** SGR state active for this cell, as the codes that recreate it from a reset. */
  sgr: string;
}

/** Splits a line of text with SGR codes into cells carrying their style. Pure. */
export function toCells(line: string): Cell[] {
  const cells: Cell[] = [];
  let codes: string[] = [];
  let i = 0;
  while (i < line.length) {
    if (line[i] === '\x1b') {
      const m = /^\x1b\[([0-9;]*)m/.exec(line.slice(i, i + 32));
      if (m) {
        for (const p of (m[1] || '0').split(';')) {
          if (p === '0' || p === '') codes = [];
          else if (p === '22') codes = codes.filter((c) => c !== '1' && c !== '2');
          else if (p === '27') codes = codes.filter((c) => c !== '7');
          else if (p === '39') codes = codes.filter((c) => !/^(3[0-7]|9[0-7])$/.test(c));
          else if (!codes.includes(p)) codes = [...codes, p];
        }
        i += m[0].length;
        continue;
      }
    }
    const cp = line.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    cells.push({ ch, sgr: codes.join(';') });
    i += ch.length;
  }
  return cells;
}

/**
 * The bytes that turn `prev` into `next` on terminal row `row` (1-based): cursor to the first
 * changed column, then the rest of the line with its styles. Null when nothing changed.
 */
export function lineUpdate(prev: string, next: string, row: number): { col: number; text: string } | null {
  if (prev === next) return null;
  const a = toCells(prev);
  const b = toCells(next);
  let k = 0;
  while (k < a.length && k < b.length && a[k]!.ch === b[k]!.ch && a[k]!.sgr === b[k]!.sgr) k++;
  if (k === a.length && k === b.length) return null;
  const col = b.slice(0, k).reduce((n, c) => n + displayWidth(c.ch), 0) + 1;
  let text = '';
  let cur = '';
  for (const c of b.slice(k)) {
    if (c.sgr !== cur) {
      text += `\x1b[0${c.sgr ? ';' + c.sgr : ''}m`;
      cur = c.sgr;
    }
    text += c.ch;
  }
  void row;
  return { col, text };
}
