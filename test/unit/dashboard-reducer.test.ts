import { describe, expect, it } from 'vitest';
import { reducer, type Action } from '../../components/state/dashboard-reducer.js';
import { initialState, type DashboardState } from '../../components/state/dashboard-state.js';
import type { CommandId } from '../../components/state/key-bindings.js';
import { tagKey } from '../../components/state/rows.js';
import { normalize } from '../../components/state/positions.js';
import { detailRows, mainRows, selectedRow } from '../../components/state/selectors.js';
import { dist, messyInventory, syntheticInventory } from '../components/inventory-fixture.js';

/** Scanned, then on the environments view (the screen itself opens on the findings: see below). */
function loaded(opts: Parameters<typeof initialState>[1] = {}, size = { columns: 80, rows: 24 }): DashboardState {
  const { inventory, findings } = messyInventory();
  const s = reducer(initialState(size, opts), { type: 'scan-done', inventory, findings });
  return normalize({ ...s, view: 'envs' });
}
const run = (s: DashboardState, ...cmds: CommandId[]): DashboardState => cmds.reduce((acc, c) => reducer(acc, { type: 'command', command: c }), s);
const type = (s: DashboardState, text: string): DashboardState => [...text].reduce((acc, ch) => reducer(acc, { type: 'filter-text', text: ch }), s);

