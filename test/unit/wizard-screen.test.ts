// The wizard at any size from 60x20 up: every plan step and its whole command is reachable by
// scrolling, destructive steps out of view are named on the status line, the key line is always there.
import { describe, expect, it } from 'vitest';
import { statusText, regionHeight } from '../../components/wizard/wizard-frame.js';
import { planLines, wizardScreen } from '../../components/wizard/wizard-lines.js';
import { clampOffset, reveal, scrollBy } from '../../components/wizard/scroll.js';
import { initialWizardState, wizardReducer } from '../../components/wizard/use-wizard-state.js';
import { wizardHelpScreen } from '../../components/wizard/wizard-help.js';
import { hintText } from '../../components/dashboard/status-lines.js';
import { resolveKey } from '../../components/state/key-bindings.js';
import type { Distribution } from '../../src/model.js';
import type { Plan, Step } from '../../src/migrate/types.js';
import { commandLines, displayWidth } from '../../components/ui/text.js';

function step(id: number, destructive: boolean, display: string): Step {
  return { id, kind: destructive ? 'remove-source' : 'install', purpose: destructive ? `remove the old copy of pkg${id} from /usr/local/lib/python3.11/dist-packages` : `install pkg${id} with pipx`, action: { type: 'noop' }, display, needsRoot: false, destructive, undo: { description: 'u', action: { type: 'noop' } } };
}

function plan(n: number): Plan {
  const steps: Step[] = [];
  for (let i = 1; i <= n; i++) steps.push(step(i, i > n - 2, `/usr/bin/python3 -m pipx install --python /usr/bin/python3.11 /home/tester/.local/state/pyenvtui/migrations/20261129T222516Z-e590/wheels/pyenvtui_demo_pkg${i}-1.0-py3-none-any.whl`));
  return { schema: 'pyenvtui/plan@1', id: 'P', createdAt: '', root: '/', target: { kind: 'pipx' }, offline: true, keepSource: false, packages: [], steps, blockers: [], warnings: [], backupDir: '/b' };
}

function dist(i: number): Distribution {
  return { name: `pkg${i}`, displayName: `pkg${i}`, version: '1.0', installer: 'pip', requested: true, scripts: [`tool${i}`], scope: 'user', site: '/s', metadataPath: `/s/pkg${i}.dist-info`, format: 'dist-info', requires: [], hasRecord: true };
}

describe('wizard screens at any size', () => {
  for (const [columns, rows] of [[80, 24], [60, 20]] as const) {
    for (const n of [2, 30]) {
      it(`${columns}x${rows}, ${n * 3}-step plan: scrolling reaches every step and its whole command`, () => {
        const p = plan(n * 3);
        const lines = planLines([p], columns);
        for (const l of lines) expect(displayWidth(l.text), l.text).toBeLessThanOrEqual(columns);
        const h = regionHeight(rows, 0);
        const seen = new Set<string>();
        let off = 0;
        for (let guard = 0; guard < 1000; guard++) {
          lines.slice(off, off + h).forEach((l) => seen.add(l.text));
          const next = clampOffset(scrollBy(off, 'pageDown', h, lines.length), lines.length, h);
          if (next === off) break;
          off = next;
        }
        expect(seen.size).toBe(new Set(lines.map((l) => l.text)).size);
        // G reaches the end; the last destructive step is there.
        const end = clampOffset(scrollBy(0, 'bottom', h, lines.length), lines.length, h);
        expect(lines.slice(end, end + h).some((l) => l.destructiveStep === n * 3)).toBe(true);
        // At the top, the destructive steps below are named with the way to reach them.
        const below = lines.filter((l, i) => l.destructiveStep !== undefined && i >= h).map((l) => l.destructiveStep);
        expect(below.length).toBeGreaterThan(0);
        expect(statusText(lines, 0, h, false)).toContain(`${below.join(', ')} ask${below.length > 1 ? '' : 's'} before removing: scroll down`);
        // Each command, its lines joined as a shell would, is the command.
        const cmd = p.steps[0]!.display;
        const shown = commandLines(cmd, columns);
        for (const l of shown) expect(displayWidth(l), l).toBeLessThanOrEqual(columns);
        // As a shell reads it: backslash-newline removed, then words split on blanks.
        expect(shown.join('\n').replace(/^\$ /, '').replace(/\\\n/g, '').split(/\s+/).join(' ')).toBe(cmd);
      });
    }
    it(`${columns}x${rows}: 64 tagged packages keep the cursor on screen`, () => {
      let s = initialWizardState(Array.from({ length: 64 }, (_, i) => dist(i)), ['pipx', 'venv']);
      const h = regionHeight(rows, 0);
      let off = 0;
      for (let i = 0; i < 63; i++) {
        s = wizardReducer(s, { type: 'move', delta: 1 });
        const scr = wizardScreen(s, columns, { ascii: false });
        off = reveal(off, scr.anchor, h, scr.lines.length);
        const shown = scr.lines.slice(off, off + h).map((l) => l.text);
        expect(shown.some((t) => t.startsWith(`> pkg${i + 1} `))).toBe(true);
      }
    });
  }

  it('the key line is generated from the key table for each wizard phase, and ? lists the keys', () => {
    expect(hintText('wiz-plan', false, 60)).toMatch(/Enter run/);
    expect(hintText('wiz-plan', false, 60)).toMatch(/Esc cancel/);
    expect(hintText('wiz-choose', false, 60)).toMatch(/Enter plan/);
    expect(resolveKey('G', {}, 'wiz-plan')).toMatchObject({ command: 'bottom' });
    expect(resolveKey('', { pageDown: true }, 'wiz-confirm')).toMatchObject({ command: 'pageDown' });
    expect(resolveKey('c', { ctrl: true }, 'wiz-running')).toMatchObject({ command: 'interrupt' });
    expect(resolveKey('?', {}, 'wiz-plan')).toMatchObject({ command: 'help' });
    const help = wizardHelpScreen('wiz-plan', 80, false).lines.map((l) => l.text).join('\n');
    expect(help).toMatch(/Enter\s+run the plan/);
    expect(help).toMatch(/PgDn\s+page down/);
  });
});
