#!/usr/bin/env node
// Fuzz every reader of on-disk formats with >= 100,000 seeded inputs (the corpus of
// test/helpers/fuzz-corpus.ts, bundled here with esbuild), then check that time grows linearly:
// each reader gets pathological inputs of 200 KB and 2 MB; a linear reader takes ~10x as long on the
// larger one (up to ~30x with GC and a shared CPU), a quadratic one ~100x and seconds. Usage: node bench/fuzz.mjs [--inputs N] [--seed S]
// Prints a table; exits 1 when a reader throws outside its contract, or takes over 500 ms on 2 MB while
// scaling worse than 50x.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';

const here = path.dirname(fileURLToPath(import.meta.url));
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const INPUTS = arg('--inputs', 100_000);
const SEED = arg('--seed', 20261129);

const tmp = mkdtempSync(path.join(os.tmpdir(), 'pyenvtui-fuzz-'));
const out = path.join(tmp, 'corpus.mjs');
await build({ entryPoints: [path.join(here, '..', 'test', 'helpers', 'fuzz-corpus.ts')], bundle: true, platform: 'node', format: 'esm', outfile: out, logLevel: 'error' });
const { READERS, check, makeInput, prng } = await import(pathToFileURL(out).href);

const rand = prng(SEED);
const stats = new Map(READERS.map((r) => [r.name, { n: 0, failures: [], worstMs: 0 }]));
const t0 = performance.now();
for (let i = 0; i < INPUTS; i++) {
  const r = READERS[i % READERS.length];
  const input = makeInput(r, rand);
  const s = stats.get(r.name);
  const a = performance.now();
  const bad = check(r, input);
  const ms = performance.now() - a;
  s.n++;
  if (ms > s.worstMs) s.worstMs = ms;
  if (bad && s.failures.length < 3) s.failures.push(`${bad} :: ${JSON.stringify(input.toString('utf8').slice(0, 60))}`);
}
const totalS = (performance.now() - t0) / 1000;

// Linearity: the same pathological shapes at 20 KB and 200 KB.
const SHAPES = [' ', '/', '\n', ' \n', '=', '[', '"', '\t', '#', 'a=', '-', '.'];
function timeOn(r, size) {
  let ms = 0;
  for (const ch of SHAPES) {
    const body = ch.repeat(Math.ceil(size / ch.length));
    for (const seed of r.seeds) {
      const input = Buffer.from(seed.slice(0, seed.length >> 1) + body + 'x' + seed.slice(seed.length >> 1), 'utf8');
      let best = Infinity;
      for (let k = 0; k < 2; k++) {
        const a = performance.now();
        check(r, input);
        best = Math.min(best, performance.now() - a);
      }
      ms += best;
    }
  }
  return ms;
}
let failed = false;
console.log(`fuzz: ${INPUTS} inputs, seed ${SEED}, ${totalS.toFixed(1)} s\n`);
console.log('reader'.padEnd(24), 'inputs'.padStart(7), 'fail'.padStart(5), 'worst ms'.padStart(9), '200KB ms'.padStart(9), '2MB ms'.padStart(8), 'ratio'.padStart(6));
for (const r of READERS) {
  const s = stats.get(r.name);
  timeOn(r, 20_000); // warm up
  const small = timeOn(r, 200_000);
  const large = timeOn(r, 2_000_000);
  const ratio = large / Math.max(small, 0.05);
  const bad = s.failures.length > 0 || (large > 500 && ratio > 50);
  failed ||= bad;
  console.log(r.name.padEnd(24), String(s.n).padStart(7), String(s.failures.length).padStart(5), s.worstMs.toFixed(1).padStart(9), small.toFixed(1).padStart(9), large.toFixed(1).padStart(8), ratio.toFixed(1).padStart(6), bad ? '  <-- FAIL' : '');
  for (const f of s.failures) console.log(`    ${f}`);
}
rmSync(tmp, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
