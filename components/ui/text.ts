// Text helpers for a fixed-size terminal grid. Every visible string goes through here so that
// nothing wraps, overlaps or smuggles escape sequences read from disk onto the screen.
import { visible } from '../../src/text/safe.js';

const ELLIPSIS = '…';

/** Control characters (C0, DEL, C1, bidi controls) shown visibly: a directory name must never drive the terminal. */
export function sanitize(s: string): string {
  return visible(s);
}

/** Display width of one code point: 2 for East Asian wide and emoji, 0 for combining marks. */
function charWidth(cp: number): number {
  if (cp >= 0x300 && cp <= 0x36f) return 0;
  if (cp === 0x200b || cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  )
    return 2;
  return 1;
}

/** Columns the (sanitized) string occupies. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += charWidth(ch.codePointAt(0)!);
  return w;
}

/** Cuts to `width` columns, ending with an ellipsis when anything was cut. */
export function truncate(s: string, width: number): string {
  if (width <= 0) return '';
  const clean = sanitize(s);
  if (displayWidth(clean) <= width) return clean;
  let out = '';
  let w = 0;
  for (const ch of clean) {
    const cw = charWidth(ch.codePointAt(0)!);
    if (w + cw > width - 1) break;
    out += ch;
    w += cw;
  }
  return out + ELLIPSIS;
}

/** Cuts from the left (keeps the end of a path, which is the informative part). */
export function truncateStart(s: string, width: number): string {
  if (width <= 0) return '';
  const clean = sanitize(s);
  if (displayWidth(clean) <= width) return clean;
  const chars = [...clean];
  let out = '';
  let w = 0;
  for (let i = chars.length - 1; i >= 0; i--) {
    const cw = charWidth(chars[i]!.codePointAt(0)!);
    if (w + cw > width - 1) break;
    out = chars[i] + out;
    w += cw;
  }
  return ELLIPSIS + out;
}

/** Truncates then pads to exactly `width` columns. */
export function fit(s: string, width: number, align: 'left' | 'right' = 'left', from: 'end' | 'start' = 'end'): string {
  const t = from === 'start' ? truncateStart(s, width) : truncate(s, width);
  const pad = ' '.repeat(Math.max(0, width - displayWidth(t)));
  return align === 'right' ? pad + t : t + pad;
}

/** Splits text into lines of at most `width` columns, breaking at spaces when it can. */
export function wrap(s: string, width: number, maxLines = 6): string[] {
  const clean = sanitize(s);
  if (width <= 1) return [truncate(clean, width)];
  const lines: string[] = [];
  let rest = clean;
  while (rest.length > 0 && lines.length < maxLines) {
    if (displayWidth(rest) <= width) {
      lines.push(rest);
      rest = '';
      break;
    }
    let cut = 0;
    let w = 0;
    const chars = [...rest];
    while (cut < chars.length && w + charWidth(chars[cut]!.codePointAt(0)!) <= width) {
      w += charWidth(chars[cut]!.codePointAt(0)!);
      cut++;
    }
    const head = chars.slice(0, cut).join('');
    const space = head.lastIndexOf(' ');
    const take = space > width / 3 ? space : head.length;
    lines.push(rest.slice(0, take).trimEnd());
    rest = rest.slice(take).trimStart();
  }
  if (rest.length > 0 && lines.length > 0) lines[lines.length - 1] = truncate(lines[lines.length - 1]! + ' ' + rest, width);
  return lines;
}

