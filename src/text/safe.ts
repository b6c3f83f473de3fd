// The one place that makes text from disk safe for a terminal. Names, paths, versions and messages read
// from a scanned tree may carry escape sequences (`\e]0;title\a`, `\e[2J`), C1 controls (0x9b is CSI on
// many terminals), newlines that forge a line of output, or bidi overrides that reorder what is shown.
// `visible` shows every such character as a visible escape and never passes one through raw.

const NAMED: Record<number, string> = { 0x09: '\\t', 0x0a: '\\n', 0x0d: '\\r', 0x1b: '\\e', 0x07: '\\a', 0x08: '\\b' };

// C0, DEL, C1; bidi embeddings/overrides/isolates; line and paragraph separators; BOM.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]/;
const UNSAFE_G = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]/g;

function escape(ch: string): string {
  const c = ch.charCodeAt(0);
  const named = NAMED[c];
  if (named) return named;
  if (c <= 0xff) return `\\x${c.toString(16).padStart(2, '0')}`;
  return `\\u${c.toString(16).padStart(4, '0')}`;
}

/** `s` with every control character, escape sequence introducer and bidi control shown visibly. */
export function visible(s: string): string {
  return UNSAFE.test(s) ? s.replace(UNSAFE_G, escape) : s;
}

/** Lines joined by newlines, each line made visible (a newline inside a line's text is shown as \n). */
export function visibleLines(lines: readonly string[]): string {
  return lines.map(visible).join('\n');
}

/** Whether `s` holds a character `visible` would escape (names with these are reported as findings). */
export function hasControl(s: string): boolean {
  return UNSAFE.test(s);
}

// JSON.stringify escapes only U+0000-U+001F: DEL, C1 (0x9b is CSI) and bidi controls would reach a
// terminal that shows `scan --json` raw. They can only occur inside JSON strings, so \u escapes keep
// the document equal.
const JSON_UNSAFE = /[\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]/g;

/** JSON text with every remaining terminal-unsafe character written as a \u escape. */
export function jsonSafe(json: string): string {
  return json.replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
