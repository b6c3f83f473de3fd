// PEP 508 marker parsing: a hand-written tokenizer (one pass, no backtracking) and a recursive-descent
// parser whose depth is bounded by the number of open brackets (at most MAX_DEPTH).
import { type Meter, isSpace, tick } from './pep508-scan.js';

export type Marker =
  | { op: 'and' | 'or'; left: Marker; right: Marker }
  | { op: 'cmp'; lhs: Operand; cmp: string; rhs: Operand };
export type Operand = { var: string } | { str: string };

const VARS = new Set([
  'python_version', 'python_full_version', 'os_name', 'sys_platform', 'platform_release', 'platform_system',
  'platform_version', 'platform_machine', 'platform_python_implementation', 'implementation_name',
  'implementation_version', 'extra', 'os.name', 'sys.platform', 'platform.version', 'platform.machine',
  'platform.python_implementation', 'python_implementation',
]);
const CMPS = new Set(['==', '!=', '<', '<=', '>', '>=', '~=', '===', 'in', 'not in']);
/** No real marker nests brackets this deep; deeper input is refused instead of exhausting the stack. */
export const MAX_DEPTH = 64;

/** Parses a marker expression; throws Error with a reason on bad input. */
export function parseMarker(text: string, meter?: Meter): Marker {
  const toks = tokenize(text, meter);
  let i = 0;
  let depth = 0;
  const peek = (): string | undefined => toks[i];
  const orExpr = (): Marker => {
    let left = andExpr();
    while (peek() === 'or') {
      i++;
      left = { op: 'or', left, right: andExpr() };
    }
    return left;
  };
  const andExpr = (): Marker => {
    let left = atom();
    while (peek() === 'and') {
      i++;
      left = { op: 'and', left, right: atom() };
    }
    return left;
  };
  const operand = (): Operand => {
    const t = toks[i++];
    if (t === undefined) throw new Error(`marker ends early: ${text}`);
    if (t.startsWith('"') || t.startsWith("'")) return { str: t.slice(1, -1) };
    if (VARS.has(t)) return { var: t.replace('.', '_').replace('python_implementation', 'platform_python_implementation').replace('platform_platform_', 'platform_') };
    throw new Error(`unknown marker variable ${t}`);
  };
  const atom = (): Marker => {
    tick(meter, 1);
    if (peek() === '(') {
      if (++depth > MAX_DEPTH) throw new Error(`marker nested deeper than ${MAX_DEPTH} brackets`);
      i++;
      const m = orExpr();
      if (toks[i++] !== ')') throw new Error(`missing ) in marker: ${text}`);
      depth--;
      return m;
    }
    const lhs = operand();
    let cmp = toks[i++];
    if (cmp === 'not' && peek() === 'in') {
      i++;
      cmp = 'not in';
    }
    if (!cmp || !CMPS.has(cmp)) throw new Error(`bad marker operator ${cmp}`);
    return { op: 'cmp', lhs, cmp, rhs: operand() };
  };
  const m = orExpr();
  if (i !== toks.length) throw new Error(`trailing text in marker: ${text}`);
  return m;
}

const isIdStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isIdChar = (c: number): boolean => isIdStart(c) || (c >= 48 && c <= 57) || c === 46;

/** Tokens: quoted strings (quotes kept), operators, brackets and names; one pass over the text. */
export function tokenize(s: string, meter?: Meter): string[] {
  const out: string[] = [];
  const n = s.length;
  let i = 0;
  for (;;) {
    const from = i;
    while (i < n && isSpace(s.charCodeAt(i))) i++;
    tick(meter, i - from);
    if (i >= n) return out;
    const c = s.charCodeAt(i);
    let end = -1;
    if (c === 34 || c === 39) {
      const close = s.indexOf(c === 34 ? '"' : "'", i + 1);
      tick(meter, (close < 0 ? n : close) - i);
      if (close >= 0) end = close + 1;
    } else if (c === 40 || c === 41 || c === 60 || c === 62) {
      end = s.charCodeAt(i + 1) === 61 && (c === 60 || c === 62) ? i + 2 : i + 1; // ( ) < > <= >=
    } else if (c === 61 || c === 33 || c === 126) {
      // = ! ~ start ===, ==, !=, ~=
      if (s.charCodeAt(i + 1) === 61) end = c === 61 && s.charCodeAt(i + 2) === 61 ? i + 3 : i + 2;
    } else if (isIdStart(c)) {
      end = i + 1;
      while (end < n && isIdChar(s.charCodeAt(end))) end++;
      tick(meter, end - i);
    }
    if (end < 0) throw new Error(`cannot read marker at "${s.slice(from)}"`);
    out.push(s.slice(i, end));
    tick(meter, 1);
    i = end;
  }
}