describe('dashboard reducer', () => {
  it('starts on the first environment, grouped by kind with headings that the cursor skips', () => {
    const s = loaded();
    const rows = mainRows(s);
    expect(rows[0]).toMatchObject({ key: 'columns', selectable: false });
    expect(rows[1]).toMatchObject({ key: 'group:system', selectable: false });
    expect(selectedRow(s)?.key).toBe('system:/usr');
    const down = run(s, 'down');
    // Next group heading ("venvs") is skipped.
    expect(selectedRow(down)?.envId).toMatch(/^venv:|^virtualenvwrapper:/);
    expect(run(down, 'up').lists.envs.cursor).toBe(s.lists.envs.cursor);
  });

  it('clamps at the ends and jumps with g/G', () => {
    const s = loaded();
    expect(run(s, 'up').lists.envs.cursor).toBe(s.lists.envs.cursor);
    const bottom = run(s, 'bottom');
    expect(selectedRow(bottom)?.key).toBe(mainRows(s).filter((r) => r.selectable).at(-1)!.key);
    expect(run(bottom, 'down').lists.envs.cursor).toBe(bottom.lists.envs.cursor);
    expect(selectedRow(run(bottom, 'top'))?.key).toBe('system:/usr');
  });

  it('switches panes with Tab and resets the detail cursor when the selection changes', () => {
    let s = run(loaded(), 'nextPane');
    expect(s.focus).toBe('detail');
    s = run(s, 'down', 'down');
    expect(s.detail.cursor).toBeGreaterThan(0);
    s = run(s, 'prevPane', 'down');
    const first = detailRows(s).findIndex((r) => r.selectable);
    expect(s.detail.cursor).toBe(first);
  });

  it('filters the environment list by package name, keeps the selection, and clears on Esc', () => {
    let s = run(loaded(), 'filter');
    expect(s.editingFilter).toBe(true);
    s = type(s, 'requests');
    const names = mainRows(s).filter((r) => r.selectable).map((r) => r.envId);
    expect(names).toEqual(['system:/usr', 'venv:/home/tester/projects/app/.venv']);
    s = run(s, 'filterAccept');
    expect(s.editingFilter).toBe(false);
    expect(s.message).toContain('2 shown');
    s = run(s, 'back');
    expect(s.filters.envs).toBe('');
    expect(mainRows(s).filter((r) => r.selectable)).toHaveLength(8);
  });

  it('n/N jump between matches in the detail pane and wrap around', () => {
    let s = run(loaded(), 'filter');
    s = run(type(s, 'requests'), 'filterAccept', 'nextPane');
    const at = (st: DashboardState) => detailRows(st)[st.detail.cursor]!;
    s = run(s, 'nextMatch');
    expect(at(s).search).toContain('requests');
    const firstKey = at(s).key;
    s = run(s, 'nextMatch');
    expect(at(s).search).toContain('requests');
    expect(at(s).key).not.toBe(firstKey);
    expect(at(run(s, 'prevMatch')).key).toBe(firstKey);
    expect(run(loaded(), 'nextMatch').message).toMatch(/no filter/);
  });

  it('findings view lists worst first and Enter jumps to the environment detail', () => {
    let s = run(loaded(), 'view2');
    const sev = mainRows(s).map((r) => r.cells[0]!.text);
    expect(sev).toEqual(['CRIT', 'HIGH', 'MED', 'LOW', 'INFO']);
    s = run(s, 'down', 'down', 'down', 'open');
    expect(s.view).toBe('envs');
    expect(s.focus).toBe('detail');
    expect(selectedRow(s)?.key).toBe('venv:/home/tester/old/.venv');
    // Esc returns to the findings list, on the same finding.
    const back = run(s, 'back');
    expect(back.view).toBe('findings');
    expect(back.lists.findings.cursor).toBe(3);
    // A machine-wide finding has no environment to open: Enter shows its whole text.
    const whole = run(loaded(), 'view2', 'bottom', 'open');
    expect(whole.overlay).toBe('text');
    expect(whole.text?.full.paragraphs.join('\n')).toContain(mainRows(whole).at(-1)!.full!.title);
  });

  it('a finding that names its environment by prefix still finds it', () => {
    const s = run(loaded(), 'view2', 'open');
    expect(selectedRow(s)?.key).toBe('system:/usr');
  });

  it('packages view: one row per name, versions side by side, Enter on a copy opens that env on that package', () => {
    let s = run(loaded(), 'view3');
    const req = mainRows(s).find((r) => r.key === 'pkg:requests')!;
    expect(req.cells[1]!.text).toBe('3×');
    expect(req.cells[2]!.text.split(' · ').sort()).toEqual(['2.25.1', '2.28.1', '2.31.0']);
    s = run(s, 'filter');
    s = run(type(s, 'requests'), 'filterAccept', 'open');
    expect(s.focus).toBe('detail');
    const facts = detailRows(s).filter((r) => r.key.startsWith('copy-facts'));
    expect(facts.map((r) => r.cells[1]!.text)).toEqual(['wins', 'shadowed', '']);
    expect(facts[0]!.cells[0]!.text).toContain('user site · pip · python3 on PATH');
    s = run(s, 'open');
    expect(s.view).toBe('envs');
    expect(detailRows(s)[s.detail.cursor]!.pkg).toEqual({ envId: 'system:/usr', name: 'requests' });
  });

  it('sorts cycle and reverse, keeping the selected row', () => {
    let s = run(loaded(), 'down');
    const sel = selectedRow(s)!.key;
    s = run(s, 'sort');
    expect(s.message).toMatch(/by packages/);
    expect(selectedRow(s)!.key).toBe(sel);
    s = run(s, 'sortReverse');
    expect(s.sorts.envs).toEqual({ index: 1, reverse: true });
    expect(run(s, 'sort', 'sort', 'sort').sorts.envs.index).toBe(0);
  });

  it('tags packages with Space (moving down) and all of an env with a; refuses in --readonly', () => {
    let s = run(loaded(), 'down', 'nextPane');
    const pkg = detailRows(s)[s.detail.cursor]!.pkg!;
    s = run(s, 'tag');
    expect(s.tagged).toEqual([tagKey(pkg.envId, pkg.name)]);
    expect(s.message).toBe('1 tagged for migration');
    s = run(s, 'tagAll');
    expect(s.tagged).toHaveLength(2);
    expect(run(s, 'tagAll').tagged).toHaveLength(0);
    const ro = run(loaded({ readonly: true }), 'nextPane', 'tag');
    expect(ro.tagged).toEqual([]);
    expect(ro.message).toMatch(/read-only/);
    expect(run(loaded({ readonly: true }), 'migrate').overlay).toBeNull();
  });

  it("never tags the system package manager's packages: a skips them, Space and m refuse them (issue 11 item 8)", () => {
    const { inventory, findings } = messyInventory();
    const sysEnv = inventory.environments.find((e) => e.id === 'system:/usr')!;
    sysEnv.packages.push(dist('cryptography', '38.0.4', '/usr/lib/python3/dist-packages', 'distro', { dpkgPackage: 'python3-cryptography' }));
    const s = reducer(initialState({ columns: 80, rows: 24 }), { type: 'scan-done', inventory, findings });
    const sys = s.inventory!.environments.find((e) => e.id === 'system:/usr')!;
    // Tags are per name: an apt package that a pip copy shadows (requests) is tagged for that copy.
    const movable = new Set(sys.packages.filter((p) => p.installer !== 'debian').map((p) => p.name));
    const apt = sys.packages.filter((p) => p.installer === 'debian' && !movable.has(p.name));
    expect(apt.length).toBeGreaterThan(0);
    const all = run(s, 'tagAll');
    expect(all.tagged.length).toBe(movable.size);
    for (const p of apt) expect(all.tagged).not.toContain(tagKey(sys.id, p.name));
    // Space on an apt package: a message, no tag.
    // The environments view on the system interpreter (the dashboard opens on what needs attention).
    let d = run(s, 'view1');
    expect(selectedRow(d)?.key).toBe('system:/usr');
    d = run(d, 'nextPane');
    // Put the detail cursor on that package's row (the detail now opens on findings first, and a walk with
    // `down` depends on which rows are selectable).
    const at = detailRows(d).findIndex((r) => r.selectable && r.pkg?.name === apt[0]!.name);
    expect(at).toBeGreaterThan(0);
    d = { ...d, detail: { ...d.detail, cursor: at } };
    expect(detailRows(d)[d.detail.cursor]?.pkg?.name).toBe(apt[0]!.name);
    const t = run(d, 'tag');
    expect(t.tagged).toEqual([]);
    expect(t.message).toMatch(/belongs to the system package manager/);
    expect(run(d, 'migrate').overlay).toBeNull();
  });

  it('m asks for a tag or a selected package first, then opens the wizard for the tagged batch', () => {
    const s = run(loaded(), 'migrate');
    expect(s.message).toMatch(/tag packages/);
    expect(s.overlay).toBeNull();
    expect(run(loaded(), 'nextPane', 'tag', 'migrate').overlay).toBe('wizard');
  });

  it('help overlay opens, scrolls on its own, and closes', () => {
    let s = run(loaded(), 'help');
    expect(s.overlay).toBe('help');
    const before = s.lists.envs;
    s = run(s, 'down', 'down');
    expect(s.help.cursor).toBeGreaterThan(0);
    expect(s.lists.envs).toEqual(before);
    expect(run(s, 'closeOverlay').overlay).toBeNull();
  });

  it('Esc walks back: filter, then detail focus, then to the environments view', () => {
    let s = run(loaded(), 'view3', 'open');
    expect(s.focus).toBe('detail');
    s = run(s, 'back');
    expect(s.focus).toBe('list');
    s = run(s, 'back');
    expect(s.view).toBe('envs');
  });

  it('progress keeps the cursor on the same environment as more arrive', () => {
    const { inventory } = messyInventory();
    let s = initialState({ columns: 80, rows: 24 });
    const part = (n: number): Action => ({ type: 'scan-progress', inventory: { ...inventory, environments: inventory.environments.slice(-n) }, done: 1, total: 3, active: ['conda'] });
    s = reducer(s, part(2));
    s = run(s, 'down');
    const sel = selectedRow(s)!.key;
    s = reducer(s, part(8));
    expect(selectedRow(s)!.key).toBe(sel);
    expect(s.scan).toMatchObject({ running: true, done: 1, total: 3 });
  });

  it('pages through 1,000 environments keeping the window around the cursor', () => {
    const inv = syntheticInventory(1000, 3);
    let s = reducer(initialState({ columns: 80, rows: 24 }), { type: 'scan-done', inventory: inv, findings: [] });
    s = run(s, 'pageDown', 'pageDown');
    const { cursor, offset } = s.lists.envs;
    expect(cursor).toBeGreaterThan(20);
    expect(cursor).toBeGreaterThanOrEqual(offset);
    expect(cursor).toBeLessThan(offset + 16);
    s = run(s, 'bottom');
    // Row 0 is the column header, row 1 the group heading.
    expect(s.lists.envs.cursor).toBe(1001);
    expect(s.lists.envs.offset).toBe(1002 - 16);
    s = run(s, 'halfUp');
    expect(s.lists.envs.cursor).toBe(1001 - 8);
  });

  it('resize re-lays out and keeps the cursor visible', () => {
    const inv = syntheticInventory(200, 1);
    let s = reducer(initialState({ columns: 80, rows: 24 }), { type: 'scan-done', inventory: inv, findings: [] });
    s = run(s, 'down', 'down', 'down', 'down', 'down', 'down', 'down', 'down', 'down', 'down', 'down', 'down', 'down', 'down', 'down');
    s = reducer(s, { type: 'resize', columns: 60, rows: 12 });
    const h = 12 - 1 - 4 - 3;
    expect(s.lists.envs.cursor - s.lists.envs.offset).toBeLessThan(h);
  });
});

