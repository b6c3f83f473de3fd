import { linkSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createScanLoader, throttled } from '../../src/app/scan-loader.js';
import { sizeInBackground } from '../../src/app/size-walk.js';
import type { ScanEvents } from '../../src/app/loader.js';
import { reducer } from '../../components/state/dashboard-reducer.js';
import { initialState } from '../../components/state/dashboard-state.js';
import { ScanContext } from '../../src/context/scan-context.js';
import { computeSize } from '../../src/discover/size.js';
import { waitFor } from '../helpers/wait-for.js';
import { compareText } from '../../components/ui/text.js';
import { venvsRoot, type TempRoot } from '../helpers/root-builder.js';
import { messyInventory } from '../components/inventory-fixture.js';

const roots: TempRoot[] = [];
afterEach(() => roots.splice(0).forEach((r) => r.cleanup()));

describe('progress throttle', () => {
  // Fake clock: a loaded CI machine can take longer than the interval between two statements, which made
  // the real-time version of this test see 6 sent before cancel() could drop it.
  afterEach(() => vi.useRealTimers());
  it('sends nothing at once, then only the newest of a burst, once the interval has passed', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const sent: number[] = [];
    const t = throttled<number>(30, (v) => sent.push(v));
    for (let i = 1; i <= 5; i++) t.push(i);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(29);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([5]);
    t.push(6);
    t.cancel();
    t.push(7);
    expect(sent).toEqual([5]);
    vi.advanceTimersByTime(30);
    // 6 was dropped by cancel(); 7 came in after it.
    expect(sent).toEqual([5, 7]);
  });
});

describe('scan-start', () => {
  it('is no render on the state the screen opened with (Ink keeps its frame budget for the results)', () => {
    const s = initialState({ columns: 80, rows: 24 });
    expect(reducer(s, { type: 'scan-start' })).toBe(s);
    const { inventory, findings } = messyInventory();
    const done = reducer(s, { type: 'scan-done', inventory, findings });
    const again = reducer(done, { type: 'scan-start' });
    expect(again).not.toBe(done);
    expect(again.scan.running).toBe(true);
  });
});

/** A machine root with `n` virtualenvwrapper venvs laid out as `python3 -m venv` leaves them. */
function venvRoot(n: number): TempRoot {
  const r = venvsRoot(n);
  roots.push(r);
  return r;
}