/** Human size: 0 B, 12 kB, 3.4 MB, 1.2 GB (powers of 1000, like du -h --si). */
export function formatBytes(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${i === 0 || v >= 10 ? Math.round(v) : v.toFixed(1)} ${units[i]}`;
}

/**
 * Orders names case-insensitively, then by code unit. For the names we sort (packages, environments,
 * rules, paths) this is `localeCompare`'s order except where punctuation meets a digit, and it does not
 * load ICU's collator: ~4 MB of RSS once anything in the process calls `localeCompare`.
 */
export function compareText(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x !== y) return x < y ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Word wrap with no line limit: breaks only at spaces, a word longer than a line is split where it
 * must. Used where the whole text has to be readable (full-text view, plans, commands).
 */
export function wrapWords(s: string, width: number): string[] {
  const w = Math.max(1, width);
  const out: string[] = [];
  for (const raw of s.split('\n')) {
    // Leading indentation is kept on every line of the paragraph.
    const indent = /^ */.exec(raw)![0].slice(0, Math.floor(w / 2));
    const para = raw.slice(indent.length);
    const before = out.length;
    let line = '';
    for (const word of sanitize(para).split(' ')) {
      let rest = word;
      const sep = line === '' ? '' : ' ';
      if (indent.length + displayWidth(line) + sep.length + displayWidth(rest) <= w) {
        line += sep + rest;
        continue;
      }
      if (line !== '') out.push(line);
      line = '';
      while (displayWidth(rest) > w - indent.length) {
        const head = [...rest].slice(0, Math.max(1, w - indent.length)).join('');
        out.push(head);
        rest = rest.slice(head.length);
      }
      line = rest;
    }
    out.push(line);
    for (let i = before; i < out.length; i++) out[i] = indent + out[i];
  }
  return out;
}

/**
 * A shell command laid out in lines of `width`, each broken line ending in a shell line continuation:
 * between words ` \` (the next line indented), inside a word too long for a line `\` with the rest
 * at the start of the next line (backslash-newline is removed inside an unquoted word). The lines,
 * copied as shown (after the `$ `), run as the one command.
 */
export function commandLines(cmd: string, width: number, first = '$ ', indent = '    '): string[] {
  // A shell comment ends at the newline: a ` \` inside it continues nothing, and its next line would run as a
  // command. So the comment is laid out on lines of its own, each starting with `# `.
  const at = commentStart(cmd);
  if (at >= 0 && displayWidth(first + sanitize(cmd)) > width) {
    const code = cmd.slice(0, at).trimEnd();
    const head = code ? commandLines(code, width, first, indent) : [];
    const lead = code ? indent : first;
    const text = sanitize(cmd.slice(at)).replace(/^#+\s*/, '');
    const room = Math.max(8, width - lead.length - 2);
    const body = wrapWords(text, room).map((l, i) => `${i === 0 ? lead : code ? indent : ' '.repeat(first.length)}# ${l}`);
    return [...head, ...body];
  }
  return codeLines(cmd, width, first, indent);
}

/** Index of the `#` that starts a shell comment (unquoted, at a word's start), or -1. */
export function commentStart(cmd: string): number {
  let quote: string | null = null;
  for (let i = 0; i < cmd.length; i++) {
    const c = cmd[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"') i++;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '\\') i++;
    else if (c === '#' && (i === 0 || /\s/.test(cmd[i - 1]!))) return i;
  }
  return -1;
}

/** Words of a command split at blanks outside quotes (a quoted path with a space stays one word). */
function shellWords(cmd: string): string[] {
  const words: string[] = [];
  let cur = '';
  let quote: string | null = null;
  for (let i = 0; i < cmd.length; i++) {
    const c = cmd[i]!;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '\\' && i + 1 < cmd.length) {
      cur += c + cmd[++i]!;
      continue;
    } else if (c === ' ') {
      words.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  words.push(cur);
  return words;
}

/** Whether `s` (a prefix of a word) ends inside single quotes, where a backslash-newline is kept literally. */
function insideSingleQuotes(s: string): boolean {
  let quote: string | null = null;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"') i++;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '\\') i++;
  }
  return quote === "'";
}

function codeLines(cmd: string, width: number, first: string, indent: string): string[] {
  const w = Math.max(first.length + 4, indent.length + 4, width);
  const lines: string[] = [];
  let line = first;
  let fresh = true;
  for (const word of shellWords(sanitize(cmd))) {
    const sep = fresh ? '' : ' ';
    // Room for the trailing " \\" unless this is the last word.
    if (displayWidth(line) + sep.length + displayWidth(word) + 2 <= w || (fresh && displayWidth(line) + displayWidth(word) <= w)) {
      line += sep + word;
      fresh = false;
      continue;
    }
    if (!fresh) {
      lines.push(`${line} \\`);
      line = indent;
    }
    let rest = word;
    while (displayWidth(line) + displayWidth(rest) > w - 1) {
      // One column kept for a closing quote: cut inside '...', the quote is closed before the
      // backslash-newline and opened again after it ('ab'\<newline>'cd' is abcd to the shell).
      const room = Math.max(2, w - 2 - displayWidth(line));
      let head = [...rest].slice(0, room).join('');
      if (head.endsWith('\\')) head = head.slice(0, -1);
      // `rest` always starts outside quotes (a cut inside them reopens the quote).
      const quoted = insideSingleQuotes(head);
      lines.push(`${line}${head}${quoted ? "'" : ''}\\`);
      rest = (quoted ? "'" : '') + rest.slice(head.length);
      line = '';
    }
    line += rest;
    fresh = false;
  }
  lines.push(line);
  return lines;
}

/** compareText, but runs of digits compare as numbers: 3.6 < 3.10, py2 < py10 (versions, pyenv names). */
export function compareNatural(a: string, b: string): number {
  const split = (s: string): string[] => s.toLowerCase().match(/\d+|\D+/g) ?? [];
  const x = split(a);
  const y = split(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i]!;
    const q = y[i]!;
    if (p === q) continue;
    const dp = /^\d/.test(p);
    const dq = /^\d/.test(q);
    if (dp && dq) return Number(p) - Number(q) || p.length - q.length;
    return p < q ? -1 : 1;
  }
  return x.length - y.length || compareText(a, b);
}
