// Crash safety: the executor SIGKILLs itself after each step (PYENVTUI_TEST_KILL_AFTER_STEP, test only).
// Every time the tool still works from its old or its new place, and --resume or undo finishes cleanly.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MINOR, PY, cli, listing, makeSandbox, pipRootInstall, tryRun, type Sandbox } from '../unit/migrate/helpers/sandbox.js';

async function usableSomewhere(s: Sandbox): Promise<string[]> {
  const where: string[] = [];
  const site = path.join(s.root, 'usr/local/lib', MINOR, 'dist-packages');
  const old = await tryRun(PY, ['-s', '-c', 'import m6_cli; m6_cli.main()'], { ...s.env, PYTHONPATH: site });
  if (old === 'hello from m6-lib\n') where.push('old');
  const fresh = await tryRun(path.join(s.home, '.local/pipx/venvs/m6-cli/bin/m6-cli'), [], s.env);
  if (fresh === 'hello from m6-lib\n') where.push('new');
  return where;
}

describe('an interrupted migration', () => {
  it('is usable after a kill at every step, and resume or undo completes', { timeout: 300_000 }, async () => {
    const s = makeSandbox();
    await pipRootInstall(s, 'm6-cli');
    const before = await listing(s.root);
    const args = ['migrate', 'm6-cli', '--to', 'pipx', '--offline', '--yes', '--root', s.root];
    const plan = await cli(s, [...args, '--dry-run']);
    const steps = [...plan.stdout.matchAll(/^ {2}(\d+)\. /gm)].length;
    expect(steps).toBe(6); // backup, install, verify, remove source, remove m6-lib, link apps

    for (let n = 1; n < steps; n++) {
      const killed = await cli(s, args, { PYENVTUI_TEST_KILL_AFTER_STEP: String(n) });
      expect(killed.signal, killed.stdout + killed.stderr).toBe('SIGKILL');
      expect(await usableSomewhere(s), `after step ${n}`).not.toEqual([]);

      if (n % 2 === 0) {
        const resumed = await cli(s, ['migrate', '--resume', '--yes']);
        expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
        expect(await usableSomewhere(s)).toEqual(['new']);
      }
      const undone = await cli(s, ['undo', '--yes']);
      expect(undone.code, undone.stdout + undone.stderr).toBe(0);
      expect(await listing(s.root), `undo after a kill at step ${n}`).toEqual(before);
      expect(await usableSomewhere(s)).toEqual(['old']);
    }
  });
});
