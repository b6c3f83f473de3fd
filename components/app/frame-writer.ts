// A stdout for Ink that writes only the lines that changed, at absolute positions.
//
// Ink 6 (with incremental rendering off, as it must stay: ghost lines) erases and rewrites the
// whole frame on every change: ~2-3 KB per cursor move at 80x24, painful over SSH to a Pi. On the
// alternate screen our frame always starts at row 1, so we can diff frames line by line and move
// the cursor absolutely: a cursor move costs two lines, and nothing relies on relative cursor math
// (which is what goes wrong after a resize). Ctrl-L repaints from the last frame we kept.
import { EventEmitter } from 'node:events';
import { displayWidth } from '../ui/text.js';
import { lineUpdate } from './line-diff.js';
import { toAscii } from '../ui/ascii.js';

/** A chunk made only of control sequences (cursor show/hide, synchronized output): passed through. */
const CONTROL_ONLY = /^(?:\x1b\[[?<>=]?[0-9;]*[A-Za-z~]|\x1b\][^\x07]*\x07)+$/;
/** Ink's log-update erase prefix: erase line, cursor up, cursor to column 1. */
// One alternative per sequence: overlapping ones (1A and \d*A) backtrack exponentially on a frame.
const ERASE_PREFIX = /^(?:\x1b\[2K|\x1b\[\d*A|\x1b\[G)+/;

const ERASE_ONLY = /^(?:\x1b\[2K|\x1b\[\d*A|\x1b\[G)+$/;

export interface Sink {
  write(data: string): unknown;
}

export interface TerminalLike extends Sink {
  columns?: number;
  rows?: number;
  isTTY?: boolean;
  on(event: 'resize', fn: () => void): unknown;
  off(event: 'resize', fn: () => void): unknown;
}

/**
 * Shortens runs of blanks (panes pad every line to their border) into "move n right" (CUF) on a
 * line already erased to its end, except inside inverse video where blanks are visible.
 * Trailing blanks go entirely. Pure.
 */
export function compressBlanks(line: string): string {
  let out = '';
  let inverse = false;
  let i = 0;
  while (i < line.length) {
    if (line[i] === '\x1b') {
      const m = /^\x1b\[([0-9;]*)m/.exec(line.slice(i, i + 24));
      if (m) {
        for (const p of (m[1] || '0').split(';')) {
          if (p === '7') inverse = true;
          else if (p === '27' || p === '0' || p === '') inverse = false;
        }
        out += m[0];
        i += m[0].length;
        continue;
      }
      out += line[i++];
      continue;
    }
    if (line[i] === ' ' && !inverse) {
      let j = i;
      while (line[j] === ' ') j++;
      const n = j - i;
      if (j >= line.length) return out;
      out += n >= 5 ? `\x1b[${n}C` : ' '.repeat(n);
      i = j;
      continue;
    }
    out += line[i++];
  }
  return out;
}

/** Diff one frame against the previous lines; returns the bytes to write. Pure. */
export function frameDiff(prev: readonly string[] | null, next: readonly string[], maxRows: number): string {
  const rows = Math.max(1, maxRows);
  let out = prev === null ? '\x1b[H\x1b[2J' : '';
  const n = Math.min(next.length, rows);
  for (let i = 0; i < n; i++) {
    if (prev !== null && prev[i] === next[i]) continue;
    // Only from the first changed column; reset attributes before erasing the rest of the line.
    const u = prev !== null && prev[i] !== undefined ? lineUpdate(prev[i]!, next[i]!, i + 1) : { col: 1, text: next[i]! };
    if (u === null) continue;
    // Erase first, then write: with autowrap off, erasing after a full-width line would take its
    // last column with it. The erased tail lets blank runs become plain cursor moves.
    out += `\x1b[${i + 1};${u.col}H\x1b[0m\x1b[K${compressBlanks(u.text)}\x1b[0m`;
  }
  if (prev !== null) for (let i = n; i < Math.min(prev.length, rows); i++) out += `\x1b[${i + 1};1H\x1b[2K`;
  return out;
}

export class FrameWriter extends EventEmitter {
  private lines: string[] | null = null;
  private last: string[] = [];
  /** Bytes written to the terminal (bench and tests). */
  bytesWritten = 0;
  /** After a resize, frames are drawn from scratch until one fits the new size. */
  private settling = false;
  private readonly onResize = (): void => {
    // The terminal may have reflowed or clipped: frames are drawn from scratch until the app has
    // re-laid out for the new size (Ink first redraws the old layout, which the terminal clips).
    this.lines = null;
    this.settling = true;
    this.emit('resize');
  };

  constructor(private readonly out: TerminalLike, private readonly ascii = false) {
    super();
    out.on('resize', this.onResize);
  }

  get columns(): number {
    return this.out.columns ?? 80;
  }

  get rows(): number {
    return this.out.rows ?? 24;
  }

  get isTTY(): boolean {
    return this.out.isTTY === true;
  }

  write(chunk: string | Uint8Array, encoding?: unknown, cb?: unknown): boolean {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const done = typeof encoding === 'function' ? encoding : cb;
    if (text === '') {
      // Ink flushes with write('', cb) on exit.
    } else if (ERASE_ONLY.test(text)) {
      // Ink clearing its output (width shrank, clear()): relative erases mean nothing to an
      // absolute writer; repaint the next frame from scratch instead.
      this.lines = null;
    } else if (CONTROL_ONLY.test(text)) {
      this.emitBytes(text);
    } else {
      const body = text.replace(ERASE_PREFIX, '').replace(/\n$/, '');
      const next = body.split('\n');
      this.emitBytes(frameDiff(this.settling ? null : this.lines, next, this.rows));
      if (this.settling) this.settling = next.length > this.rows || next.some((l) => displayWidth(l.replace(/\x1b\[[0-9;]*m/g, '')) > this.columns);
      this.lines = next;
      this.last = next;
    }
    if (typeof done === 'function') setImmediate(done as () => void);
    return true;
  }

  /** Ctrl-L: clear the terminal and draw the last frame again. */
  repaint(): void {
    this.lines = null;
    this.emitBytes(frameDiff(null, this.last, this.rows));
    this.lines = this.last;
  }

  dispose(): void {
    this.out.off('resize', this.onResize);
  }

  private emitBytes(raw: string): void {
    const s = this.ascii ? toAscii(raw) : raw;
    if (!s) return;
    this.bytesWritten += Buffer.byteLength(s);
    this.out.write(s);
  }
}
