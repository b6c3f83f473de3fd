// Backups against real pip installs: a rebuilt wheel installs offline, tampering is caught, a file
// backup restores bytes, modes and mtimes.
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupFiles, rebuildWheel, restoreFiles, wheelTag } from '../../../src/migrate/backup.js';
import { isResumable, listJournals, newJournal, newMigrationId, readJournal, writeJournal } from '../../../src/migrate/journal.js';
import type { Plan } from '../../../src/migrate/types.js';
import { DEMO, createSandbox, listing, operatorState, tryRun } from '../../helpers/sandbox/index.js';

const CLI_DI = `pyenvtui_demo_cli-${DEMO.cliVersion}`;
const LIB_DI = `pyenvtui_demo_lib-${DEMO.libVersion}`;

describe('backups', () => {
  it('rebuilds a wheel from installed files that real pip installs offline into a venv', { timeout: 120_000 }, async () => {
    const sb = await createSandbox();
    await sb.pipUser([`${DEMO.cli}==${DEMO.cliVersion}`]);
    const site = sb.path('~/.local/lib/python3.11/site-packages');
    const out = path.join(sb.base, 'wheels');
    for (const n of [CLI_DI, LIB_DI]) {
      await rebuildWheel({ name: n, metadataHost: path.join(site, `${n}.dist-info`), siteHost: site }, out);
    }
    expect((await fsp.readdir(out)).sort()).toEqual([`${CLI_DI}-py3-none-any.whl`, `${LIB_DI}-py3-none-any.whl`]);
    const venv = await sb.venv('/opt/v');
    // Only the rebuilt wheels: the sandbox's own wheel dir must not be able to help.
    const env = { PIP_FIND_LINKS: out };
    expect(await tryRun(sb, venv.python, ['-m', 'pip', 'install', '-q', '--no-index', `${DEMO.cli}==${DEMO.cliVersion}`], env)).not.toBeNull();
    expect(await tryRun(sb, path.join(venv.prefix, 'bin/demo-cli'), ['--version'])).toBe(`pyenvtui-demo-cli ${DEMO.cliVersion} (pyenvtui-demo-lib ${DEMO.libVersion})\n`);
    await sb.cleanup();
  });

  it('refuses to rebuild when an installed file no longer matches RECORD', { timeout: 60_000 }, async () => {
    const sb = await createSandbox();
    await sb.pipUser([`${DEMO.lib}==${DEMO.libVersion}`]);
    const site = sb.path('~/.local/lib/python3.11/site-packages');
    await fsp.appendFile(path.join(site, 'pyenvtui_demo_lib/__init__.py'), '# edited\n');
    await expect(rebuildWheel({ name: DEMO.lib, metadataHost: path.join(site, `${LIB_DI}.dist-info`), siteHost: site }, path.join(sb.base, 'w'))).rejects.toThrow(/changed since it was installed/);
    await sb.cleanup();
  });

  it('restores every owned file (scripts, pyc, metadata) exactly', { timeout: 60_000 }, async () => {
    const sb = await createSandbox();
    await sb.pipUser([`${DEMO.cli}==${DEMO.cliVersion}`]);
    const site = sb.path('~/.local/lib/python3.11/site-packages');
    const before = await listing(sb.home);
    const spec = { name: DEMO.cli, metadataHost: path.join(site, `${CLI_DI}.dist-info`), siteHost: site };
    const n = await backupFiles(spec, path.join(sb.base, 'b'));
    expect(n).toBeGreaterThanOrEqual(8);
    await fsp.rm(path.join(site, 'pyenvtui_demo_cli'), { recursive: true });
    await fsp.rm(sb.path('~/.local/bin/demo-cli'));
    await restoreFiles(path.join(sb.base, 'b'));
    expect(await listing(sb.home)).toEqual(before);
    await sb.cleanup();
  });

  it('compresses several wheel tags', () => {
    expect(wheelTag('Wheel-Version: 1.0\nTag: py2-none-any\nTag: py3-none-any\n')).toBe('py2.py3-none-any');
    expect(wheelTag(null)).toBe('py3-none-any');
  });
});

describe('journal', () => {
  it('round-trips, lists newest first, and treats a dead running executor as resumable', async () => {
    const sb = await createSandbox();
    const dir = path.join(operatorState(sb), 'j');
    const plan = { id: newMigrationId(new Date('2024-01-02T03:04:05Z'), () => 0.5), steps: [] } as unknown as Plan;
    expect(plan.id).toBe('20240102T030405Z-8000');
    const j = newJournal(plan);
    j.status = 'running';
    await writeJournal(dir, j);
    const back = await readJournal(dir, plan.id);
    expect(back.status).toBe('running');
    expect(isResumable(back)).toBe(false); // this process is alive
    expect(isResumable({ ...back, pid: 2 ** 22 + 12345 })).toBe(true);
    expect((await listJournals(dir)).map((x) => x.id)).toEqual([plan.id]);
    await expect(readJournal(dir, '../etc')).rejects.toThrow(/not a migration id/);
    await sb.cleanup();
  });
});
