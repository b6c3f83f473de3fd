// An INI reader that behaves like Python 3.11's configparser.RawConfigParser with its defaults, which is
// what pip (and the EXTERNALLY-MANAGED marker) use. Getting the corner cases the same matters: a value
// pip ignores must not be flagged, and one pip honours must not be missed.
//
// Defaults reproduced: delimiters `=` and `:` (first one wins), full-line comments starting with `#` or
// `;` (after leading whitespace), NO inline comments, continuation lines by deeper indentation, empty
// lines kept inside multi-line values, option names lower-cased, section names case-sensitive,
// strict mode (duplicate section / option inside one file is an error), a DEFAULT section whose keys
// appear in every other section, no interpolation.

/** One `key = value` as configparser stores it, with the line it started on (1-based). */
export interface IniEntry {
  /** Option name after optionxform (lower-cased, right-stripped). */
  key: string;
  /** Value with continuation lines joined by "\n", as configparser returns it. */
  value: string;
  line: number;
}

export interface IniSection {
  name: string;
  line: number;
  entries: Map<string, IniEntry>;
}

export type IniErrorKind = 'missing-section-header' | 'duplicate-section' | 'duplicate-option' | 'parse';

export interface IniError {
  kind: IniErrorKind;
  line: number;
  message: string;
}

export interface IniDocument {
  /** Sections in file order, DEFAULT excluded (as `parser.sections()`). */
  sections: IniSection[];
  defaults: Map<string, IniEntry>;
  /** Any error makes configparser raise, so the whole file is unusable to pip. */
  errors: IniError[];
}

// Python's str.isspace() set: differs from JS \s (which includes U+FEFF and lacks U+001C-U+001F, U+0085).
const PY_WS = '\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const WS_RE = new RegExp(`[${PY_WS}]`);
const NONSPACE_RE = new RegExp(`[^${PY_WS}]`);
const SECT_RE = /^\[(.+)\]/;

// Stripping and option splitting are loops, not regexes: `[ws]+$` and `^(.*?)[ws]*(=|:)` backtrack
// quadratically on a long whitespace run (a 200 KB pip.conf took minutes).
function isWs(s: string, i: number): boolean {
  return WS_RE.test(s[i]!);
}

function rstrip(s: string): string {
  let e = s.length;
  while (e > 0 && isWs(s, e - 1)) e--;
  return s.slice(0, e);
}

/** Python's str.strip(). */
export function pyStrip(s: string): string {
  let b = 0;
  while (b < s.length && isWs(s, b)) b++;
  return rstrip(s.slice(b));
}

/** configparser's OPTCRE: option before the first '=' or ':' (trailing space dropped), value after it. */
function splitOption(value: string): { key: string; rest: string } | null {
  let i = 0;
  while (i < value.length && value[i] !== '=' && value[i] !== ':') i++;
  if (i === value.length) return null;
  return { key: rstrip(value.slice(0, i)), rest: value.slice(i + 1) };
}

interface Pending {
  entry: IniEntry;
  parts: string[];
}

/** Parses INI text exactly as RawConfigParser.read_string would, collecting errors instead of raising. */
export function parseIni(text: string, defaultSection = 'DEFAULT'): IniDocument {
  const sections: IniSection[] = [];
  const byName = new Map<string, IniSection>();
  const defaults = new Map<string, IniEntry>();
  const errors: IniError[] = [];
  const added = new Set<string>();
  const pending: Pending[] = [];
  let cur: Map<string, IniEntry> | null = null;
  let curName: string | null = null;
  let opt: Pending | null = null;
  let indentLevel = 0;

  // Python's text mode turns \r\n and \r into \n before iterating lines.
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const lineno = i + 1;
    const line = lines[i]!;
    const stripped = pyStrip(line);
    const isComment = stripped.startsWith('#') || stripped.startsWith(';');
    const value = isComment ? '' : stripped;
    if (!value) {
      // An empty line stays inside a multi-line value; a comment line is skipped without ending it.
      if (!isComment && cur !== null && opt !== null) opt.parts.push('');
      continue;
    }
    const m = NONSPACE_RE.exec(line);
    const indent = m ? m.index : 0;
    if (cur !== null && opt !== null && indent > indentLevel) {
      opt.parts.push(value);
      continue;
    }
    indentLevel = indent;
    const sm = SECT_RE.exec(value);
    if (sm) {
      const name = sm[1]!;
      const existing = byName.get(name);
      if (existing) {
        if (added.has(`s:${name}`)) {
          errors.push({ kind: 'duplicate-section', line: lineno, message: `section '${name}' already exists` });
          break; // configparser raises at once
        }
        cur = existing.entries;
        added.add(`s:${name}`);
      } else if (name === defaultSection) {
        cur = defaults;
      } else {
        const sec: IniSection = { name, line: lineno, entries: new Map() };
        sections.push(sec);
        byName.set(name, sec);
        cur = sec.entries;
        added.add(`s:${name}`);
      }
      curName = name;
      opt = null;
      continue;
    }
    if (cur === null) {
      errors.push({ kind: 'missing-section-header', line: lineno, message: `file contains no section headers: ${JSON.stringify(line)}` });
      break;
    }
    const om = splitOption(value);
    if (!om || !om.key) {
      errors.push({ kind: 'parse', line: lineno, message: `cannot parse line ${JSON.stringify(line)}` });
      // A bad line is not fatal to the loop; configparser keeps reading and raises at the end.
      if (om && !om.key) opt = null;
      continue;
    }
    const key = om.key.toLowerCase();
    const dupKey = `o:${curName}\u0000${key}`;
    if (added.has(dupKey)) {
      errors.push({ kind: 'duplicate-option', line: lineno, message: `option '${key}' in section '${curName}' already exists` });
      break;
    }
    added.add(dupKey);
    const entry: IniEntry = { key, value: pyStrip(om.rest), line: lineno };
    opt = { entry, parts: [entry.value] };
    pending.push(opt);
    cur.set(key, entry);
  }
  for (const p of pending) p.entry.value = rstrip(p.parts.join('\n'));
  return { sections, defaults, errors };
}

/** `parser.items(section)`: DEFAULT keys first, overridden by the section's own. */
export function sectionItems(doc: IniDocument, name: string): IniEntry[] {
  const sec = doc.sections.find((s) => s.name === name);
  if (!sec) return [];
  const merged = new Map(doc.defaults);
  for (const [k, v] of sec.entries) merged.set(k, v);
  return [...merged.values()];
}
