// remove-copy items in the wizard (#11 item 8), on the standard machine: `sudo pip` put demo-cli (and its
// lib) in /usr/local, and pipx already has demo-cli. The guidance says remove those copies, not migrate
// them; the wizard used to plan a pipx migration that was then BLOCKED "already installed with pipx".
// Now such an item is not planned: the plan screen shows its removal command and `y` copies it. The
// command itself is run with real pip and pipx by test/integration/guidance/remove-copy.test.ts.
import React from 'react';
import { render } from 'ink-testing-library';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MigrationWizard } from '../../components/wizard/migration-wizard.js';
import { analyze } from '../../src/analyze.js';
import { ScanContext } from '../../src/context/scan-context.js';
import { scan } from '../../src/discover/index.js';
import type { Environment, Inventory } from '../../src/model.js';
import { DEMO, standardMachine } from '../helpers/sandbox/index.js';
import { waitFor } from '../helpers/wait-for.js';

const haveMachine = Boolean(process.env.PYENVTUI_STANDARD_MACHINE);
// eslint-disable-next-line no-control-regex
const strip = (s: string | undefined): string => (s ?? '').replace(/\x1b\[[0-9;]*m/g, '');
let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe.skipIf(!haveMachine)('wizard: remove-copy items on the standard machine', () => {
  let inv: Inventory;
  let ctx: ScanContext;
  let hostEnv: Record<string, string | undefined>;
  let system: Environment;
  beforeAll(async () => {
    const sb = standardMachine().sandbox;
    hostEnv = sb.env;
    ctx = new ScanContext({ root: sb.root, env: sb.env, platform: 'linux', uid: 1000 });
    inv = await scan(ctx);
    await analyze(inv, ctx);
    system = inv.environments.find((e) => e.kind === 'system' && e.packages.some((d) => d.name === DEMO.cli && d.scope === 'local'))!;
  }, 120_000);

  function mount(names: string[]) {
    const copied: string[][] = [];
    const r = render(<MigrationWizard inventory={inv} selection={names.map((name) => ({ envId: system.id, name }))} onExit={() => undefined} ctx={ctx} hostEnv={hostEnv} rows={60} columns={160} onCopy={(c) => copied.push(c)} />);
    cleanup = r.unmount;
    return { ...r, copied, frame: () => strip(r.lastFrame()) };
  }

  it('is listed as "remove this copy", left out of the plan, and its command is shown and copied', async () => {
    const advice = system.packages.find((d) => d.name === DEMO.cli && d.scope === 'local')!.advice!;
    expect(advice.action).toBe('remove-copy');
    const w = mount([DEMO.cli, 'six']);
    const choose = await waitFor(w.frame, { accept: (t) => t.includes('remove this copy') });
    expect(choose).toMatch(new RegExp(`${DEMO.cli} \\S+ → remove this copy`));
    expect(choose).toContain('already installed with pipx');
    w.stdin.write('t'); // no target to cycle for a removal
    w.stdin.write('\r');
    const plan = await waitFor(w.frame, { accept: (t) => t.includes('Plan — nothing has changed yet') });
    expect(plan).not.toContain('BLOCKED');
    expect(plan).toContain('Not migrated — remove this copy instead');
    expect(plan.replace(/\s+/g, ' ')).toContain(advice.command!.replace(/\s+/g, ' '));
    // six is planned as usual; demo-cli is in no plan step.
    expect(plan).toMatch(/six==1\.16\.0/);
    w.stdin.write('y');
    await waitFor(() => w.copied.length === 1);
    expect(w.copied[0]).toContain(advice.command);
  });

  it('with only removals, Enter on the plan runs nothing', async () => {
    const w = mount([DEMO.cli]);
    await waitFor(w.frame, { accept: (t) => t.includes('remove this copy') });
    w.stdin.write('\r');
    const plan = await waitFor(w.frame, { accept: (t) => t.includes('nothing to migrate') });
    expect(plan).toContain('Not migrated — remove this copy instead');
    w.stdin.write('\r');
    // Keys are handled in order: once `y` has copied, the Enter before it was handled too.
    w.stdin.write('y');
    await waitFor(() => w.copied.length === 1);
    expect(w.frame()).toContain('Plan — nothing has changed yet');
    expect(w.frame()).not.toContain('Migrating');
  });
});
