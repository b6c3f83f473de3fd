// The lifecycle keys in the one binding table and the reducer: F opens the repair overlay only on a broken
// environment, C and E only once there is an inventory; --readonly refuses the ones that change the machine.
import { describe, expect, it } from 'vitest';
import { reducer } from '../../../components/state/dashboard-reducer.js';
import { initialState, type DashboardState } from '../../../components/state/dashboard-state.js';
import { resolveKey } from '../../../components/state/key-bindings.js';
import type { Environment, Inventory } from '../../../src/model.js';

function env(id: string, broken: boolean): Environment {
  return { id, kind: 'venv', name: id, prefix: `/home/u/${id}`, python: { executable: `/home/u/${id}/bin/python`, version: '3.11.2', base: '/usr/bin/python3.11' }, externallyManaged: false, systemSitePackages: false, health: { ok: !broken, problems: [], ...(broken ? { cannotRun: 'base gone' } : {}) }, sites: [], packages: [] } as unknown as Environment;
}

function loaded(readonly = false): DashboardState {
  const inv = { schema: 'pyenvtui/inventory@1', generatedAt: '2026-01-01T00:00:00Z', root: '/', host: 'h', platform: 'linux', arch: 'x64', home: '/home/u', environments: [env('a-broken', true), env('b-fine', false)], path: { dirs: [], python: null, python3: null, pip: null, pip3: null, commands: [] }, problems: [] } as Inventory;
  let s = initialState({ columns: 80, rows: 24 }, { readonly });
  s = reducer(s, { type: 'scan-done', inventory: inv, findings: [] });
  return reducer(s, { type: 'command', command: 'view1' });
}

const press = (s: DashboardState, input: string): DashboardState => reducer(s, { type: 'key', input, key: {} });

describe('lifecycle keys', () => {
  it('F, C and E are bound in the normal mode', () => {
    expect(resolveKey('F', {}, 'normal')).toMatchObject({ command: 'repairEnv' });
    expect(resolveKey('C', {}, 'normal')).toMatchObject({ command: 'cleanUp' });
    expect(resolveKey('E', {}, 'normal')).toMatchObject({ command: 'exportMachine' });
  });

  it('F on a broken environment opens its repair; on a healthy one it says why not', () => {
    let s = loaded();
    const rowsBroken = press(s, 'F');
    // The first row is whichever sorts first; find each by moving.
    const tryRow = (st: DashboardState): DashboardState => press(st, 'F');
    const opened = [rowsBroken, tryRow(press(s, 'j'))].find((x) => x.overlay === 'lifecycle')!;
    expect(opened.lifecycle).toEqual({ kind: 'repair', envId: 'a-broken' });
    const refused = [rowsBroken, tryRow(press(s, 'j'))].find((x) => x.overlay !== 'lifecycle')!;
    expect(refused.message).toContain('is not broken');
    s = press(s, 'C');
    expect(s.lifecycle).toEqual({ kind: 'clean' });
  });

  it('--readonly refuses repair and clean-up but exports', () => {
    const s = loaded(true);
    expect(press(s, 'F').overlay).toBeNull();
    expect(press(s, 'C').message).toContain('read-only');
    expect(press(s, 'E').lifecycle).toEqual({ kind: 'export' });
  });
});
