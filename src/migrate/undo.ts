// Undo: walk a journal backwards and reverse every step that ran (or was cut off mid-way).
// Watched paths a step created (pipx home, bin dir) are removed again when nothing else lives there.
import { perform, removeCreated } from './actions.js';
import type { ExecOptions } from './events.js';
import { writeJournal } from './journal.js';
import type { Journal } from './types.js';

export interface UndoResult {
  ok: boolean;
  /** Steps needing root we do not have: the user must run `sudo pyenvtui undo ID`. */
  needsRoot: boolean;
  errors: string[];
}

/** Reverse the steps of `j` in place (status → undone), journaling each one. */
export async function rollback(j: Journal, opts: ExecOptions): Promise<UndoResult> {
  const errors: string[] = [];
  const todo = [...j.plan.steps].reverse().filter((s) => {
    const rec = j.steps.find((r) => r.id === s.id);
    return rec && !rec.undone && (rec.state === 'done' || rec.state === 'started' || rec.state === 'failed');
  });
  if (todo.some((s) => s.needsRoot) && !opts.isRoot) {
    return { ok: false, needsRoot: true, errors: [`undo needs root: sudo pyenvtui undo ${j.id}`] };
  }
  const prev = j.status;
  j.status = 'undoing';
  await writeJournal(opts.journalDir, j);
  for (const step of todo) {
    const rec = j.steps.find((r) => r.id === step.id)!;
    opts.onEvent?.({ type: 'step-start', step });
    const r = await perform(step.undo.action, {
      env: opts.env,
      backupDir: j.plan.backupDir,
      onOutput: (line) => opts.onEvent?.({ type: 'output', step, line }),
      onCheck: () => undefined,
    }).catch((e: unknown) => ({ ok: false, output: '', error: e instanceof Error ? e.message : String(e) }));
    // A step cut off before it changed anything has nothing to undo; its undo may fail harmlessly.
    if (!r.ok && rec.state === 'done') errors.push(`undo of step ${step.id} (${step.undo.description}): ${r.error ?? 'failed'}`);
    if (r.ok || rec.state !== 'done') {
      await removeCreated(step, rec.created ?? []);
      rec.undone = true;
    }
    await writeJournal(opts.journalDir, j);
    opts.onEvent?.({ type: 'step-end', step, state: rec.state, ...(r.ok ? {} : { error: r.error }) });
  }
  j.status = errors.length ? prev : 'undone';
  j.message = errors.length ? errors.join('; ') : 'undone';
  await writeJournal(opts.journalDir, j);
  opts.onEvent?.({ type: 'status', status: j.status, message: j.message });
  return { ok: errors.length === 0, needsRoot: false, errors };
}

/** Undo a whole migration (done, failed half-way, interrupted or waiting). */
export async function undoMigration(j: Journal, opts: ExecOptions): Promise<UndoResult> {
  if (j.status === 'undone') return { ok: true, needsRoot: false, errors: [] };
  return rollback(j, opts);
}
