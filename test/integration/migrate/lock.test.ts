// Locks between real processes: a live holder refuses, a SIGKILLed holder's lock is stale and taken,
// a pid reused by another process does not hold a lock, and the same process may take a key twice.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { transformSync } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';
import { LockedError, acquireLocks, lockDir, processStart } from '../../../src/migrate/lock.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await fsp.rm(d, { recursive: true, force: true });
});

function stateDir(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'pyenvtui-lock-'));
  dirs.push(d);
  return path.join(d, 'pyenvtui', 'migrations');
}

/** A child node process that takes `keys` through the real module and holds them until killed. */
async function holder(journalDir: string, keys: string[]): Promise<{ pid: number; kill: () => Promise<void> }> {
  // lock.ts imports only node modules: strip its types and load it in a plain node child.
  const mod = path.join(path.dirname(journalDir), 'lock.mjs');
  await fsp.mkdir(path.dirname(mod), { recursive: true });
  const src = await fsp.readFile(path.resolve('src/migrate/lock.ts'), 'utf8');
  await fsp.writeFile(mod, transformSync(src, { loader: 'ts', format: 'esm' }).code);
  const ready = path.join(path.dirname(journalDir), `ready-${Math.random()}`);
  const code = `const m = await import(${JSON.stringify(mod)}); await m.acquireLocks(${JSON.stringify(journalDir)}, ${JSON.stringify(keys)}, 'migrate test'); (await import('node:fs')).writeFileSync(${JSON.stringify(ready)}, ''); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: 'ignore' });
  while (!existsSync(ready)) {
    if (child.exitCode !== null) throw new Error('holder exited');
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    pid: child.pid!,
    kill: () =>
      new Promise((resolve) => {
        child.on('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}

describe('migration locks', () => {
  it('refuse a key a live process holds, naming it, and take it once that process is SIGKILLed', { timeout: 60_000 }, async () => {
    const jd = stateDir();
    const h = await holder(jd, ['package / demo-cli']);
    const err = await acquireLocks(jd, ['package / other', 'package / demo-cli'], 'undo X').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LockedError);
    expect((err as LockedError).holder.pid).toBe(h.pid);
    expect((err as Error).message).toMatch(new RegExp(`package demo-cli is locked by pyenvtui pid ${h.pid} \\(migrate test`));
    // All or none: the other key was not kept.
    const other = await acquireLocks(jd, ['package / other'], 'probe');
    await other.release();
    await h.kill();
    const taken = await acquireLocks(jd, ['package / demo-cli'], 'undo X');
    await taken.release();
    expect(await fsp.readdir(lockDir(jd))).toEqual([]);
  });

  it('treat a lock whose pid now belongs to another process (different start time) as stale', async () => {
    const jd = stateDir();
    await fsp.mkdir(lockDir(jd), { recursive: true });
    const first = await acquireLocks(jd, ['package / x'], 'a');
    const [file] = await fsp.readdir(lockDir(jd));
    // Rewrite it as if held by our parent with a start time that is not its own.
    const fake = { pid: process.ppid, start: '1', what: 'old', since: '2020-01-01' };
    expect(processStart(process.ppid)).not.toBe('1');
    await fsp.writeFile(path.join(lockDir(jd), file!), JSON.stringify(fake));
    await first.release(); // not ours any more: left alone
    expect(await fsp.readdir(lockDir(jd))).toHaveLength(1);
    const again = await acquireLocks(jd, ['package / x'], 'b');
    await again.release();
    expect(await fsp.readdir(lockDir(jd))).toEqual([]);
  });

  it('are re-entrant within one process and released by the last holder', async () => {
    const jd = stateDir();
    const a = await acquireLocks(jd, ['package / x'], 'cli');
    const b = await acquireLocks(jd, ['package / x', 'venv / /v'], 'executor');
    await b.release();
    expect(await fsp.readdir(lockDir(jd))).toHaveLength(1);
    await a.release();
    expect(await fsp.readdir(lockDir(jd))).toEqual([]);
  });
});
