import { normalize } from '../../components/state/positions.js';
import { describe, expect, it } from 'vitest';
import { adviceLabel, adviceRow, adviceText } from '../../components/state/advice-rows.js';
import { reducer } from '../../components/state/dashboard-reducer.js';
import { initialState, type DashboardState } from '../../components/state/dashboard-state.js';
import { computeLayout } from '../../components/state/layout.js';
import { envDetailRows } from '../../components/state/env-detail.js';
import type { CommandId } from '../../components/state/key-bindings.js';
import { groupPackages, packageDetailRows } from '../../components/state/package-rows.js';
import { detailRows } from '../../components/state/selectors.js';
import { renderRow } from '../../components/ui/render-row.js';
import { displayWidth } from '../../components/ui/text.js';
import type { Advice, Inventory } from '../../src/model.js';
import { messyInventory } from '../components/inventory-fixture.js';

const PIPX: Advice = { action: 'pipx', reason: 'command-line tool (http, https): pipx gives it its own venv and keeps the command on PATH', command: 'pipx install httpie==3.2.1' };
const APT: Advice = {
  action: 'distro',
  reason: 'apt has python3-six 1.16.0-4 (pip copy is 1.16.0)',
  distroPackage: { manager: 'apt', name: 'python3-six', version: '1.16.0-4' },
  command: 'sudo apt install python3-six',
};
const KEEP: Advice = { action: 'keep', reason: 'installed by dpkg (python3-requests): leave it to apt' };

/** The messy machine with advice as guidance fills it on the system interpreter's global packages. */
function advised(): { inventory: Inventory; findings: ReturnType<typeof messyInventory>['findings'] } {
  const m = messyInventory();
  const system = m.inventory.environments[0]!;
  for (const d of system.packages) {
    if (d.name === 'httpie') d.advice = PIPX;
    else if (d.name === 'six') d.advice = APT;
    else if (d.scope === 'distro') d.advice = KEEP;
  }
  return m;
}

const run = (s: DashboardState, ...cmds: CommandId[]): DashboardState => cmds.reduce((acc, c) => reducer(acc, { type: 'command', command: c }), s);

describe('advice rows', () => {
  it('names the package manager for distro advice and the action otherwise', () => {
    expect(adviceLabel(APT)).toBe('apt');
    expect(adviceLabel(PIPX)).toBe('pipx');
    expect(adviceText(APT)).toBe('advice: apt — apt has python3-six 1.16.0-4 (pip copy is 1.16.0)');
    expect(adviceRow('k', undefined)).toBeNull();
    expect(adviceRow('k', PIPX)).toMatchObject({ selectable: false, key: 'advice:k' });
  });

  it('puts the advice line directly under each advised package of the environment detail, keep excepted', () => {
    const { inventory } = advised();
    const env = inventory.environments[0]!;
    const rows = envDetailRows({ env, findings: [], size: undefined, sizing: false, width: 40 });
    const at = (name: string) => rows.findIndex((r) => r.pkg?.name === name);
    // The advice is wrapped under its package, whole: its lines read back as the full text.
    const advice = (i: number): string => {
      const out: string[] = [];
      for (let j = i + 1; rows[j]?.key.startsWith('advice:'); j++) out.push(rows[j]!.cells.map((c) => c.text).join(' ').trim());
      return out.join(' ');
    };
    expect(advice(at('httpie'))).toBe('advice: pipx — command-line tool (http, https): pipx gives it its own venv and keeps the command on PATH');
    expect(advice(at('six'))).toBe('advice: apt — apt has python3-six 1.16.0-4 (pip copy is 1.16.0)');
    for (const r of rows.filter((x) => x.key.startsWith('advice:'))) expect(displayWidth(r.cells[0]!.text)).toBeLessThanOrEqual(40);
    expect(rows.some((r) => r.cells.some((c) => c.text.includes('leave it to apt')))).toBe(false);
  });

  it('shows every copy\'s advice, keep included, in the packages view detail', () => {
    const { inventory } = advised();
    const g = groupPackages(inventory).get('requests')!;
    const lines = packageDetailRows(inventory, g).map((r) => r.cells.map((c) => c.text).join(' '));
    expect(lines).toContain('  advice: keep — installed by dpkg (python3-requests): leave it to apt');
    // The user-site copy and the venv copy have no advice (env scope, or not filled): no line.
    expect(lines.filter((l) => l.includes('advice:'))).toHaveLength(1);
  });

  it('fits an 80x24 and a 60x20 detail pane whole, wrapped, without an ellipsis', () => {
    for (const size of [{ columns: 80, rows: 24 }, { columns: 60, rows: 20 }]) {
      const { inventory, findings } = advised();
      const s = normalize({ ...reducer(initialState(size), { type: 'scan-done', inventory, findings }), view: 'envs' });
      const rows = detailRows(s).filter((r) => r.key.startsWith('advice:'));
      const layout = computeLayout(size, 'envs');
      const lines = rows.map((row) => renderRow(row, layout.detailTextWidth, { selected: false, focused: false, tagged: false, color: false }));
      // Marker and tag columns come on top of the text width; the pane's border is around that.
      for (const line of lines) {
        expect(displayWidth(line)).toBeLessThanOrEqual(layout.detailWidth - 2);
        expect(line).not.toContain('…');
      }
      expect(lines.join(' ').replace(/\s+/g, ' ')).toContain('pipx gives it its own venv and keeps the command on PATH');
    }
  });

  it('the detail cursor steps over advice lines: down from httpie lands on the next package', () => {
    const { inventory, findings } = advised();
    let s = run(reducer(initialState({ columns: 80, rows: 24 }), { type: 'scan-done', inventory, findings }), 'view1', 'nextPane');
    const rows = detailRows(s);
    while (rows[s.detail.cursor]?.pkg?.name !== 'httpie') s = run(s, 'down');
    const next = run(s, 'down');
    expect(rows[next.detail.cursor]!.selectable).toBe(true);
    expect(rows[next.detail.cursor]!.key.startsWith('dist:')).toBe(true);
    expect(rows.slice(s.detail.cursor + 1, next.detail.cursor).every((r) => r.key.startsWith('advice:'))).toBe(true);
    expect(run(next, 'up').detail.cursor).toBe(s.detail.cursor);
  });
});
