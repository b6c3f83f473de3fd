// Undo: walk a journal backwards and reverse every step that ran (or was cut off mid-way).
// Watched paths a step created (pipx home, bin dir, the venv) are removed again when nothing else lives
// there. Undo is journaled like a migration: each step's undo is marked `undoing` before it runs and
// `undone` after, so an undo killed half-way is finished by the next `pyenvtui undo` (which is why a
// removal cut off mid-way is completed without its usual "is this really a venv" check).
import { perform, removeCreated, type ActionContext, type ActionResult } from './actions.js';
import type { ExecOptions } from './events.js';
import { waitForOrphans } from './orphans.js';
import { acquireLocks, ownerAlive, planLockKeys, processStart } from './lock.js';
import { readJournal, writeJournal } from './journal.js';
import { armKill } from './test-hooks.js';
import type { Journal, Step, StepRecord } from './types.js';

export interface UndoResult {
  ok: boolean;
  /** Steps needing root we do not have: the user must run `command`. */
  needsRoot: boolean;
  errors: string[];
  /** The exact command that finishes it, when root is needed. */
  command?: string;
}

/** The exact command that finishes an undo as root (the journal lives in the operator's state dir). */
export function rootUndoCommand(j: Journal, opts: ExecOptions): string {
  const state = opts.journalDir.replace(/\/pyenvtui\/migrations$/, '');
  return `sudo env XDG_STATE_HOME=${state} pyenvtui undo ${j.id} --yes`;
}

function axFor(j: Journal, step: Step, rec: StepRecord, opts: ExecOptions): ActionContext {
  return {
    env: opts.env,
    backupDir: j.plan.backupDir,
    onOutput: (line) => opts.onEvent?.({ type: 'output', step, line }),
    onCheck: () => undefined,
    onSpawn: (pid) => {
      rec.child = { pid, start: processStart(pid) ?? '' };
      void writeJournal(opts.journalDir, j);
    },
  };
}

/**
 * Reverse one step: its undo action, then the watched paths it created. Used by rollback and by a resume
 * before it re-runs a step that was cut off. Returns the action's result; `cleaned` = the step's effects
 * are gone (a step cut off before it changed anything may fail its undo harmlessly).
 */
export async function undoStep(j: Journal, step: Step, rec: StepRecord, opts: ExecOptions, ax: ActionContext): Promise<ActionResult & { cleaned: boolean }> {
  const resuming = rec.undoing === true;
  rec.undoing = true;
  await writeJournal(opts.journalDir, j);
  const kill = armKill(opts.killInUndo, step.kind);
  const r = await perform(step.undo.action, { ...ax, resuming, ...(kill ? { checkpoint: () => kill.checkpoint() } : {}) }).catch(
    (e: unknown): ActionResult => ({ ok: false, output: '', error: e instanceof Error ? e.message : String(e) }),
  );
  const cleaned = r.ok || rec.state !== 'done';
  if (cleaned) await removeCreated(step, rec.created ?? []);
  kill?.end();
  return { ...r, cleaned };
}

/** Reverse the steps of `j` in place (status → undone), journaling each one. */
export async function rollback(j: Journal, opts: ExecOptions): Promise<UndoResult> {
  const errors: string[] = [];
  const todo = [...j.plan.steps].reverse().filter((s) => {
    const rec = j.steps.find((r) => r.id === s.id);
    return rec && !rec.undone && (rec.state === 'done' || rec.state === 'started' || rec.state === 'failed');
  });
  if (todo.some((s) => s.needsRoot) && !opts.isRoot) {
    const command = rootUndoCommand(j, opts);
    j.needsRootCommand = command;
    j.message = `undo needs root: run ${command}`;
    await writeJournal(opts.journalDir, j);
    return { ok: false, needsRoot: true, errors: [j.message], command };
  }
  await waitForOrphans(j, opts);
  const prev = j.status === 'undoing' ? 'failed' : j.status;
  j.status = 'undoing';
  await writeJournal(opts.journalDir, j);
  for (const step of todo) {
    const rec = j.steps.find((r) => r.id === step.id)!;
    opts.onEvent?.({ type: 'step-start', step });
    const r = await undoStep(j, step, rec, opts, axFor(j, step, rec, opts));
    if (!r.cleaned) errors.push(`undo of step ${step.id} (${step.undo.description}): ${r.error ?? 'failed'}`);
    else rec.undone = true;
    rec.child = undefined;
    await writeJournal(opts.journalDir, j);
    opts.onEvent?.({ type: 'step-end', step, state: rec.state, ...(r.ok ? {} : { error: r.error }) });
  }
  j.status = errors.length ? prev : 'undone';
  j.message = errors.length ? errors.join('; ') : 'undone';
  j.needsRootCommand = undefined;
  await writeJournal(opts.journalDir, j);
  opts.onEvent?.({ type: 'status', status: j.status, message: j.message });
  return { ok: errors.length === 0, needsRoot: false, errors };
}

/** A journal whose executor is still alive (another process): it must not be undone under it. */
export function liveElsewhere(j: Journal, alive: (pid: number, start?: string) => boolean): boolean {
  return (j.status === 'running' || j.status === 'undoing') && j.pid !== process.pid && alive(j.pid, j.pidStart);
}

/** Undo a whole migration (done, failed half-way, interrupted or waiting), holding its locks. */
export async function undoMigration(j: Journal, opts: ExecOptions): Promise<UndoResult> {
  if (j.status === 'undone') return { ok: true, needsRoot: false, errors: [] };
  const lock = await acquireLocks(opts.journalDir, planLockKeys(j.plan), `undo ${j.id}`);
  try {
    // What the journal says now, under the lock (the caller read it before).
    Object.assign(j, await readJournal(opts.journalDir, j.id).catch(() => j));
    if ((j.status as string) === 'undone') return { ok: true, needsRoot: false, errors: [] };
    if (liveElsewhere(j, (pid, start) => ownerAlive({ pid, start: start ?? '', what: '', since: '' }))) {
      const msg = `${j.id} is still ${j.status} in pyenvtui pid ${j.pid}: not undoing a live migration; wait for it to finish (or stop it), then undo`;
      return { ok: false, needsRoot: false, errors: [msg] };
    }
    return await rollback(j, opts);
  } finally {
    await lock.release();
  }
}
