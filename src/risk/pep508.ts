// PEP 508 requirement parsing and marker evaluation (no maintained npm package does this). Versions
// and specifiers go to @renovatebot/pep440; this file only handles the grammar around them.
import { satisfies, valid, compare } from '@renovatebot/pep440';

export interface Requirement {
  name: string;
  extras: string[];
  /** Version specifier (`>=1,<2`), '' when none; null for a URL requirement. */
  specifier: string | null;
  url?: string;
  marker: Marker | null;
}

export type Marker =
  | { op: 'and' | 'or'; left: Marker; right: Marker }
  | { op: 'cmp'; lhs: Operand; cmp: string; rhs: Operand };
type Operand = { var: string } | { str: string };

export type MarkerEnv = Record<string, string>;

const VARS = new Set([
  'python_version', 'python_full_version', 'os_name', 'sys_platform', 'platform_release', 'platform_system',
  'platform_version', 'platform_machine', 'platform_python_implementation', 'implementation_name',
  'implementation_version', 'extra', 'os.name', 'sys.platform', 'platform.version', 'platform.machine',
  'platform.python_implementation', 'python_implementation',
]);
const VERSION_VARS = new Set(['python_version', 'python_full_version', 'implementation_version', 'platform_release']);

/** Parses a Requires-Dist line; throws Error with a reason on bad input. */
export function parseRequirement(text: string): Requirement {
  const [head, ...rest] = splitMarker(text);
  const m = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(\[[^\]]*\])?\s*(.*)$/.exec(head!);
  if (!m) throw new Error(`not a PEP 508 requirement: ${text}`);
  const extras = m[2] ? m[2].slice(1, -1).split(',').map((e) => e.trim()).filter(Boolean) : [];
  let spec = m[3]!.trim();
  let url: string | undefined;
  if (spec.startsWith('@')) {
    url = spec.slice(1).trim();
    spec = '';
  } else if (spec.startsWith('(') && spec.endsWith(')')) spec = spec.slice(1, -1).trim();
  const markerText = rest.join(';').trim();
  return { name: m[1]!, extras, specifier: url ? null : spec.replace(/\s+/g, ''), url, marker: markerText ? parseMarker(markerText) : null };
}

function splitMarker(text: string): string[] {
  // A URL may contain ';' only if followed by a space-separated marker: PEP 508 demands "url ; marker".
  const i = text.includes('@') ? text.search(/\s;/) : text.indexOf(';');
  return i < 0 ? [text] : [text.slice(0, i), text.slice(i + 1).replace(/^\s*;/, '')];
}

/** Parses a marker expression. */
export function parseMarker(text: string): Marker {
  const toks = tokenize(text);
  let i = 0;
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
    if (peek() === '(') {
      i++;
      const m = orExpr();
      if (toks[i++] !== ')') throw new Error(`missing ) in marker: ${text}`);
      return m;
    }
    const lhs = operand();
    let cmp = toks[i++];
    if (cmp === 'not' && peek() === 'in') {
      i++;
      cmp = 'not in';
    }
    if (!cmp || !['==', '!=', '<', '<=', '>', '>=', '~=', '===', 'in', 'not in'].includes(cmp)) throw new Error(`bad marker operator ${cmp}`);
    return { op: 'cmp', lhs, cmp, rhs: operand() };
  };
  const m = orExpr();
  if (i !== toks.length) throw new Error(`trailing text in marker: ${text}`);
  return m;
}

function tokenize(s: string): string[] {
  const re = /\s*("[^"]*"|'[^']*'|===|==|!=|<=|>=|~=|<|>|\(|\)|[A-Za-z_][A-Za-z0-9_.]*)/y;
  const out: string[] = [];
  let m: RegExpExecArray | null;
  while (re.lastIndex < s.length && (m = re.exec(s))) out.push(m[1]!);
  if (s.slice(re.lastIndex).trim()) throw new Error(`cannot read marker at "${s.slice(re.lastIndex)}"`);
  return out;
}

/** Evaluates a marker; `extra` defaults to '' like `pip check` (which ignores extras). */
export function evalMarker(m: Marker, env: MarkerEnv): boolean {
  if (m.op !== 'cmp') return m.op === 'and' ? evalMarker(m.left, env) && evalMarker(m.right, env) : evalMarker(m.left, env) || evalMarker(m.right, env);
  const name = 'var' in m.lhs ? m.lhs.var : 'var' in m.rhs ? m.rhs.var : '';
  const val = (o: Operand): string => ('str' in o ? o.str : (env[o.var] ?? ''));
  let l = val(m.lhs);
  let r = val(m.rhs);
  if (name === 'extra') {
    l = l.replace(/[-_.]+/g, '-').toLowerCase();
    r = r.replace(/[-_.]+/g, '-').toLowerCase();
  }
  switch (m.cmp) {
    case 'in':
      return r.includes(l);
    case 'not in':
      return !r.includes(l);
    case '===':
      return l === r;
  }
  // A wildcard (`== "3.11.*"`) is no version but a valid specifier operand.
  if (VERSION_VARS.has(name) && valid(l) && (valid(r) || /^\d+(\.\d+)*\.\*$/.test(r))) {
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