describe('progressive fill and the first keypress', () => {
  it('keeps the cursor on the first row while data arrives, until the user presses a key', () => {
    const { inventory, findings } = messyInventory();
    let s = initialState({ columns: 80, rows: 24 });
    // venvs arrive before the system Python.
    s = reducer(s, { type: 'scan-progress', inventory: { ...inventory, environments: inventory.environments.slice(1) }, done: 1, total: 2, active: ['system'] });
    s = reducer(s, { type: 'scan-done', inventory, findings });
    // The first screen is what needs attention; the environments list waits on its first row.
    expect(s.view).toBe('findings');
    expect(selectedRow(normalize({ ...s, view: 'envs' }))?.key).toBe('system:/usr');
    expect(selectedRow(s)?.cells[0]?.text).toBe('CRIT');
    s = reducer(s, { type: 'key', input: 'j', key: {} });
    const sel = selectedRow(s)!.key;
    s = reducer(s, { type: 'scan-done', inventory, findings });
    expect(selectedRow(s)!.key).toBe(sel);
  });

  it('resolves keys in the mode the state is in: "?" then "q" closes help, a second "q" asks to quit', () => {
    let s = loaded();
    for (const ch of ['?', 'q']) s = reducer(s, { type: 'key', input: ch, key: {} });
    expect(s.overlay).toBeNull();
    expect(s.effects.quit).toBe(0);
    s = reducer(s, { type: 'key', input: 'q', key: {} });
    expect(s.effects.quit).toBe(1);
  });

  it('replays a burst of keys arriving in one chunk, and takes a pasted filter as text', () => {
    let s = reducer(loaded(), { type: 'key', input: 'jj', key: {} });
    expect(s.lists.envs.cursor).toBe(run(loaded(), 'down', 'down').lists.envs.cursor);
    s = reducer(s, { type: 'key', input: '/', key: {} });
    s = reducer(s, { type: 'key', input: 'requests', key: {} });
    expect(s.filters.envs).toBe('requests');
  });
});

