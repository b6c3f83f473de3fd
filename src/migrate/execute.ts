// The executor: runs a plan step by step, journaling before and after each one. Install and verify come
// first; destructive steps ask first (showing the exact command) and are handed to the user as a `sudo`
// command when they need root we do not have. Any failure rolls the completed steps back, and the
// journal says what the rollback achieved (never "rolled back" when it was not). The whole run holds the
// locks of its packages and target (lock.ts). Before a step starts, the journal records the watched paths
// that do not exist yet (what the step may create); a re-run after a kill adds to that record, never
// replaces it, so undo removes what the first attempt made too.
import type { Journal, Plan, Step, StepRecord } from './types.js';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { remainingFiles } from './backup.js';
import { absentWatched, existing, perform, type ActionContext } from './actions.js';
import type { ExecEvent, ExecOptions } from './events.js';
import { newJournal, writeJournal } from './journal.js';
import { acquireLocks, planLockKeys, processStart } from './lock.js';
import { waitForOrphans } from './orphans.js';
import { armKill, pausePoint } from './test-hooks.js';
import { rollback, undoStep } from './undo.js';

export type { ExecEvent, ExecOptions } from './events.js';

/** Start a new migration from a plan without blockers. */
export async function executePlan(plan: Plan, opts: ExecOptions): Promise<Journal> {
  if (plan.blockers.length) throw new Error(`plan has blockers: ${plan.blockers.join('; ')}`);
  const lock = await acquireLocks(opts.journalDir, planLockKeys(plan), `migrate ${plan.id}`);
  try {
    await checkFresh(plan);
    return await runJournal(newJournal(plan), opts);
  } finally {
    await lock.release();
  }
}

/** Continue an interrupted or waiting migration. */
export async function resumeMigration(j: Journal, opts: ExecOptions): Promise<Journal> {
  const lock = await acquireLocks(opts.journalDir, planLockKeys(j.plan), `migrate --resume ${j.id}`);
  try {
    await waitForOrphans(j, opts);
    return await runJournal(j, opts);
  } finally {
    await lock.release();
  }
}

/**
 * The plan still describes the machine: every source it backs up is still there. A plan made while
 * another migration of the same package ran (before that one took its lock) goes stale this way.
 */
async function checkFresh(plan: Plan): Promise<void> {
  const b = plan.steps.find((s) => s.action.type === 'backup')?.action;
  if (b?.type !== 'backup') return;
  for (const d of [...b.wheels, ...b.files]) {
    if (!(await fsp.lstat(d.metadataHost).then(() => true, () => false))) {
      throw new Error(`${d.name} changed since this plan was made (${d.metadataHost} is gone; another migration?): nothing was changed, plan again`);
    }
  }
}

function emit(opts: ExecOptions, e: ExecEvent): void {
  opts.onEvent?.(e);
}

function actionContext(j: Journal, step: Step, rec: StepRecord, opts: ExecOptions): ActionContext {
  return {
    env: opts.env,
    backupDir: j.plan.backupDir,
    onOutput: (line) => emit(opts, { type: 'output', step, line }),
    onCheck: (check, ok, detail) => emit(opts, { type: 'check', step, check, ok, detail }),
    onSpawn: (pid) => {
      rec.child = { pid, start: processStart(pid) ?? '' };
      void writeJournal(opts.journalDir, j);
    },
  };
}

