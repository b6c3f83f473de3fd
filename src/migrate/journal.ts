// The journal: one JSON file per migration under $XDG_STATE_HOME/pyenvtui/migrations/<id>/, rewritten
// atomically (write, fsync, rename, fsync dir) before and after every step, so a crash at any point
// leaves a journal that says exactly which steps completed.
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { Env } from '../context.js';
import { writeDurable } from './backup.js';
import type { Journal, Plan } from './types.js';

/**
 * Host directory holding journals. It follows the environment of the process running pyenvtui (not the
 * scanned root): the operator's record of what it did, also when migrating a mounted image.
 */
export function stateDir(env: Env): string {
  const base = env.XDG_STATE_HOME && path.isAbsolute(env.XDG_STATE_HOME) ? env.XDG_STATE_HOME : path.join(env.HOME ?? '/root', '.local', 'state');
  return path.join(base, 'pyenvtui', 'migrations');
}

/** Sortable, filesystem-safe migration id: UTC timestamp plus a short random tail. */
export function newMigrationId(now: Date, rand: () => number = Math.random): string {
  const ts = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${ts}-${Math.floor(rand() * 0x10000).toString(16).padStart(4, '0')}`;
}

export function journalPath(dir: string, id: string): string {
  return path.join(dir, id, 'journal.json');
}

export function newJournal(plan: Plan): Journal {
  return {
    schema: 'pyenvtui/journal@1',
    id: plan.id,
    status: 'planned',
    plan,
    steps: plan.steps.map((s) => ({ id: s.id, state: 'pending' })),
    updatedAt: new Date().toISOString(),
    pid: process.pid,
  };
}

export async function writeJournal(dir: string, j: Journal): Promise<void> {
  j.updatedAt = new Date().toISOString();
  j.pid = process.pid;
  const file = journalPath(dir, j.id);
  await fsp.mkdir(path.dirname(file), { recursive: true });
  await writeDurable(file, JSON.stringify(j, null, 1));
  // fsync the directory so the rename itself survives a power cut.
  const dh = await fsp.open(path.dirname(file), 'r');
  try {
    await dh.sync();
  } finally {
    await dh.close();
  }
}

export async function readJournal(dir: string, id: string): Promise<Journal> {
  if (!/^[A-Za-z0-9-]+$/.test(id)) throw new Error(`not a migration id: ${JSON.stringify(id)}`);
  const j = JSON.parse(await fsp.readFile(journalPath(dir, id), 'utf8')) as Journal;
  if (j.schema !== 'pyenvtui/journal@1') throw new Error(`${journalPath(dir, id)}: unknown journal schema`);
  return j;
}

/** All journals, newest first; unreadable ones are skipped. */
export async function listJournals(dir: string): Promise<Journal[]> {
  const ids = (await fsp.readdir(dir).catch(() => [] as string[])).filter((n) => /^[A-Za-z0-9-]+$/.test(n)).sort().reverse();
  const out: Journal[] = [];
  for (const id of ids) {
    const j = await readJournal(dir, id).catch(() => null);
    if (j) out.push(j);
  }
  return out;
}

export function pidAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A journal another live process is not working on, left mid-way: resumable. */
export function isResumable(j: Journal): boolean {
  if (j.status === 'interrupted' || j.status === 'waiting') return true;
  return (j.status === 'running' || j.status === 'undoing') && !pidAlive(j.pid);
}
