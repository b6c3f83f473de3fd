// Finds where the package index of a host file lies in its JSON text without parsing it. The index is
// ~80% of a host file (name -> version -> environments) and the dashboard's first screen needs none of
// it: the reader parses the document with the index cut out and keeps the index's text to parse when
// a package is first asked about (src/fleet/package-table.ts). Only a scan of the structure: strings
// are skipped with indexOf, nothing is allocated but the keys on the way down.
// Semantics follow JSON.parse: of duplicate keys, the last one counts.

/** Where the index may be, per producer (scan --facts, the jsonfile fact cache, an --tree result). */
export const INDEX_PATHS = {
  doc: ['packages', 'index'],
  cache: ['ansible_local', 'pyenvtui', 'packages', 'index'],
  tree: ['ansible_facts', 'ansible_local', 'pyenvtui', 'packages', 'index'],
} as const;
export type IndexAt = keyof typeof INDEX_PATHS;

interface Trie {
  [key: string]: Trie | IndexAt;
}

function trieOf(paths: Record<IndexAt, readonly string[]>): Trie {
  const root: Trie = {};
  for (const [at, keys] of Object.entries(paths) as [IndexAt, readonly string[]][]) {
    let node = root;
    keys.forEach((k, i) => {
      if (i === keys.length - 1) node[k] = at;
      else node = (node[k] ??= {}) as Trie;
    });
  }
  return root;
}

const TRIE = trieOf(INDEX_PATHS);

function skipWs(t: string, i: number): number {
  for (;;) {
    const c = t.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13 || c === 9) i++;
    else return i;
  }
}

/** Index just past the string starting at `i` (a '"'), or -1. */
function stringEnd(t: string, i: number): number {
  let from = i + 1;
  for (;;) {
    const q = t.indexOf('"', from);
    if (q < 0) return -1;
    let slashes = 0;
    while (t.charCodeAt(q - 1 - slashes) === 92) slashes++;
    if (slashes % 2 === 0) return q + 1;
    from = q + 1;
  }
}

/** Index just past the value starting at `i`, or -1. Brackets are counted, not matched: JSON.parse checks later. */
function valueEnd(t: string, i: number): number {
  const c = t.charCodeAt(i);
  if (c === 34) return stringEnd(t, i);
  if (c === 123 || c === 91) {
    let depth = 0;
    for (let j = i; j < t.length; ) {
      const d = t.charCodeAt(j);
      if (d === 34) {
        j = stringEnd(t, j);
        if (j < 0) return -1;
        continue;
      }
      if (d === 123 || d === 91) depth++;
      else if ((d === 125 || d === 93) && --depth === 0) return j + 1;
      j++;
    }
    return -1;
  }
  let j = i;
  for (; j < t.length; j++) {
    const d = t.charCodeAt(j);
    if (d === 44 || d === 125 || d === 93 || d === 32 || d === 10 || d === 13 || d === 9) break;
  }
  return j > i ? j : -1;
}

function keyOf(t: string, start: number, end: number): string | null {
  const raw = t.slice(start + 1, end - 1);
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(t.slice(start, end)) as string;
  } catch {
    return null;
  }
}

type Found = Map<IndexAt, [number, number]>;

function dropUnder(node: Trie, found: Found): void {
  for (const v of Object.values(node)) {
    if (typeof v === 'string') found.delete(v);
    else dropUnder(v, found);
  }
}

/** Walks the object at `i` (a '{'); records spans of the trie's leaves; returns the index past it or -1. */
function walk(t: string, i: number, node: Trie, found: Found): number {
  i = skipWs(t, i + 1);
  if (t.charCodeAt(i) === 125) return i + 1;
  for (;;) {
    if (t.charCodeAt(i) !== 34) return -1;
    const ke = stringEnd(t, i);
    if (ke < 0) return -1;
    const key = keyOf(t, i, ke);
    i = skipWs(t, ke);
    if (t.charCodeAt(i) !== 58) return -1;
    i = skipWs(t, i + 1);
    const sub = key !== null && Object.hasOwn(node, key) ? node[key]! : undefined;
    // A repeated key replaces what an earlier one said.
    if (sub !== undefined) {
      if (typeof sub === 'string') found.delete(sub);
      else dropUnder(sub, found);
    }
    let end: number;
    if (typeof sub === 'string') {
      end = valueEnd(t, i);
      // Only an object is cut out: anything else stays for JSON.parse (and validation) to see.
      if (end > 0 && t.charCodeAt(i) === 123 && t.charCodeAt(end - 1) === 125) found.set(sub, [i, end]);
    } else if (sub !== undefined && t.charCodeAt(i) === 123) end = walk(t, i, sub, found);
    else end = valueEnd(t, i);
    if (end < 0) return -1;
    i = skipWs(t, end);
    const c = t.charCodeAt(i);
    if (c === 125) return i + 1;
    if (c !== 44) return -1;
    i = skipWs(t, i + 1);
  }
}

export interface SplitText {
  /** The text with each index found replaced by `{}`. */
  text: string;
  /** The text of each index cut out, by where it was. */
  indexes: Partial<Record<IndexAt, string>>;
}

/**
 * Cuts the package indexes out of a host file's text. When the text is not shaped as expected (not
 * an object, broken, no index) it is returned whole, and JSON.parse says what is wrong with it.
 */
export function splitIndex(text: string): SplitText {
  const found: Found = new Map();
  const start = skipWs(text, 0);
  if (text.charCodeAt(start) !== 123 || walk(text, start, TRIE, found) < 0 || found.size === 0) return { text, indexes: {} };
  const spans = [...found].sort((a, b) => a[1][0] - b[1][0]);
  const parts: string[] = [];
  const indexes: SplitText['indexes'] = {};
  let at = 0;
  for (const [where, [s, e]] of spans) {
    parts.push(text.slice(at, s), '{}');
    indexes[where] = text.slice(s, e);
    at = e;
  }
  parts.push(text.slice(at));
  return { text: parts.join(''), indexes };
}