async function runJournal(j: Journal, opts: ExecOptions): Promise<Journal> {
  j.status = 'running';
  j.message = undefined;
  await writeJournal(opts.journalDir, j);
  emit(opts, { type: 'status', status: 'running' });
  let keepSource = false;
  for (const step of j.plan.steps) {
    const rec = j.steps.find((r) => r.id === step.id)!;
    if (rec.state === 'done' || rec.state === 'skipped') continue;
    if (opts.signal?.aborted) return interrupt(j, step, opts);
    if (keepSource && (step.destructive || step.kind === 'link-apps')) {
      rec.state = 'skipped';
      await writeJournal(opts.journalDir, j);
      continue;
    }
    if (rec.state === 'started' || rec.state === 'failed') {
      // Killed mid-step: undo whatever part of it happened (its partial results too), then run it again.
      const r = await undoStep(j, step, rec, opts, actionContext(j, step, rec, opts));
      if (!r.ok) emit(opts, { type: 'output', step, line: `cleanup before retry: ${r.error ?? ''}` });
      rec.undoing = undefined;
    }
    if (step.destructive && rec.state !== 'manual') {
      if (step.needsRoot && !opts.isRoot) {
        rec.state = 'manual';
        j.status = 'waiting';
        j.message = `run as root: ${step.display}  — then: pyenvtui migrate --resume`;
        await writeJournal(opts.journalDir, j);
        emit(opts, { type: 'manual', step, command: step.display });
        emit(opts, { type: 'status', status: 'waiting', message: j.message });
        return j;
      }
      const yes = await opts.confirm(step);
      if (opts.signal?.aborted) return interrupt(j, step, opts);
      if (!yes) {
        keepSource = true;
        rec.state = 'skipped';
        await writeJournal(opts.journalDir, j);
        continue;
      }
    }
    const ok = await runStep(j, step, rec, opts);
    if (!ok) {
      const failed = `step ${step.id} (${step.kind}) failed: ${rec.error ?? ''}`;
      j.status = 'failed';
      j.message = `${failed}; rolling back`;
      await writeJournal(opts.journalDir, j);
      const rb = await rollback(j, opts);
      j.status = 'failed';
      // Say what the rollback achieved, exactly.
      if (rb.ok) j.message = `${failed}; rolled back`;
      else if (rb.needsRoot) j.message = `${failed}; NOT rolled back: it needs root, run ${rb.command ?? ''}`;
      else j.message = `${failed}; rollback incomplete: ${rb.errors.join('; ')} (finish with: pyenvtui undo ${j.id})`;
      await writeJournal(opts.journalDir, j);
      emit(opts, { type: 'status', status: 'failed', message: j.message });
      return j;
    }
    if (opts.killAfterStep === step.id) process.kill(process.pid, 'SIGKILL');
  }
  j.status = 'done';
  j.message = keepSource ? 'installed and verified; the source copy was kept' : 'migrated';
  await writeJournal(opts.journalDir, j);
  emit(opts, { type: 'status', status: 'done', message: j.message });
  return j;
}

/** Stopped by the user at a safe point (before `next`): resumable with --resume, or undoable. */
async function interrupt(j: Journal, next: Step, opts: ExecOptions): Promise<Journal> {
  j.status = 'interrupted';
  j.message = `stopped by the user before step ${next.id} (${next.purpose})`;
  await writeJournal(opts.journalDir, j);
  emit(opts, { type: 'status', status: 'interrupted', message: j.message });
  return j;
}

async function runStep(j: Journal, step: Step, rec: StepRecord, opts: ExecOptions): Promise<boolean> {
  const wasManual = rec.state === 'manual';
  const absent = await absentWatched(step);
  // What an earlier, cut-off attempt recorded stays: merged, never overwritten.
  const earlier = rec.created ?? [];
  rec.state = 'started';
  rec.startedAt = new Date().toISOString();
  rec.created = [...new Set([...earlier, ...absent])]; // provisional: what *may* be created, narrowed below
  await writeJournal(opts.journalDir, j);
  emit(opts, { type: 'step-start', step });
  await pausePoint(opts.pauseInStep, step.kind);
  const kill = armKill(opts.killInStep, step.kind);
  const ax = { ...actionContext(j, step, rec, opts), ...(kill ? { checkpoint: () => kill.checkpoint() } : {}) };
  let r;
  const action = step.action;
  if (wasManual && action.type === 'run' && action.expectGone) {
    // The user ran the sudo command: check its effect instead of running it ourselves.
    const left = await remainingFiles(path.join(j.plan.backupDir, 'files', action.expectGone.name));
    r = left.length ? { ok: false, output: '', error: `${left.length} file(s) still present; run: ${step.display}` } : { ok: true, output: 'removed by the user' };
  } else {
    r = await perform(step.action, ax).catch((e: unknown) => ({ ok: false, output: '', error: e instanceof Error ? e.message : String(e) }));
  }
  kill?.end();
  rec.created = [...new Set([...earlier, ...(await existing(absent))])];
  rec.child = undefined;
  rec.endedAt = new Date().toISOString();
  rec.output = r.output;
  if ('exitCode' in r) rec.exitCode = r.exitCode ?? null;
  rec.state = r.ok ? 'done' : 'failed';
  if (!r.ok) rec.error = r.error;
  await writeJournal(opts.journalDir, j);
  emit(opts, { type: 'step-end', step, state: rec.state, ...(r.error ? { error: r.error } : {}), ...('warnings' in r && r.warnings?.length ? { warnings: r.warnings } : {}) });
  return r.ok;
}
