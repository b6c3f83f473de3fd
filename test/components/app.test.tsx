import { afterEach, describe, expect, it } from 'vitest';
import type { InventoryLoader } from '../../components/app/use-inventory.js';
import type { Finding, Inventory } from '../../src/model.js';
import { waitFor } from '../helpers/wait-for.js';
import { messyInventory, syntheticInventory } from './inventory-fixture.js';
import { expectFits, fixedLoader, mountApp, type MountOptions } from './render-helpers.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function mount(opts: MountOptions = {}) {
  const r = mountApp(opts);
  cleanup = r.unmount;
  return r;
}

describe('<App> at 80x24', () => {
  it('shows header, every kind, the grouped list, the detail with packages and findings, and hints', async () => {
    const r = mount();
    // The first screen: the views named as tabs, the findings (what needs attention), how to tag and migrate.
    const first = await r.has('found 8 environments, 5 findings');
    expect(first).toMatch(/1 Environments\s+\[2 Findings 5\]\s+3 Packages\s+4 PATH/);
    expect(first).toContain('▸ Findings');
    expect(first).toContain('Space tag');
    expect(first).toContain('m migrate');
    expect(first).toContain('r rescan');
    const f = await r.envs();
    expect(f).toContain('pyenvtui 9.9.9 · python3: /usr/bin/python3 (3.11.2) · testhost');
    expect(f).toMatch(/C1 H1 M1 L1 i1$/m);
    expect(f).toMatch(/Sys 1 ?C User 2 ?M venv 3 ?L/);
    expect(f).toContain('+ user site: 2');
    expect(f).toMatch(/name\s+py\s+pkgs !/);
    expect(f).toContain('System (1)');
    expect(f).toContain('venvs (3)');
    expect(f).toMatch(/> python3\.11\s+3\.11\s+4 C/);
    expect(f).toContain('externally-managed: yes');
    expect(f).toContain('size: 123 MB');
    expect(f).toMatch(/name\s+version\s+by\s+scope\s+scripts/);
    expect(f).toMatch(/httpie\s+3\.2\.1\s+pip\s+user\s+http/);
    expect(f).toContain('? help');
    expectFits(f, 80, 24);
  });

  it('the detail pane shows findings with evidence and fix when scrolled', async () => {
    const r = mount();
    await r.envs();
    r.stdin.write('\t');
    await r.has('▸ python3.11');
    // The findings come first in the detail; Enter opens one whole: evidence and the fix command.
    const d = await r.has('CRIT six was installed with sudo pip');
    expect(d).toMatch(/> CRIT six/);
    r.stdin.write('\r');
    const f = await r.has('$ sudo pip uninstall six');
    expect(f).toContain('/usr/local/lib/python3.11/dist-packages/six-1.16.0.dist-info/INSTALLER:1 —');
    expect(f).toContain('y copies them');
    r.stdin.write('\x1b');
    await r.has('▸ python3.11');
    expectFits(f, 80, 24);
  });

  it('fills in progressively: the screen is there before the scan ends', async () => {
    let finish: (d: { inventory: Inventory; findings: Finding[] }) => void = () => {};
    const { inventory, findings } = messyInventory();
    const loader: InventoryLoader = async (events) => {
      events.progress({ inventory: { ...inventory, environments: [] }, done: 0, total: 3, active: ['system', 'venv', 'conda'] });
      const d = await new Promise<{ inventory: Inventory; findings: Finding[] }>((res) => (finish = res));
      events.done(d.inventory, d.findings);
    };
    const r = mount({ loader });
    const early = await r.has('scanning 0/3…');
    expect(early).toContain('looking for Pythons…');
    finish({ inventory, findings });
    await r.envs();
  });

  it('moves with j/k and shows the selection with a marker', async () => {
    const r = mount();
    await r.envs();
    r.stdin.write('j');
    const f = await r.until((x) => /> app\s/.test(x), 'app selected');
    expect(f).toMatch(/^│\s+python3\.11/m);
    expect(f).toContain('/home/tester/projects/app/.venv');
  });

  it('filters with /, shows the filter, and Esc clears it', async () => {
    const r = mount();
    await r.envs();
    r.stdin.write('/');
    await r.has('/ ');
    r.stdin.write('requests');
    await r.has('/requests');
    r.stdin.write('\r');
    const f = await r.has('2 shown for "requests"');
    expect(f).toMatch(/▸ Environments \/req/);
    expect(f).not.toContain('pipx (1)');
    r.stdin.write('\x1b');
    await r.has('filter cleared');
  });

  it('opens the help overlay generated from the key table; q closes it first', async () => {
    const r = mount();
    await r.envs();
    r.stdin.write('?');
    const f = await r.has('▸ Keys');
    expect(f).not.toContain('generated from the key table');
    // It says that it scrolls, and where it is.
    expect(f).toMatch(/1-\d+\/\d+ ↓ j\/k · Esc close/);
    expect(f).toContain('j ↓');
    expect(f).toContain('move down');
    r.stdin.write('q');
    await r.until((x) => !x.includes('▸ Keys') && x.includes('Environments'), 'overlay closed');
  });

  it('views 2-4: findings worst first, packages side by side, PATH winners', async () => {
    const r = mount();
    await r.envs();
    r.stdin.write('2');
    const findings = await r.has('▸ Findings');
    const order = ['CRIT', 'HIGH', 'MED ', 'LOW ', 'INFO'].map((b) => findings.indexOf(b));
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    r.stdin.write('3');
    const pk = await r.has('▸ Packages');
    expect(pk).toMatch(/requests\s+3×\s+2\.31\.0 · 2\.28\.1 · 2\.25\.1/);
    r.stdin.write('4');
    const path = await r.has('▸ PATH');
    expect(path).toMatch(/python3\s+\/usr\/bin\/python3/);
    expect(path).toMatch(/pip\s+\/usr\/local\/bin\/pip\s+\+1/);
  });

  it('--readonly hides migrate and refuses m', async () => {
    const ro = mount({ options: { readonly: true }, columns: 120 });
    const f = await ro.envs();
    expect(f).not.toContain('migrate');
    ro.unmount();
    const r = mount({ columns: 120 });
    await r.has('m migrate');
    r.unmount();
    const ro2 = mount({ options: { readonly: true } });
    await ro2.envs();
    ro2.stdin.write('m');
    await ro2.has('read-only');
  });

  it('r rescans through the loader and Ctrl-L asks for a redraw', async () => {
    const loader = fixedLoader();
    let redraws = 0;
    const r = mount({ loader, onRedraw: () => redraws++ });
    await r.envs();
    r.stdin.write('r');
    await waitFor(() => loader.runs, { accept: (n) => n === 2, what: 'second scan' });
    r.stdin.write('\x0c');
    await waitFor(() => redraws, { accept: (n) => n === 1, what: 'redraw' });
  });
});

