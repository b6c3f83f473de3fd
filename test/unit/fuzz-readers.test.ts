// Seeded fuzzing of every reader of on-disk formats (corpus: test/helpers/fuzz-corpus.ts): mutated
// samples, random bytes, control characters and 20k-character pathological runs. No reader may throw
// outside its contract, and none may take quadratic time (a regression shows as a test that does not
// finish within its timeout; there is no timed assertion). bench/fuzz.mjs runs >= 100,000 inputs.
import { describe, expect, it } from 'vitest';
import { READERS, check, makeInput, prng } from '../helpers/fuzz-corpus.js';

const SEED = 20261129;
const PER_READER = 250;

describe('fuzzed readers', () => {
  it.each(READERS.map((r) => [r.name, r] as const))('%s survives the corpus', { timeout: 60_000 }, (_name, r) => {
    const rand = prng(SEED ^ r.name.length);
    const failures: string[] = [];
    for (let i = 0; i < PER_READER; i++) {
      const input = makeInput(r, rand);
      const bad = check(r, input);
      if (bad) failures.push(`${bad} (input ${i}: ${JSON.stringify(input.toString('utf8').slice(0, 80))})`);
    }
    for (const s of r.seeds) expect(check(r, Buffer.from(s))).toBeNull();
    expect(failures.slice(0, 5)).toEqual([]);
  });
});
