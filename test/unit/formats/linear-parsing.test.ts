// #12: PEP 508 requirements, markers and RECORD are read in linear time. Each parser counts the
// characters its scanners look at (a `Meter`); the only other work is linear built-ins (slice, split,
// indexOf, trim). Checked without timing: for the pathological shapes bench/fuzz.mjs uses (and a few that
// were quadratic before: `""` runs, quote/unquote alternation, whitespace runs with line breaks, long
// `and` chains, deep brackets), the work on a 10× larger input grows at most 10.5×, and never exceeds a
// small constant per input character. The fuzz input that took 3.9 s (seed 20261129, input 70271 of
// bench/fuzz.mjs) is kept byte for byte in test/fixtures/fuzz/.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evalMarker, markerEnv, parseMarker, parseRequirement, type Meter } from '../../../src/formats/pep508.js';
import { parseRecord } from '../../../src/formats/record.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures');
const MENV = markerEnv('3.11.2', 'linux', 'x64');
type Run = (s: string, m: Meter) => void;
const READERS: Array<{ name: string; run: Run; seed: string }> = [
  {
    name: 'PEP 508 requirement',
    seed: 'demo[extra]>=1.0,<2; python_version >= "3.8" and sys_platform == "linux"',
    run: (s, m) => {
      try {
        parseRequirement(s, m);
      } catch {
        /* errors are by contract */
      }
    },
  },
  {
    name: 'PEP 508 marker',
    seed: 'python_version >= "3.8" and (platform_machine == "x86_64" or extra == "a") and "ab" in "xxab"',
    run: (s, m) => {
      let mk;
      try {
        mk = parseMarker(s, m);
      } catch {
        return;
      }
      evalMarker(mk, MENV, m);
    },
  },
  { name: 'RECORD', seed: 'demo/__init__.py,sha256=abc,12\n"a,b.py",,\n../../../bin/demo,,\n', run: (s, m) => void parseRecord(s, m) },
];
const SHAPES = [' ', '/', '\n', ' \n', '=', '[', '"', '\t', '#', 'a=', '-', '.', 'a', '0', '""', '""a', '"a",', '(', ')', ' and ', ' or ', '"a" in "', 'a\n', '\u2028', ';', '@'];

function work(run: Run, input: string): number {
  const m: Meter = { steps: 0 };
  run(input, m);
  return m.steps;
}
const at = (seed: string, body: string, pos: number): string => seed.slice(0, pos) + body + 'x' + seed.slice(pos);

describe('linear-time readers (work counted, not timed)', () => {
  for (const r of READERS) {
    it(`${r.name}: 10x the input costs at most 10.5x the work, and at most 16 steps per character`, () => {
      const bad: string[] = [];
      for (const shape of SHAPES) {
        for (const pos of [0, r.seed.length >> 1, r.seed.length]) {
          const small = at(r.seed, shape.repeat(Math.ceil(20_000 / shape.length)), pos);
          const large = at(r.seed, shape.repeat(Math.ceil(200_000 / shape.length)), pos);
          const ws = work(r.run, small);
          const wl = work(r.run, large);
          const ratio = wl / Math.max(ws, 1);
          if (ratio > 10.5 || wl > 16 * large.length) bad.push(`${JSON.stringify(shape)}@${pos}: ${ws} → ${wl} (${ratio.toFixed(1)}x)`);
        }
      }
      expect(bad).toEqual([]);
    });
  }

  it('nested brackets are refused past a fixed depth instead of exhausting the stack', () => {
    expect(() => parseMarker(`${'('.repeat(100_000)}os_name == "posix"${')'.repeat(100_000)}`)).toThrow(/nested deeper/);
    expect(evalMarker(parseMarker(`${'('.repeat(60)}os_name == "posix"${')'.repeat(60)}`), MENV)).toBe(true);
  });

  it('a chain of 100,000 clauses evaluates without deep recursion, with pip\'s short-circuit result', () => {
    const chain = Array.from({ length: 100_000 }, () => 'os_name == "posix"').join(' and ');
    expect(evalMarker(parseMarker(chain), MENV)).toBe(true);
    expect(evalMarker(parseMarker(`${chain} and os_name == "nt"`), MENV)).toBe(false);
    expect(evalMarker(parseMarker(`os_name == "nt" or ${chain}`), MENV)).toBe(true);
  });

  it('`in` is a linear substring search (a long near-match haystack)', () => {
    const m: Meter = { steps: 0 };
    const needle = `${'a'.repeat(50_000)}b`;
    const hay = 'a'.repeat(200_000);
    expect(evalMarker(parseMarker(`"${needle}" in "${hay}"`, m), MENV, m)).toBe(false);
    expect(m.steps).toBeLessThan(8 * (needle.length + hay.length));
    expect(evalMarker(parseMarker(`"${needle}" in "${hay}b"`), MENV)).toBe(true);
  });

  it('a 1000-character "version" is compared as text, never handed to the version library', () => {
    const long = `3.${'1'.repeat(1000)}`;
    expect(evalMarker(parseMarker(`python_version < "${long}"`), MENV)).toBe('3.11' < long);
  });

  it('the fuzz input that took 3.9 s (a whitespace and line-break run after a name) is refused at linear cost', () => {
    const input = readFileSync(path.join(FIXTURES, 'fuzz', 'pep508-seed20261129-70271.txt'), 'utf8');
    expect(input.length).toBe(35_004);
    const m: Meter = { steps: 0 };
    expect(() => parseRequirement(input, m)).toThrow(/not a PEP 508 requirement/);
    expect(m.steps).toBeLessThan(4 * input.length);
  });
});
