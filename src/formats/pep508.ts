// PEP 508 requirement parsing and marker evaluation (no maintained npm package does this). Versions
// and specifiers go to @renovatebot/pep440; this file only handles the grammar around them.
// Linear time on any input (#12): hand-written scanners instead of backtracking regexes, a bounded
// nesting depth, a linear substring search for `in`, and version strings longer than any real one
// never reach the version library. An optional `Meter` counts the characters each step looks at, so a
// test can check that work grows linearly with the input.
import { satisfies, valid, compare } from '@renovatebot/pep440';
import { type Meter, isLineBreak, isSpace, linearIncludes, tick } from './pep508-scan.js';
import { parseMarker, type Marker, type Operand } from './pep508-marker.js';

export { parseMarker, type Marker, type Meter };

export interface Requirement {
  name: string;
  extras: string[];
  /** Version specifier (`>=1,<2`), '' when none; null for a URL requirement. */
  specifier: string | null;
  url?: string;
  marker: Marker | null;
}

export type MarkerEnv = Record<string, string>;

const VERSION_VARS = new Set(['python_version', 'python_full_version', 'implementation_version', 'platform_release']);
/** Longer than any real version: compared as a plain string, never handed to the version library. */
const MAX_VERSION = 64;

const isAlnum = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isNameChar = (c: number): boolean => isAlnum(c) || c === 46 || c === 95 || c === 45; // . _ -

/** Parses a Requires-Dist line; throws Error with a reason on bad input. */
export function parseRequirement(text: string, meter?: Meter): Requirement {
  const cut = markerCut(text, meter);
  const head = cut < 0 ? text : text.slice(0, cut);
  const markerText = cut < 0 ? '' : text.slice(cut + 1).trim();
  let i = 0;
  const n = head.length;
  while (i < n && isSpace(head.charCodeAt(i))) i++;
  const start = i;
  if (i >= n || !isAlnum(head.charCodeAt(i))) throw new Error(`not a PEP 508 requirement: ${text}`);
  while (i < n && isNameChar(head.charCodeAt(i))) i++;
  let end = i; // the name ends at its last letter or digit ("foo-" is "foo" then "-")
  while (!isAlnum(head.charCodeAt(end - 1))) end--;
  tick(meter, i - start + (i - end));
  const name = head.slice(start, end);
  i = end;
  const skip = (): void => {
    const from = i;
    while (i < n && isSpace(head.charCodeAt(i))) i++;
    tick(meter, i - from);
  };
  skip();
  let extras: string[] = [];
  if (head.charCodeAt(i) === 91 /* [ */) {
    const close = head.indexOf(']', i);
    tick(meter, (close < 0 ? n : close) - i);
    if (close >= 0) {
      extras = head.slice(i + 1, close).split(',').map((e) => e.trim()).filter(Boolean);
      i = close + 1;
      skip();
    }
  }
  // The rest is one line: a line break anywhere in it is no requirement (as `(.*)$` decided).
  const rest = head.slice(i);
  tick(meter, rest.length);
  for (let k = 0; k < rest.length; k++) if (isLineBreak(rest.charCodeAt(k))) throw new Error(`not a PEP 508 requirement: ${text}`);
  let spec = rest.trim();
  let url: string | undefined;
  if (spec.startsWith('@')) {
    url = spec.slice(1).trim();
    spec = '';
  } else if (spec.startsWith('(') && spec.endsWith(')')) spec = spec.slice(1, -1).trim();
  return { name, extras, specifier: url ? null : spec.replace(/\s+/g, ''), url, marker: markerText ? parseMarker(markerText, meter) : null };
}

/** Where the marker starts (its ';'), or -1. A URL may contain ';': PEP 508 demands "url ; marker". */
function markerCut(text: string, meter?: Meter): number {
  tick(meter, text.length);
  if (!text.includes('@')) return text.indexOf(';');
  for (let i = 1; i < text.length; i++) if (text.charCodeAt(i) === 59 && isSpace(text.charCodeAt(i - 1))) return i;
  return -1;
}

