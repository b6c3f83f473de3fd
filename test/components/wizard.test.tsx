import React from 'react';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { MigrationWizard, type WizardResult, type WizardRunner } from '../../components/wizard/migration-wizard.js';
import type { WizardItem } from '../../components/wizard/use-wizard-state.js';
import { ScanContext } from '../../src/context/scan-context.js';
import type { Distribution, Environment, Inventory } from '../../src/model.js';
import type { Plan, Step } from '../../src/migrate/types.js';
import { waitFor } from '../helpers/wait-for.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());
// eslint-disable-next-line no-control-regex
const strip = (s: string | undefined): string => (s ?? '').replace(/\x1b\[[0-9;]*m/g, '');

function dist(name: string, scripts: string[], extra: Partial<Distribution> = {}): Distribution {
  return { name, displayName: name, version: '1.0', installer: 'pip', requested: true, scripts, scope: 'user', site: '/s', metadataPath: `/s/${name}-1.0.dist-info`, format: 'dist-info', requires: [], hasRecord: true, ...extra };
}

const env: Environment = {
  id: 'system:/usr', kind: 'system', name: 'python3.11', prefix: '/usr', python: { version: '3.11', executable: '/usr/bin/python3.11' },
  externallyManaged: true, systemSitePackages: false, health: { ok: true, problems: [] }, sites: [{ path: '/s', scope: 'user', order: 0 }],
  packages: [dist('tool-a', ['tool-a']), dist('lib-b', [], { advice: { action: 'venv', reason: 'library', distroPackage: { manager: 'apt', name: 'python3-lib-b' } } }), dist('cam-lib', [], { requires: ['picamera2>=0.3', 'RPi.GPIO; python_version < "3"'] })],
};
const inventory: Inventory = { schema: 'pyenvtui/inventory@1', generatedAt: '', root: '/', host: 'h', platform: 'linux', arch: 'x64', home: '/root', environments: [env], path: { dirs: [], python: null, python3: null, pip: null, pip3: null, commands: [] }, problems: [] };

function step(id: number, kind: Step['kind'], destructive = false): Step {
  return { id, kind, purpose: `${kind} purpose`, action: { type: 'noop' }, display: `cmd-${kind} --flag`, needsRoot: false, destructive, undo: { description: 'u', action: { type: 'noop' } } };
}

/** A runner that records what it was asked and never touches the machine. */
function fakeRunner() {
  const calls = { planItems: [] as WizardItem[][], plan: [] as string[][], executed: 0, confirmed: [] as boolean[], undone: 0 };
  const runner: WizardRunner = {
    available: ['pipx', 'venv'],
    async plan(items) {
      calls.plan.push(items.map((i) => `${i.name}:${i.target}`));
      calls.planItems.push(items);
      const p: Plan = { schema: 'pyenvtui/plan@1', id: 'P1', createdAt: '', root: '/', target: { kind: 'pipx' }, offline: false, keepSource: false, packages: [], steps: [step(1, 'install'), step(2, 'verify'), step(3, 'remove-source', true)], blockers: [], warnings: [], backupDir: '/b' };
      return [p];
    },
    async execute(plan, onEvent, confirm) {
      calls.executed++;
      for (const s of plan.steps) {
        onEvent({ type: 'step-start', step: s });
        if (s.kind === 'install') onEvent({ type: 'output', step: s, line: 'installed package tool-a 1.0' });
        if (s.kind === 'verify') onEvent({ type: 'check', step: s, check: { label: 'entry point tool-a loads', argv: [] }, ok: true, detail: 'ok' });
        if (s.destructive) calls.confirmed.push(await confirm(s));
        onEvent({ type: 'step-end', step: s, state: 'done' });
      }
      return { ok: true, message: 'migrated', journalId: 'J1' };
    },
    async undo() {
      calls.undone++;
      return { ok: true, message: 'restored the previous state' };
    },
  };
  return { runner, calls };
}

function mount(runner: WizardRunner, names = ['tool-a', 'lib-b']) {
  const exits: WizardResult[] = [];
  const r = render(<MigrationWizard inventory={inventory} selection={names.map((name) => ({ envId: env.id, name }))} onExit={(x) => exits.push(x)} ctx={new ScanContext({ root: '/' })} runner={runner} />);
  cleanup = r.unmount;
  return { ...r, exits, frame: () => strip(r.lastFrame()) };
}

describe('MigrationWizard', () => {
  it('suggests pipx for a tool and a venv for a library, with apt advice', async () => {
    const { frame } = mount(fakeRunner().runner);
    const f = await waitFor(frame, { accept: (t) => t.includes('lib-b') });
    expect(f).toContain('> tool-a 1.0 → pipx (suggested)');
    expect(f).toContain('lib-b 1.0 → venv (suggested)');
    expect(f).toContain('apt install python3-lib-b');
  });

  it('Esc before running exits without changing anything', async () => {
    const { runner, calls } = fakeRunner();
    const w = mount(runner);
    await waitFor(w.frame, { accept: (t) => t.includes('tool-a') });
    w.stdin.write('\x1b');
    await waitFor(() => w.exits.length === 1);
    expect(w.exits[0]).toEqual({ changed: false, journalIds: [] });
    expect(calls.executed).toBe(0);
  });

  it('plans, runs with progress and checks, asks before removal with No as default, and offers undo', async () => {
    const { runner, calls } = fakeRunner();
    const w = mount(runner);
    await waitFor(w.frame, { accept: (t) => t.includes('tool-a') });
    w.stdin.write('t'); // tool-a: pipx → venv
    await waitFor(w.frame, { accept: (t) => t.includes('tool-a 1.0 → venv') });
    w.stdin.write('t'); // back to pipx
    await waitFor(w.frame, { accept: (t) => t.includes('tool-a 1.0 → pipx') });
    w.stdin.write('\r');
    const plan = await waitFor(w.frame, { accept: (t) => t.includes('Plan — nothing has changed yet') });
    expect(plan).toContain('3. remove-source purpose [asks first]');
    expect(plan).toContain('$ cmd-remove-source --flag');
    expect(calls.plan).toEqual([['tool-a:pipx', 'lib-b:venv']]);
    w.stdin.write('\r');
    const ask = await waitFor(w.frame, { accept: (t) => t.includes('Remove the old copy?') });
    expect(ask).toContain('cmd-remove-source --flag');
    expect(ask).toContain('> No, keep it');
    expect(ask).toContain('ok   entry point tool-a loads');
    expect(ask).toContain('installed package tool-a 1.0');
    w.stdin.write('y');
    await waitFor(w.frame, { accept: (t) => t.includes('> Yes, remove') });
    w.stdin.write('\r');
    const done = await waitFor(w.frame, { accept: (t) => t.includes('Done') });
    expect(done).toContain('journal: J1');
    expect(calls.confirmed).toEqual([true]);
    w.stdin.write('u');
    await waitFor(w.frame, { accept: (t) => t.includes('Undone') });
    expect(calls.undone).toBe(1);
    w.stdin.write('\r');
    await waitFor(() => w.exits.length === 1);
    expect(w.exits[0]).toEqual({ changed: true, journalIds: ['J1'] });
  });

  it('answering with Enter alone keeps the source (default No)', async () => {
    const { runner, calls } = fakeRunner();
    const w = mount(runner);
    await waitFor(w.frame, { accept: (t) => t.includes('tool-a') });
    w.stdin.write('\r');
    await waitFor(w.frame, { accept: (t) => t.includes('Plan —') });
    w.stdin.write('\r');
    await waitFor(w.frame, { accept: (t) => t.includes('Remove the old copy?') });
    w.stdin.write('\r');
    await waitFor(w.frame, { accept: (t) => t.includes('Done') });
    expect(calls.confirmed).toEqual([false]);
  });

  it('pre-selects system site-packages for a library that needs an apt-only module; s toggles it', async () => {
    const { runner, calls } = fakeRunner();
    const w = mount(runner, ['cam-lib', 'lib-b']);
    const f = await waitFor(w.frame, { accept: (t) => t.includes('cam-lib') });
    expect(f).toContain('[x] system site-packages (needs picamera2, apt only)');
    expect(f).toContain('[ ] system site-packages');
    expect(f).not.toContain('RPi.GPIO'); // its marker does not hold on Python 3.11
    expect(f).toContain('> lib-b'); // inventory order; the cursor starts on lib-b
    w.stdin.write('s');
    await waitFor(w.frame, { accept: (t) => !t.includes('[ ] system site-packages') });
    w.stdin.write('\r');
    await waitFor(() => calls.planItems.length === 1);
    expect(calls.planItems[0]!.map((i) => [i.name, i.systemSite, i.systemSiteSet])).toEqual([['lib-b', true, true], ['cam-lib', true, false]]);
  });
});
