// Which environments the dashboard asks to size for a given window (issue 15 item 3), and the order the
// loader takes them in. Pure: reducer states from a hand-made inventory, no terminal.
import { describe, expect, it } from 'vitest';
import { reducer, type Action } from '../../components/state/dashboard-reducer.js';
import { initialState, type DashboardState } from '../../components/state/dashboard-state.js';
import { wantedSizes } from '../../components/state/size-wants.js';
import { nextToSize } from '../../src/app/size-demand.js';
import { syntheticInventory } from '../components/inventory-fixture.js';

const ENVS = 60;

/** 60 venvs (env-0000 … env-0059), scan done, on a terminal `rows` high. */
function loaded(rows: number): DashboardState {
  const inventory = syntheticInventory(ENVS, 1);
  return reducer(initialState({ columns: 100, rows }), { type: 'scan-done', inventory, findings: [] });
}

const keys = (s: DashboardState, input: string): DashboardState => reducer(s, { type: 'key', input, key: {} } satisfies Action);

/** The names of the wanted environments (ids are prefixes; names read better). */
function names(s: DashboardState): string[] {
  const byId = new Map(s.inventory!.environments.map((e) => [e.id, e.name]));
  return wantedSizes(s).ids.map((id) => byId.get(id)!);
}

const range = (from: number, to: number): string[] => Array.from({ length: to - from }, (_, i) => `env-${String(from + i).padStart(4, '0')}`);

describe('sizes wanted for the visible window', () => {
  it('asks for the environments on screen only, the selected one first', () => {
    // 24 rows: 23 for the frame, 4 of chrome, 3 of pane chrome: 16 list rows, two of them the column
    // header and the "Virtual environments" heading: 14 environments are on screen.
    const s = loaded(24);
    expect(s.view).toBe('envs');
    expect(wantedSizes(s).all).toBe(false);
    expect(names(s)).toEqual(range(0, 14));
    // A smaller terminal shows (and sizes) fewer.
    expect(names(loaded(12))).toEqual(range(0, 2));
  });

  it('moving the cursor inside the window changes the order, not the set; scrolling brings the new rows', () => {
    const s = loaded(24);
    const down = keys(s, 'jjj');
    expect(names(down)[0]).toBe('env-0003');
    expect([...names(down)].sort()).toEqual(range(0, 14));
    const end = keys(s, 'G');
    expect(names(end)[0]).toBe('env-0059');
    // The last 16 rows are all environments (headings scrolled away).
    expect([...names(end)].sort()).toEqual(range(44, 60));
    const page = reducer(s, { type: 'command', command: 'pageDown' });
    expect(names(page).some((n) => !range(0, 14).includes(n))).toBe(true);
  });

  it('other views show no sizes and ask for none; the size-all key and a sort by size ask for all', () => {
    const s = loaded(24);
    const findings = keys(s, '2');
    expect(wantedSizes(findings)).toEqual({ all: false, ids: [] });
    const all = keys(s, 'D');
    expect(all.sizeAll).toBe(true);
    expect(wantedSizes(all).all).toBe(true);
    expect(names(all)).toEqual(range(0, 14));
    expect(wantedSizes(keys(all, '2'))).toEqual({ all: true, ids: [] });
    // name → packages → size
    const bySize = keys(s, 'ss');
    expect(wantedSizes(bySize).all).toBe(true);
    expect(wantedSizes(keys(s, 's')).all).toBe(false);
  });

  it('no inventory yet: nothing', () => {
    expect(wantedSizes(initialState({ columns: 100, rows: 24 }))).toEqual({ all: false, ids: [] });
  });
});

describe('the order sizing takes them in', () => {
  const order = ['a', 'b', 'c', 'd'];
  const known = new Set(order);
  it('wanted ones in the want order, skipping those taken and ids the inventory does not hold', () => {
    const want = { all: false, ids: ['x', 'c', 'a'] };
    expect(nextToSize(want, order, known, new Set())).toBe('c');
    expect(nextToSize(want, order, known, new Set(['c']))).toBe('a');
    expect(nextToSize(want, order, known, new Set(['c', 'a']))).toBeUndefined();
  });
  it('all: the wanted ones first, then the rest in inventory order', () => {
    const want = { all: true, ids: ['c'] };
    const seen: string[] = [];
    const taken = new Set<string>();
    for (let id = nextToSize(want, order, known, taken); id; id = nextToSize(want, order, known, taken)) {
      seen.push(id);
      taken.add(id);
    }
    expect(seen).toEqual(['c', 'a', 'b', 'd']);
  });
});
