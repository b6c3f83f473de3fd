// The real loader on a real machine root with many venvs, driven as the dashboard drives it: the
// reducer's state decides what is wanted (components/state/size-wants.ts), the loader sizes only
// that, scrolling sizes the newly visible rows, and the size-all key sizes the rest (issue 15 item 3).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createScanLoader } from '../../src/app/scan-loader.js';
import { SizeDemand } from '../../src/app/size-demand.js';
import { reducer, type Action } from '../../components/state/dashboard-reducer.js';
import { initialState, type DashboardState } from '../../components/state/dashboard-state.js';
import { wantedSizes } from '../../components/state/size-wants.js';
import { waitFor } from '../helpers/wait-for.js';
import { venvsRoot, type TempRoot } from '../helpers/root-builder.js';

const roots: TempRoot[] = [];
const dirs: string[] = [];
afterEach(() => {
  roots.splice(0).forEach((r) => r.cleanup());
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

/** A machine root with `n` virtualenvwrapper venvs laid out as `python3 -m venv` leaves them. */
function venvRoot(n: number): TempRoot {
  const r = venvsRoot(n, (i) => `env${String(i).padStart(2, '0')}`);
  roots.push(r);
  return r;
}

describe('the dashboard sizes what it shows', () => {
  it('a launch with many environments sizes the visible ones; scrolling sizes the new rows; D sizes the rest', async () => {
    const N = 30;
    const r = venvRoot(N);
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'pyenvtui-size-demand-'));
    dirs.push(cacheDir);
    // An 18-row terminal: the environments pane shows 10 rows (the column header, the group headings, then
    // environments), so a handful of the 30 venvs is visible.
    let state = initialState({ columns: 100, rows: 18 });
    const demand = new SizeDemand();
    const walked: string[] = [];
    let sizing = false;
    const dispatch = (a: Action): void => {
      state = reducer(state, a);
      demand.set(wantedSizes(state));
    };
    const ac = new AbortController();
    const loader = createScanLoader({
      root: r.root,
      search: [],
      env: { HOME: '/home/u', PATH: '/usr/bin', PYENVTUI_CACHE_DIR: cacheDir },
      sizeDelayMs: 0,
      cacheRacyMs: 0,
    });
    const run = loader(
      {
        progress: (p) => dispatch({ type: 'scan-progress', ...p }),
        done: (inventory, findings) => dispatch({ type: 'scan-done', inventory, findings }),
        sizes: (sizes, s) => {
          walked.push(...Object.keys(sizes));
          sizing = s;
          dispatch({ type: 'sizes', sizes, sizing: s });
        },
      },
      ac.signal,
      demand,
    );
    try {
      const venvIds = (): string[] => state.inventory!.environments.filter((e) => e.kind === 'virtualenvwrapper' || e.kind === 'venv').map((e) => e.id);
      const shown = (s: DashboardState): string[] => wantedSizes(s).ids.slice();
      await waitFor(() => state.inventory !== null && !state.scan.running);
      expect(venvIds()).toHaveLength(N);
      // Whatever view the first screen opened on, the environments view is where sizes show.
      if (state.view !== 'envs') dispatch({ type: 'key', input: '1', key: {} });
      const first = shown(state);
      expect(first.length).toBeGreaterThan(0);
      expect(first.length).toBeLessThan(N / 2);
      await waitFor(() => first.every((id) => state.sizes[id] !== undefined) && !sizing);
      // Only the visible ones: no other environment was walked, and none is in the saved size cache.
      expect(new Set(walked)).toEqual(new Set(first));
      for (const id of first) expect(state.sizes[id], id).toBeGreaterThan(0);
      const cached = Object.keys((JSON.parse(readFileSync(path.join(cacheDir, 'sizes.json'), 'utf8')) as { dirs: Record<string, unknown> }).dirs);
      const unseen = venvIds().filter((id) => !first.includes(id));
      const prefix = (id: string): string => path.join(r.root, state.inventory!.environments.find((e) => e.id === id)!.prefix);
      expect(unseen.length).toBeGreaterThan(N / 2);
      for (const id of unseen) expect(cached.some((d) => d === prefix(id) || d.startsWith(prefix(id) + '/')), id).toBe(false);
      // (and the visible venvs are there: the check above can see a walked environment)
      for (const id of first.filter((i) => venvIds().includes(i))) expect(cached.some((d) => d.startsWith(prefix(id) + '/')), id).toBe(true);
      // Scroll to the end: the newly visible rows are sized, each environment once.
      dispatch({ type: 'key', input: 'G', key: {} });
      const last = shown(state);
      expect(last.some((id) => !first.includes(id))).toBe(true);
      await waitFor(() => last.every((id) => state.sizes[id] !== undefined) && !sizing);
      expect(new Set(walked)).toEqual(new Set([...first, ...last]));
      expect(walked.length).toBe(new Set(walked).size);
      expect(Object.keys(state.sizes).length).toBeLessThan(N);
      // D: every environment, each still once.
      dispatch({ type: 'key', input: 'D', key: {} });
      await waitFor(() => state.inventory!.environments.every((e) => state.sizes[e.id] !== undefined) && !sizing);
      for (const id of venvIds()) expect(state.sizes[id], id).toBeGreaterThan(12_000);
      expect(walked.length).toBe(new Set(walked).size);
      expect(walked.length).toBe(state.inventory!.environments.length);
    } finally {
      ac.abort();
      await run;
    }
  });
});
