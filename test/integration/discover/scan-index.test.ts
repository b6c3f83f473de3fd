import { describe, expect, it } from 'vitest';
import { ScanContext } from '../../../src/context/scan-context.js';
import { scan, scanProgressive } from '../../../src/discover/index.js';
import { computeSize } from '../../../src/discover/size.js';
import { envFromPrefix } from '../../../src/discover/site.js';
import type { Locator } from '../../../src/discover/locator.js';
import { makeVenv, tmp, write } from './fixtures.js';

describe('scan()', () => {
  it('reports progress per locator, turns a failing locator into a problem, and dedupes by real path', async () => {
    const home = tmp();
    const v = makeVenv(`${home}/p/.venv`);
    const ctx = new ScanContext({ env: { HOME: home, PATH: '' } });
    const mk = (name: string, kind: 'venv' | 'pipx'): Locator => ({
      name,
      locate: async (c) => ({ environments: [await envFromPrefix(c, kind, v, name)], problems: [] }),
    });
    const broken: Locator = { name: 'broken', locate: async () => { throw new Error('boom'); } };
    const seen: Array<[string, number]> = [];
    const inv = await scanProgressive(ctx, (n, envs) => seen.push([n, envs.length]), [mk('a', 'venv'), mk('b', 'pipx'), broken]);
    expect(seen.map(([n]) => n).sort()).toEqual(['a', 'b', 'broken']);
    expect(inv.environments).toHaveLength(1);
    expect(inv.environments[0]).toMatchObject({ kind: 'pipx', meta: { alsoFoundAs: [`venv:${v}`] } });
    expect(inv.problems).toEqual([{ locator: 'broken', message: 'locator failed: boom' }]);
  });

  it('computes sizes lazily and within a budget', async () => {
    const home = tmp();
    write(`${home}/e/lib/big.bin`, Buffer.alloc(100_000, 1));
    write(`${home}/e/pyvenv.cfg`, 'home = /usr/bin\n');
    const ctx = new ScanContext({ env: { HOME: home } });
    const inv = await scan(ctx, { locators: [] });
    expect(inv.environments).toEqual([]);
    const env = await envFromPrefix(ctx, 'venv', `${home}/e`, 'e');
    expect(env.sizeBytes).toBeUndefined();
    const full = await computeSize(ctx, env);
    expect(full.complete).toBe(true);
    expect(full.bytes).toBeGreaterThanOrEqual(100_000);
    const cut = await computeSize(ctx, env, { maxEntries: 1 });
    expect(cut.complete).toBe(false);
  });
});
