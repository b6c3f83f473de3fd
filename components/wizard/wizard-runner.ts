// The real side of the wizard: prepare → execute (journaled) → undo, on the machine behind a context.
import type { Env, ScanContext } from '../../src/context/scan-context.js';
import type { Environment } from '../../src/model.js';
import { executePlan, resumeMigration } from '../../src/migrate/execute.js';
import type { ExecEvent } from '../../src/migrate/events.js';
import { findOnHostPath } from '../../src/facts/path.js';
import { prepareMigration } from '../../src/migrate/prepare.js';
import { readJournal, stateDir } from '../../src/migrate/journal.js';
import { undoMigration } from '../../src/migrate/undo.js';
import type { Journal, Plan, Step, Target, TargetKind } from '../../src/migrate/types.js';
import type { WizardItem } from './use-wizard-state.js';

export interface RunOutcome {
  ok: boolean;
  message: string;
  journalId: string;
  /** Stopped at a safe point after Ctrl-C: resumable, or undoable. */
  interrupted?: boolean;
}

/** The side effects the wizard needs; injected so component tests run without touching the machine. */
export interface WizardRunner {
  available: TargetKind[];
  plan(items: WizardItem[]): Promise<Plan[]>;
  execute(plan: Plan, onEvent: (e: ExecEvent) => void, confirm: (step: Step) => Promise<boolean>, signal?: AbortSignal): Promise<RunOutcome>;
  undo(journalIds: string[], onEvent: (e: ExecEvent) => void): Promise<{ ok: boolean; message: string }>;
  /** Continue a stopped migration (its journal). */
  resume?(j: Journal, onEvent: (e: ExecEvent) => void, confirm: (step: Step) => Promise<boolean>, signal?: AbortSignal): Promise<RunOutcome>;
}

function outcome(j: Journal): RunOutcome {
  if (j.status === 'interrupted') return { ok: false, interrupted: true, message: j.message ?? 'stopped', journalId: j.id };
  return { ok: j.status === 'done' || j.status === 'waiting', message: j.message ?? j.status, journalId: j.id };
}

function refused(e: unknown, journalId: string): RunOutcome {
  return { ok: false, message: `refused: ${e instanceof Error ? e.message : String(e)}`, journalId };
}

/** The real runner: prepare → execute (journaled) → undo, on the machine behind ctx. */
export function defaultRunner(ctx: ScanContext, source: Environment | undefined, hostEnv: Env): WizardRunner {
  const available: TargetKind[] = ['pipx', ...(findOnHostPath('uv', hostEnv.PATH) ? (['uv'] as const) : []), 'venv'];
  const opts = (onEvent: (e: ExecEvent) => void, confirm: (s: Step) => Promise<boolean>, signal?: AbortSignal) => ({
    journalDir: stateDir(hostEnv),
    env: hostEnv,
    isRoot: ctx.uid === 0,
    confirm,
    onEvent,
    ...(signal ? { signal } : {}),
  });
  return {
    available,
    async plan(items) {
      if (!source) return [];
      // One plan per target and system-site choice; an untouched choice lets the planner decide.
      const groups = new Map<string, { target: Target; names: string[] }>();
      for (const it of items) {
        if (it.removeCopy) continue; // pipx already has it: removed, not migrated (see the plan screen)
        const sys = it.systemSiteSet || it.systemSite ? it.systemSite : undefined;
        const target: Target = { kind: it.target, ...(sys === undefined || it.target === 'uv' ? {} : { systemSitePackages: sys }) };
        const key = JSON.stringify(target);
        const g = groups.get(key) ?? { target, names: [] };
        g.names.push(it.name);
        groups.set(key, g);
      }
      const plans: Plan[] = [];
      for (const g of groups.values()) {
        plans.push(await prepareMigration(ctx, { source, selection: g.names, target: g.target, offline: false, keepSource: false, hostEnv }));
      }
      return plans;
    },
    // A lock held by another pyenvtui (or a plan gone stale) refuses the run: a message, not a crash.
    async execute(plan, onEvent, confirm, signal) {
      return executePlan(plan, opts(onEvent, confirm, signal)).then(outcome, (e: unknown) => refused(e, plan.id));
    },
    async resume(j, onEvent, confirm, signal) {
      return resumeMigration(j, opts(onEvent, confirm, signal)).then(outcome, (e: unknown) => refused(e, j.id));
    },
    async undo(ids, onEvent) {
      const errors: string[] = [];
      for (const id of [...ids].reverse()) {
        const r = await readJournal(stateDir(hostEnv), id)
          .then((j) => undoMigration(j, opts(onEvent, async () => true)))
          .catch((e: unknown) => ({ errors: [e instanceof Error ? e.message : String(e)] }));
        errors.push(...r.errors);
      }
      return { ok: errors.length === 0, message: errors.length ? errors.join('; ') : 'restored the previous state' };
    },
  };
}

