// The journal: one JSON file per migration under $XDG_STATE_HOME/pyenvtui/migrations/<id>/, rewritten
// atomically (write, fsync, rename, fsync dir) before and after every step, so a crash at any point
// leaves a journal that says exactly which steps completed.
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { Env } from '../context/scan-context.js';
import { ownerAlive, processStart } from './lock.js';
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

// Writes of one journal are queued: a write from a spawn callback must not interleave with the next one.
const queues = new Map<string, Promise<void>>();
let seq = 0;

export async function writeJournal(dir: string, j: Journal): Promise<void> {
  j.updatedAt = new Date().toISOString();
  j.pid = process.pid;
  j.pidStart = processStart(process.pid) ?? '';
  const file = journalPath(dir, j.id);
  const text = JSON.stringify(j, null, 1);
  const next = (queues.get(file) ?? Promise.resolve()).catch(() => undefined).then(() => writeNow(file, text));
  queues.set(file, next);
  await next;
}

async function writeNow(file: string, text: string): Promise<void> {
  await fsp.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}-${seq++}`;
  const fh = await fsp.open(tmp, 'w');
  try {
    await fh.writeFile(text);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await fsp.rename(tmp, file);
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

/** pid alive and (when its start time was journaled) still the same process, not a reused pid. */
export function pidAlive(pid: number, start?: string): boolean {
  if (pid === process.pid) return true;
  return ownerAlive({ pid, start: start ?? '', what: '', since: '' });
}

/**
 * A journal another live process is not working on, left mid-way: resumable. An undo cut off half-way
 * ('undoing') is not: it is finished by `pyenvtui undo`, never run forward again.
 */
export function isResumable(j: Journal): boolean {
  if (j.status === 'interrupted' || j.status === 'waiting') return true;
  return j.status === 'running' && !pidAlive(j.pid, j.pidStart);
}
