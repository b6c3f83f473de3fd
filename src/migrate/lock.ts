// Locks: one file per package and per target under $XDG_STATE_HOME/pyenvtui/locks, created with O_EXCL.
// They serialise migrations, resumes and undos of the same package, so an undo can never run under a live
// migration and two migrations of one package cannot both proceed. A lock names its holder by pid *and*
// process start time: a dead pid, or a pid reused by another process, makes the lock stale and it is taken.
import { createHash } from 'node:crypto';
import { readFileSync, promises as fsp } from 'node:fs';
import path from 'node:path';
import type { Plan } from './types.js';

export interface LockOwner {
  pid: number;
  /** /proc/PID/stat start time (clock ticks since boot); '' where /proc is unavailable. */
  start: string;
  /** What holds it: `migrate ID`, `undo ID`, `plan NAME`. */
  what: string;
  since: string;
}

/** The start time of a process, which tells a live holder from a later process that got the same pid. */
export function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    // Field 2 (comm) may contain spaces and parentheses: count from the last ')'.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return rest[19] ?? null;
  } catch {
    return null;
  }
}

export function ownerAlive(o: LockOwner): boolean {
  if (!Number.isInteger(o.pid) || o.pid <= 0) return false;
  try {
    process.kill(o.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const now = processStart(o.pid);
  // Without /proc the pid check alone decides.
  return now === null || !o.start || now === o.start;
}

export function lockDir(journalDir: string): string {
  return path.join(path.dirname(journalDir), 'locks');
}

/** Lock keys of a plan: each package it moves or removes on that machine, and the target. */
export function planLockKeys(plan: Plan): string[] {
  const keys = new Set<string>();
  for (const p of plan.packages) keys.add(`package ${plan.root} ${p.name}`);
  for (const s of plan.steps) {
    const a = s.action;
    if (a.type === 'remove-files') keys.add(`package ${plan.root} ${a.dist.name}`);
    if (a.type === 'run' && a.expectGone) keys.add(`package ${plan.root} ${a.expectGone.name}`);
  }
  if (plan.target.kind === 'venv') keys.add(`venv ${plan.root} ${plan.target.dir ?? plan.packages[0]?.name ?? ''}`);
  return [...keys].sort();
}

/** Keys for the packages named on a command line, taken before planning so the plan cannot go stale. */
export function nameLockKeys(root: string, names: string[]): string[] {
  return [...new Set(names.map((n) => `package ${root} ${n}`))].sort();
}

function fileFor(dir: string, key: string): string {
  const safe = key.replace(/[^A-Za-z0-9._-]+/g, '_').slice(-60);
  return path.join(dir, `${createHash('sha256').update(key).digest('hex').slice(0, 16)}-${safe}.lock`);
}

export class LockedError extends Error {
  constructor(
    readonly key: string,
    readonly holder: LockOwner,
  ) {
    super(`${key.replace(/^(\S+) \S+ /, '$1 ')} is locked by pyenvtui pid ${holder.pid} (${holder.what}, since ${holder.since}); wait for it to finish, then try again`);
  }
}

// Keys this process holds, counted: the CLI locks names before planning, the executor again for the plan.
const held = new Map<string, number>();

export interface LockHandle {
  release(): Promise<void>;
}

async function readOwner(file: string): Promise<LockOwner | null> {
  try {
    const o = JSON.parse(await fsp.readFile(file, 'utf8')) as LockOwner;
    return typeof o.pid === 'number' ? o : null;
  } catch {
    return null;
  }
}

async function takeOne(file: string, key: string, owner: LockOwner): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const fh = await fsp.open(file, 'wx', 0o644);
      try {
        await fh.writeFile(JSON.stringify(owner));
        await fh.sync();
      } finally {
        await fh.close();
      }
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const cur = await readOwner(file);
    if (cur && cur.pid === process.pid && cur.start === owner.start) return;
    if (cur && ownerAlive(cur)) throw new LockedError(key, cur);
    // An unreadable lock can be one being written right now: give its writer a moment first.
    if (!cur && attempt === 0) {
      await new Promise((r) => setTimeout(r, 50));
      continue;
    }
    // Stale: move it aside atomically; of two processes judging it stale only one rename succeeds.
    // If what we moved is not the stale lock we judged (another process replaced it meanwhile), put it back.
    const aside = `${file}.stale-${process.pid}`;
    if (await fsp.rename(file, aside).then(() => true, () => false)) {
      const moved = await readOwner(aside);
      if (JSON.stringify(moved) !== JSON.stringify(cur)) await fsp.link(aside, file).catch(() => undefined);
      await fsp.rm(aside, { force: true });
    }
  }
  throw new Error(`could not take the lock ${file}`);
}

/** Take every key (all or none); throws LockedError naming the live holder. */
export async function acquireLocks(journalDir: string, keys: string[], what: string): Promise<LockHandle> {
  const dir = lockDir(journalDir);
  await fsp.mkdir(dir, { recursive: true });
  const owner: LockOwner = { pid: process.pid, start: processStart(process.pid) ?? '', what, since: new Date().toISOString() };
  const taken: string[] = [];
  const release = async (): Promise<void> => {
    for (const k of taken.splice(0)) {
      const n = (held.get(k) ?? 1) - 1;
      if (n > 0) {
        held.set(k, n);
        continue;
      }
      held.delete(k);
      const file = fileFor(dir, k);
      const cur = await readOwner(file);
      if (cur?.pid === process.pid) await fsp.rm(file, { force: true });
    }
  };
  try {
    for (const k of [...new Set(keys)].sort()) {
      if (!held.has(k)) await takeOne(fileFor(dir, k), k, owner);
      held.set(k, (held.get(k) ?? 0) + 1);
      taken.push(k);
    }
  } catch (e) {
    await release();
    throw e;
  }
  return { release };
}
