// The wizard with its real runner on a real sandbox: an operator PATH without pipx blocks the pipx
// target on the plan screen with the install command, and Enter starts nothing.
import React from 'react';
import { render } from 'ink-testing-library';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MigrationWizard, defaultRunner, type WizardResult, type WizardRunner } from '../../components/wizard/migration-wizard.js';
import { ScanContext } from '../../src/context/scan-context.js';
import { fixCommand } from '../../src/guidance/index.js';
import type { Inventory } from '../../src/model.js';
import { loadSource } from '../../src/migrate/source.js';
import { detectPlatform } from '../../src/platform/index.js';
import { DEMO, createSandbox, listing, operatorState, pythonOnlyPath, type Sandbox } from '../helpers/sandbox/index.js';
import { waitFor } from '../helpers/wait-for.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());
// eslint-disable-next-line no-control-regex
const strip = (s: string | undefined): string => (s ?? '').replace(/\x1b\[[0-9;]*m/g, '');

describe('MigrationWizard prerequisites (real runner, sandbox)', () => {
  let sb: Sandbox;
  let env: Record<string, string>;
  beforeAll(async () => {
    sb = await createSandbox();
    await sb.distroRoot();
    await sb.pipUser([`${DEMO.tool}==${DEMO.toolVersion}`]);
    env = { ...sb.env, PATH: await pythonOnlyPath(sb), XDG_STATE_HOME: operatorState(sb) };
  }, 300_000);
  afterAll(() => sb.cleanup());

  it('shows pipx-missing with the install command on the plan screen and does not start', async () => {
    const ctx = new ScanContext({ root: sb.root, env, cacheDir: null });
    const src = await loadSource(ctx, { kind: 'system', scope: 'user' }, [DEMO.tool]);
    expect(src.env, src.error).not.toBeNull();
    const inventory: Inventory = { schema: 'pyenvtui/inventory@1', generatedAt: '', root: sb.root, host: '', platform: 'linux', arch: 'x64', home: ctx.home, environments: [src.env!], path: { dirs: [], python: null, python3: null, pip: null, pip3: null, commands: [] }, problems: [] };
    const install = fixCommand(await detectPlatform(new ScanContext({ root: '/', cacheDir: null })), { installPipx: true });
    const before = await listing(sb.root);
    const exits: WizardResult[] = [];
    // The real runner (prepare → execute), counting how often execution is asked for.
    const real = defaultRunner(ctx, src.env!, env);
    let executed = 0;
    const runner: WizardRunner = { ...real, execute: (...a) => (executed++, real.execute(...a)) };
    const r = render(<MigrationWizard inventory={inventory} selection={[{ envId: src.env!.id, name: DEMO.tool }]} onExit={(x) => exits.push(x)} ctx={ctx} hostEnv={env} runner={runner} />);
    cleanup = r.unmount;
    const frame = () => strip(r.lastFrame());
    await waitFor(frame, { accept: (t) => t.includes(`${DEMO.tool} ${DEMO.toolVersion} → pipx (suggested)`), what: 'the choose screen' });
    r.stdin.write('\r');
    const f = await waitFor(frame, { accept: (t) => t.includes('Plan — nothing has changed yet') && t.includes('BLOCKED'), what: 'the blocked plan', timeout: 60_000 });
    // Long lines wrap at the terminal width: compare with line breaks folded into spaces.
    const flat = f.replace(/\s*\n\s*/g, ' ');
    expect(flat).toContain(`BLOCKED: pipx is not installed, yet 1 command-line tool should move to it (${DEMO.tool}) fix: ${install} pipx ensurepath`);
    expect(f).toMatch(new RegExp(`^  fix: ${install}$`, 'm'));
    expect(flat).toContain('warning: /home/tester/.local/bin (where pipx links commands) is not on PATH: tools moved to pipx would not run fix: pipx ensurepath');
    expect(f).toContain('blocked: nothing will run · Esc back');
    expect(f).not.toContain('Steps');
    // Enter on a blocked plan is refused (the key handler runs synchronously on write): nothing runs.
    r.stdin.write('\r');
    expect(executed).toBe(0);
    expect(frame()).toContain('blocked: nothing will run');
    expect(frame()).not.toContain('Migrating');
    r.stdin.write('\u001b');
    await waitFor(() => exits, { accept: (e) => e.length === 1, what: 'the wizard to close' });
    expect(exits[0]).toEqual({ changed: false, journalIds: [] });
    expect(await listing(sb.root)).toEqual(before);
  });
});