it('a chunk with the filter and Enter ("/req\\r") filters and accepts', () => {
  const s = reducer(loaded(), { type: 'key', input: '/req\r', key: {} });
  expect(s.filters.envs).toBe('req');
  expect(s.editingFilter).toBe(false);
});

describe('mouse and unknown escape sequences', () => {
  it('the wheel scrolls the pane under the pointer; a click selects the row under it', () => {
    const s = loaded();
    const wheel = reducer(s, { type: 'key', input: '[<65;60;10M', key: {} });
    expect(wheel.focus).toBe('detail');
    expect(wheel.detail.cursor).toBeGreaterThan(s.detail.cursor);
    // Row 5 of the screen is the list's first content row (the column header), row 7 the system interpreter.
    const rows = mainRows(s);
    const click = reducer(wheel, { type: 'key', input: '[<0;5;7M', key: {} });
    expect(click.focus).toBe('list');
    expect(selectedRow(click)?.key).toBe(rows[2]!.key);
  });

  it('an escape sequence Ink does not know is dropped, not replayed as typed keys', () => {
    const s = loaded();
    const f5 = reducer(s, { type: 'key', input: '[15~', key: {} });
    expect(f5.view).toBe('envs');
    expect(f5.lists).toEqual(s.lists);
  });
});
