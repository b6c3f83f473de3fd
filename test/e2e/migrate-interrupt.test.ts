// Crash safety: the executor SIGKILLs itself after each step (PYENVTUI_TEST_KILL_AFTER_STEP, test only).
// Every time the tool still works from its old or its new place, and --resume or undo finishes cleanly.
import { describe, expect, it } from 'vitest';
import { DEMO, cli, createSandbox, listing, tryRun, type Sandbox } from '../helpers/sandbox/index.js';

const HELLO = `hello from pyenvtui-demo-cli (pyenvtui-demo-lib ${DEMO.libVersion})\n`;

async function usableSomewhere(sb: Sandbox): Promise<string[]> {
  const where: string[] = [];
  const site = sb.path('/usr/local/lib/python3.11/dist-packages');
  const old = await tryRun(sb, '/usr/bin/python3', ['-s', '-c', 'import pyenvtui_demo_cli as m; m.main()'], { PYTHONPATH: site });
  if (old === HELLO) where.push('old');
  const fresh = await tryRun(sb, sb.path(`~/.local/pipx/venvs/${DEMO.cli}/bin/demo-cli`), []);
  if (fresh === HELLO) where.push('new');
  return where;
}

describe('an interrupted migration', () => {
  it('is usable after a kill at every step, and resume or undo completes', { timeout: 600_000 }, async () => {
    const sb = await createSandbox();
    await sb.sudoPip([`${DEMO.cli}==${DEMO.cliVersion}`]);
    const before = await listing(sb.root);
    const args = ['migrate', DEMO.cli, '--to', 'pipx', '--offline', '--yes', '--root', sb.root];
    const plan = await cli(sb, [...args, '--dry-run']);
    const steps = [...plan.stdout.matchAll(/^ {2}(\d+)\. /gm)].length;
    expect(steps).toBe(6); // backup, install, verify, remove source, remove demo-lib, link apps

    for (let n = 1; n < steps; n++) {
      const killed = await cli(sb, args, { env: { PYENVTUI_TEST_KILL_AFTER_STEP: String(n) } });
      expect(killed.signal, killed.stdout + killed.stderr).toBe('SIGKILL');
      expect(await usableSomewhere(sb), `after step ${n}`).not.toEqual([]);

      if (n % 2 === 0) {
        const resumed = await cli(sb, ['migrate', '--resume', '--yes']);
        expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
        expect(await usableSomewhere(sb)).toEqual(['new']);
      }
      const undone = await cli(sb, ['undo', '--yes']);
      expect(undone.code, undone.stdout + undone.stderr).toBe(0);
      expect(await listing(sb.root), `undo after a kill at step ${n}`).toEqual(before);
      expect(await usableSomewhere(sb)).toEqual(['old']);
    }
    await sb.cleanup();
  });
});
