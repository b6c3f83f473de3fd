// Backups against real pip installs: a rebuilt wheel installs offline, tampering is caught, a file
// backup restores bytes, modes and mtimes.
import { execFile } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { backupFiles, rebuildWheel, restoreFiles, wheelTag } from '../../../src/migrate/backup.js';
import { isResumable, listJournals, newJournal, newMigrationId, readJournal, writeJournal } from '../../../src/migrate/journal.js';
import type { Plan } from '../../../src/migrate/types.js';
import { MINOR, PY, listing, makeSandbox, pipUserInstall } from './helpers/sandbox.js';

const pexec = promisify(execFile);

describe('backups', () => {
  it('rebuilds a wheel from installed files that real pip installs offline into a venv', { timeout: 120_000 }, async () => {
    const s = makeSandbox();
    await pipUserInstall(s, 'm6-cli');
    const site = path.join(s.home, '.local/lib', MINOR, 'site-packages');
    const out = path.join(s.dir, 'wheels');
    for (const n of ['m6_cli-2.0', 'm6_lib-1.0']) {
      await rebuildWheel({ name: n, metadataHost: path.join(site, `${n}.dist-info`), siteHost: site }, out);
    }
    expect((await fsp.readdir(out)).sort()).toEqual(['m6_cli-2.0-py3-none-any.whl', 'm6_lib-1.0-py3-none-any.whl']);
    const venv = path.join(s.dir, 'v');
    await pexec(PY, ['-m', 'venv', venv]);
    await pexec(path.join(venv, 'bin/python'), ['-m', 'pip', 'install', '-q', '--no-index', '--find-links', out, 'm6-cli==2.0'], { env: s.env });
    const r = await pexec(path.join(venv, 'bin/m6-cli'), ['--version']);
    expect(r.stdout).toBe('m6-cli 2.0\n');
  });

  it('refuses to rebuild when an installed file no longer matches RECORD', { timeout: 60_000 }, async () => {
    const s = makeSandbox();
    await pipUserInstall(s, 'm6-lib');
    const site = path.join(s.home, '.local/lib', MINOR, 'site-packages');
    await fsp.appendFile(path.join(site, 'm6_lib/__init__.py'), '# edited\n');
    await expect(rebuildWheel({ name: 'm6-lib', metadataHost: path.join(site, 'm6_lib-1.0.dist-info'), siteHost: site }, path.join(s.dir, 'w'))).rejects.toThrow(/changed since it was installed/);
  });

  it('restores every owned file (scripts, pyc, metadata) exactly', { timeout: 60_000 }, async () => {
    const s = makeSandbox();
    await pipUserInstall(s, 'm6-cli');
    const site = path.join(s.home, '.local/lib', MINOR, 'site-packages');
    const before = await listing(s.home);
    const spec = { name: 'm6-cli', metadataHost: path.join(site, 'm6_cli-2.0.dist-info'), siteHost: site };
    const n = await backupFiles(spec, path.join(s.dir, 'b'));
    expect(n).toBeGreaterThanOrEqual(8);
    await fsp.rm(path.join(site, 'm6_cli'), { recursive: true });
    await fsp.rm(path.join(s.home, '.local/bin/m6-cli'));
    await restoreFiles(path.join(s.dir, 'b'));
    expect(await listing(s.home)).toEqual(before);
  });

  it('compresses several wheel tags', () => {
    expect(wheelTag('Wheel-Version: 1.0\nTag: py2-none-any\nTag: py3-none-any\n')).toBe('py2.py3-none-any');
    expect(wheelTag(null)).toBe('py3-none-any');
  });
});

describe('journal', () => {
  it('round-trips, lists newest first, and treats a dead running executor as resumable', async () => {
    const s = makeSandbox();
    const dir = path.join(s.state, 'j');
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
  });
});