describe('the real loader', () => {
  it('reports findings before any size, then sizes every environment, the last report saying sizing is over', async () => {
    const r = venvRoot(3);
    const log: string[] = [];
    const sizes: Record<string, number> = {};
    let envIds: string[] = [];
    let finished = false;
    const events: ScanEvents = {
      progress: () => log.push('progress'),
      done: (inv) => {
        log.push('done');
        envIds = inv.environments.map((e) => e.id);
      },
      sizes: (s, sizing) => {
        log.push(sizing ? 'sizes' : 'sizes-final');
        Object.assign(sizes, s);
        if (!sizing) finished = true;
      },
    };
    const loader = createScanLoader({ root: r.root, search: [], env: { HOME: '/home/u', PATH: '/usr/bin' }, sizeDelayMs: 0 });
    await loader(events, new AbortController().signal);
    await waitFor(() => finished);
    expect(envIds.filter((id) => /env\d/.test(id))).toHaveLength(3);
    expect(log.indexOf('done')).toBeGreaterThanOrEqual(0);
    expect(log.slice(0, log.indexOf('done')).every((e) => e === 'progress')).toBe(true);
    expect(log.at(-1)).toBe('sizes-final');
    for (const id of envIds) expect(sizes[id], id).toBeGreaterThan(0);
  });

  it('sizes come from one size cache on the next launch, and a changed directory is read again', async () => {
    const r = venvRoot(2);
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'pyenvtui-loader-cache-'));
    try {
      const launch = async (): Promise<Record<string, number>> => {
        const sizes: Record<string, number> = {};
        let finished = false;
        const loader = createScanLoader({
          root: r.root,
          search: [],
          env: { HOME: '/home/u', PATH: '/usr/bin', PYENVTUI_CACHE_DIR: cacheDir },
          sizeDelayMs: 0,
          cacheRacyMs: 0,
        });
        await loader({ progress: () => {}, done: () => {}, sizes: (s, sizing) => ((finished = !sizing), Object.assign(sizes, s)) }, new AbortController().signal);
        await waitFor(() => finished);
        return sizes;
      };
      const first = await launch();
      const id = Object.keys(first).find((k) => k.endsWith('/home/u/.virtualenvs/env0'))!;
      expect(first[id]).toBeGreaterThan(12_000);
      // Make the cached entry of env0's package dir lie: a second launch that believes it read the cache.
      const file = path.join(cacheDir, 'sizes.json');
      const cached = JSON.parse(readFileSync(file, 'utf8')) as { dirs: Record<string, [number, number, number, number, string[]]> };
      const pkg = path.join(r.root, 'home/u/.virtualenvs/env0/lib/python3.11/site-packages/demo_0');
      cached.dirs[pkg]![2] += 1_000_000;
      writeFileSync(file, JSON.stringify(cached));
      const second = await launch();
      expect(second[id]).toBe(first[id]! + 1_000_000);
      for (const k of Object.keys(first)) if (k !== id) expect(second[k], k).toBe(first[k]);
      // A file added to that directory moves its mtime: read again, the lie is gone.
      writeFileSync(path.join(pkg, 'new.py'), 'y = 2\n');
      const third = await launch();
      expect(third[id]).toBeGreaterThan(first[id]!);
      expect(third[id]).toBeLessThan(first[id]! + 1_000_000);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });

  it('an aborted scan reports nothing after the abort, not even sizes', async () => {
    const r = venvRoot(2);
    const log: string[] = [];
    const ac = new AbortController();
    const loader = createScanLoader({ root: r.root, search: [], env: { HOME: '/home/u', PATH: '/usr/bin' }, sizeDelayMs: 10_000 });
    const run = loader(
      {
        progress: () => log.push('progress'),
        done: () => {
          log.push('done');
          ac.abort();
        },
        sizes: () => log.push('sizes'),
      },
      ac.signal,
    );
    // The pause before sizing ends at the abort instead of waiting out its 10 s.
    await run;
    expect(log.at(-1)).toBe('done');
  });
});

describe('compareText', () => {
  it('orders names as localeCompare does for package, environment and rule names, case-insensitively', () => {
    const names = ['webapp', 'PyYAML', 'pyenvtui-demo-lib', 'App', 'scratch', 'six', 'pip', 'pyenvtui-demo-cli', 'app2', 'zz'];
    expect([...names].sort(compareText)).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    expect(compareText('same', 'same')).toBe(0);
  });
});

describe('background sizing', () => {
  it('gives computeSize\'s answer, counting a hard-linked file once, and stops at the budget', async () => {
    const r = venvRoot(2);
    linkSync(path.join(r.root, 'home/u/.virtualenvs/env0/lib/python3.11/site-packages/demo_0/__init__.py'), path.join(r.root, 'home/u/.virtualenvs/env0/twin.py'));
    const ctx = new ScanContext({ root: r.root, env: { HOME: '/home/u', PATH: '/usr/bin' }, cacheDir: null });
    const env = { prefix: '/home/u/.virtualenvs/env0' } as Parameters<typeof computeSize>[1];
    const want = await computeSize(ctx, env);
    const got = await sizeInBackground(ctx, env);
    expect(got).toEqual(want);
    expect(got.complete).toBe(true);
    expect(got.bytes).toBeGreaterThan(12_000);
    const cut = await sizeInBackground(ctx, env, { maxEntries: 2 });
    expect(cut).toMatchObject({ complete: false, entries: 2 });
    const ac = new AbortController();
    ac.abort();
    expect(await sizeInBackground(ctx, env, { signal: ac.signal })).toMatchObject({ complete: false, entries: 0 });
  });
});