describe('<App> at 60x20 (panes stack)', () => {
  it('shows one pane at a time and Tab switches', async () => {
    const r = mount({ columns: 60, rows: 20 });
    const list = await r.envs();
    expect(list).toContain('▸ Environments');
    expect(list).not.toContain('externally-managed');
    expectFits(list, 60, 20);
    r.stdin.write('\t');
    const detail = await r.has('externally-managed: yes');
    expect(detail).toContain('Tab: list');
    expectFits(detail, 60, 20);
    expect(detail).toMatch(/\[1 Environments\]\s+2 Findings 5\s+3 Packages\s+4 PATH/);
  });
});

describe('colour', () => {
  it('with colour: severities coloured; without: no colour codes but inverse selection and > marker', async () => {
    const c = mount({ options: { color: true } });
    await c.envs();
    expect(c.lastFrame()).toContain('\x1b[31m');
    c.unmount();
    const n = mount({ options: { color: false, ascii: true } });
    const f = await n.envs();
    const raw = n.lastFrame() ?? '';
    expect(raw).not.toMatch(/\x1b\[(3[0-7]|9[0-7])m/);
    expect(raw).toContain('\x1b[7m');
    expect(f).toMatch(/> python3\.11/);
    expect(f).toContain('+---');
    expect(f).not.toContain('│');
  });
});

describe('big machines', () => {
  it('1,000 environments and 10,000 packages render only the visible window', async () => {
    const inventory = syntheticInventory(1000, 10);
    const r = mount({ loader: fixedLoader({ inventory, findings: [] }) });
    await r.has('found 1000 environments');
    r.stdin.write('3');
    const f = await r.has('▸ Packages');
    expect(f).toContain('1/10000');
    expectFits(f, 80, 24);
    r.stdin.write('G');
    const end = await r.until((x) => /(\d+)\/\1/.test(x), 'cursor on the last package');
    expectFits(end, 80, 24);
  });
});
