// The rules of the house (docs/ARCHITECTURE.md), checked on the source itself: no import cycles, no file over
// ~300 lines, no eslint-disable comments (there is no eslint), and the unit tier stays pure.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const MAX_LINES = 320;

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (/\.tsx?$/.test(e.name)) out.push(p);
  }
  return out;
}

const sources = [...walk(path.join(ROOT, 'src')), ...walk(path.join(ROOT, 'components'))];

/** Relative static imports (type-only imports included: a cycle of types is still a tangle of rooms). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\b[^'";]*?from\s+['"](\.[^'"]+)['"]/gm)) {
    const spec = m[1]!;
    const base = path.resolve(path.dirname(file), spec.replace(/\.js$/, ''));
    const hit = [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')].find((c) => sources.includes(c));
    if (hit) out.push(hit);
  }
  return out;
}

function findCycles(): string[][] {
  const graph = new Map(sources.map((f) => [f, importsOf(f)]));
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (f: string): void => {
    state.set(f, 'open');
    stack.push(f);
    for (const g of graph.get(f) ?? []) {
      if (state.get(g) === 'open') cycles.push([...stack.slice(stack.indexOf(g)), g].map((x) => path.relative(ROOT, x)));
      else if (!state.has(g)) visit(g);
    }
    stack.pop();
    state.set(f, 'done');
  };
  for (const f of sources) if (!state.has(f)) visit(f);
  return cycles;
}

describe('the house', () => {
  it('reads a real tree (the checks below are not vacuous)', () => {
    expect(sources.length).toBeGreaterThan(150);
    expect(importsOf(path.join(ROOT, 'src/cli.ts')).length).toBeGreaterThan(0);
  });

  it('has no import cycles', () => {
    expect(findCycles()).toEqual([]);
  });

  it(`has no source file over ${MAX_LINES} lines`, () => {
    const long = sources
      .map((f) => ({ file: path.relative(ROOT, f), lines: readFileSync(f, 'utf8').split('\n').length }))
      .filter((x) => x.lines > MAX_LINES);
    expect(long).toEqual([]);
  });

  it('has no eslint-disable comments (the project has no eslint)', () => {
    const hits = sources.filter((f) => /eslint-disable/.test(readFileSync(f, 'utf8'))).map((f) => path.relative(ROOT, f));
    expect(hits).toEqual([]);
  });

  it('keeps the unit tier pure: no subprocess, no sandbox, no bundle', () => {
    const unit = walk(path.join(ROOT, 'test/unit')).filter((f) => f.endsWith('.test.ts'));
    expect(unit.length).toBeGreaterThan(20);
    const forbidden =
      /from\s+['"](?:node:child_process|child_process|execa|[^'"]*helpers\/sandbox[^'"]*|[^'"]*\/integration\/[^'"]*|[^'"]*discover\/fixtures\.js)['"]|\bdist\//;
    const impure = unit.filter((f) => f !== __filename && forbidden.test(readFileSync(f, 'utf8'))).map((f) => path.relative(ROOT, f));
    expect(impure).toEqual([]);
  });
});
