// The bundle must run on Node 18.19 (Debian/Raspberry Pi OS Bookworm, docs/reach.md). esbuild lowers
// syntax to node18.19, but it cannot lower library calls or regex flags: it rewrites a /…/v literal
// into `new RegExp("…", "v")`, which throws on Node 18 as the file loads. This test reads every file
// the entry reaches (static and dynamic imports) and fails on constructs Node 18 lacks. The real
// proof is test/e2e/node18.test.ts, which runs the bundle on Debian's own Node 18; this one names
// the culprit when a dependency update brings one in.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const DIST = path.resolve(import.meta.dirname, '../../dist');

/** Regex-flag and API uses that need Node 20 or later, each with the reason. */
const NODE20_ONLY: { re: RegExp; why: string }[] = [
  { re: /new RegExp\((?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`),\s*["'`][a-z]*v[a-z]*["'`]\)/, why: "RegExp 'v' flag (Node 20)" },
  // esbuild already turns these into `new RegExp`; a literal left behind would carry \p{…}.
  { re: /\\p\{[^/\n]*\/[dgimsuy]*v[dgimsuy]*\b/, why: 'regex literal with the v flag (Node 20)' },
  { re: /\.(?:toSorted|toReversed|toSpliced)\(/, why: 'Array change-by-copy methods (Node 20)' },
  { re: /\b(?:Object|Map)\.groupBy\(/, why: 'Object/Map.groupBy (Node 21)' },
  { re: /\bPromise\.withResolvers\(/, why: 'Promise.withResolvers (Node 22)' },
  { re: /\bArray\.fromAsync\(/, why: 'Array.fromAsync (Node 22)' },
  { re: /\bimport\.meta\.(?:dirname|filename)\b/, why: 'import.meta.dirname/filename (Node 20.11)' },
  { re: /\bprocess\.getBuiltinModule\(/, why: 'process.getBuiltinModule (Node 22)' },
  { re: /\.(?:union|intersection|symmetricDifference|isSubsetOf|isSupersetOf|isDisjointFrom)\(new Set/, why: 'Set methods (Node 22)' },
  { re: /\bRegExp\.escape\(/, why: 'RegExp.escape (Node 24)' },
  { re: /\bAbortSignal\.any\(/, why: 'AbortSignal.any (Node 20)' },
  { re: /\.(?:isWellFormed|toWellFormed)\(\)/, why: 'String well-formed methods (Node 20)' },
  { re: /\bstyleText\(/, why: 'util.styleText (Node 20.12)' },
];

/** The entry and every chunk it reaches through relative imports (old chunks of earlier builds are not looked at). */
function reachable(): Map<string, string> {
  const seen = new Map<string, string>();
  const queue = [path.join(DIST, 'pyenvtui.js')];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    const text = readFileSync(file, 'utf8');
    seen.set(file, text);
    for (const m of text.matchAll(/["'](\.\.?\/[^"']+\.js)["']/g)) queue.push(path.resolve(path.dirname(file), m[1]!));
  }
  return seen;
}

export function node20Only(text: string): string[] {
  const found: string[] = [];
  for (const { re, why } of NODE20_ONLY) {
    const m = re.exec(text);
    if (m) found.push(`${why}: …${text.slice(Math.max(0, m.index - 60), m.index + m[0].length + 20)}…`);
  }
  return found;
}

describe('the bundle uses nothing Node 18.19 lacks', () => {
  it('the checker recognises each construct (so a clean result means something)', () => {
    const samples = [
      'var a=new RegExp("[\\\\p{L}--[a-z]]","v");',
      'const r=/^\\p{RGI_Emoji}$/v;',
      'x.toSorted((a,b)=>a-b)',
      'Object.groupBy(xs,f)',
      'Promise.withResolvers()',
      'Array.fromAsync(it)',
      'const d=import.meta.dirname;',
      'process.getBuiltinModule("fs")',
      'a.union(new Set([1]))',
      'RegExp.escape(s)',
      'AbortSignal.any([a,b])',
      's.isWellFormed()',
      'styleText("red",s)',
    ];
    for (const s of samples) expect(node20Only(s), s).toHaveLength(1);
    // Feature detection is fine: it runs everywhere.
    expect(node20Only('var te=!!"".isWellFormed;')).toEqual([]);
    expect(node20Only('m.replace("\\u2193","v")')).toEqual([]);
  });

  it('every file the entry reaches is clean', () => {
    const files = reachable();
    expect(files.size).toBeGreaterThan(5);
    const problems = [...files].flatMap(([f, text]) => node20Only(text).map((p) => `${path.relative(DIST, f)}: ${p}`));
    expect(problems).toEqual([]);
  });
});