/** Evaluates a marker; `extra` defaults to '' like `pip check` (which ignores extras). */
export function evalMarker(m: Marker, env: MarkerEnv, meter?: Meter): boolean {
  // and/or chains are left-deep (`a and b and c` = and(and(a, b), c)): walk the left spine in a loop so a
  // chain of 100,000 clauses needs no deep recursion. Right children are clauses or bracketed groups,
  // whose depth parseMarker bounds.
  const spine: Marker[] = [];
  let leaf = m;
  while (leaf.op !== 'cmp') {
    spine.push(leaf);
    leaf = leaf.left;
  }
  let value = evalCmp(leaf, env, meter);
  for (let k = spine.length - 1; k >= 0; k--) {
    const node = spine[k] as Extract<Marker, { op: 'and' | 'or' }>;
    tick(meter, 1);
    if (node.op === 'and' ? value : !value) value = evalMarker(node.right, env, meter);
  }
  return value;
}

function evalCmp(m: Extract<Marker, { op: 'cmp' }>, env: MarkerEnv, meter?: Meter): boolean {
  const name = 'var' in m.lhs ? m.lhs.var : 'var' in m.rhs ? m.rhs.var : '';
  const val = (o: Operand): string => ('str' in o ? o.str : (env[o.var] ?? ''));
  let l = val(m.lhs);
  let r = val(m.rhs);
  tick(meter, l.length + r.length);
  if (name === 'extra') {
    l = l.replace(/[-_.]+/g, '-').toLowerCase();
    r = r.replace(/[-_.]+/g, '-').toLowerCase();
  }
  switch (m.cmp) {
    case 'in':
      return linearIncludes(r, l, meter);
    case 'not in':
      return !linearIncludes(r, l, meter);
    case '===':
      return l === r;
  }
  // A wildcard (`== "3.11.*"`) is no version but a valid specifier operand.
  if (VERSION_VARS.has(name) && l.length <= MAX_VERSION && r.length <= MAX_VERSION && valid(l) && (valid(r) || /^\d+(\.\d+)*\.\*$/.test(r))) {
    // The variable is usually on the left ("python_version < '3.10'"); a literal on the left compares plainly.
    // The version library throws on a few inputs it calls valid: then PEP 508's string comparison decides.
    try {
      if ('var' in m.lhs) return satisfies(l, `${m.cmp}${r}`);
      return compareOp(compare(l, r), m.cmp === '~=' ? '>=' : m.cmp);
    } catch {
      /* fall through */
    }
  }
  if (m.cmp === '==') return l === r;
  if (m.cmp === '!=') return l !== r;
  // PEP 508: a non-version comparison with an ordering operator falls back to string ordering.
  return compareOp(l < r ? -1 : l > r ? 1 : 0, m.cmp);
}

function compareOp(c: number, op: string): boolean {
  return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : op === '>=' ? c >= 0 : op === '==' ? c === 0 : c !== 0;
}

/** Marker environment of a CPython with this version on this platform. */
export function markerEnv(pythonVersion: string, platform: string, machine: string): MarkerEnv {
  const full = /^\d+\.\d+\.\d+/.exec(pythonVersion)?.[0] ?? pythonVersion;
  const short = /^\d+\.\d+/.exec(pythonVersion)?.[0] ?? pythonVersion;
  const darwin = platform === 'darwin';
  const mach = machine === 'x64' ? 'x86_64' : machine === 'arm64' ? (darwin ? 'arm64' : 'aarch64') : machine;
  return {
    python_version: short,
    python_full_version: full,
    implementation_version: full,
    implementation_name: 'cpython',
    platform_python_implementation: 'CPython',
    os_name: 'posix',
    sys_platform: darwin ? 'darwin' : 'linux',
    platform_system: darwin ? 'Darwin' : 'Linux',
    platform_machine: mach,
    platform_release: '',
    platform_version: '',
    extra: '',
  };
}
