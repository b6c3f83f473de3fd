// The migration wizard the dashboard opens on `m`: choose targets, see the plan, run it with live
// output and verification, confirm removal (default No), then done/undo. Esc before running changes nothing.
import React, { useEffect, useMemo, useReducer, useRef } from 'react';
import { Box, useInput } from 'ink';
import type { Env, ScanContext } from '../../src/context.js';
import type { Environment, Inventory } from '../../src/model.js';
import { executePlan } from '../../src/migrate/execute.js';
import type { ExecEvent } from '../../src/migrate/events.js';
import { findOnPath, prepareMigration } from '../../src/migrate/prepare.js';
import { readJournal, stateDir } from '../../src/migrate/journal.js';
import { undoMigration } from '../../src/migrate/undo.js';
import type { Plan, Step, Target, TargetKind } from '../../src/migrate/types.js';
import { initialWizardState, wizardReducer, type WizardItem } from './use-wizard-state.js';
import { ChecksView, ChooseView, ConfirmView, PlanView, ProgressView, ResultView } from './wizard-views.js';

export interface WizardSelection {
  /** Environment id (`kind:prefix`) the package lives in. */
  envId: string;
  /** Normalised distribution name. */
  name: string;
}

export interface WizardResult {
  /** Something on the machine changed: the dashboard should rescan. */
  changed: boolean;
  journalIds: string[];
}

/** The side effects the wizard needs; injected so component tests run without touching the machine. */
export interface WizardRunner {
  available: TargetKind[];
  plan(items: WizardItem[]): Promise<Plan[]>;
  execute(plan: Plan, onEvent: (e: ExecEvent) => void, confirm: (step: Step) => Promise<boolean>): Promise<{ ok: boolean; message: string; journalId: string }>;
  undo(journalIds: string[], onEvent: (e: ExecEvent) => void): Promise<{ ok: boolean; message: string }>;
}

export interface MigrationWizardProps {
  inventory: Inventory;
  selection: WizardSelection[];
  onExit: (r: WizardResult) => void;
  ctx: ScanContext;
  /** Operator environment (PATH, XDG_STATE_HOME); default process.env. */
  hostEnv?: Env;
  runner?: WizardRunner;
  rows?: number;
  columns?: number;
}

/** The real runner: prepare → execute (journaled) → undo, on the machine behind ctx. */
export function defaultRunner(ctx: ScanContext, source: Environment, hostEnv: Env): WizardRunner {
  const available: TargetKind[] = ['pipx', ...(findOnPath('uv', hostEnv.PATH) ? (['uv'] as const) : []), 'venv'];
  const opts = (onEvent: (e: ExecEvent) => void, confirm: (s: Step) => Promise<boolean>) => ({
    journalDir: stateDir(hostEnv),
    env: hostEnv,
    isRoot: ctx.uid === 0,
    confirm,
    onEvent,
  });
  return {
    available,
    async plan(items) {
      // One plan per target and system-site choice; an untouched choice lets the planner decide.
      const groups = new Map<string, { target: Target; names: string[] }>();
      for (const it of items) {
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
    async execute(plan, onEvent, confirm) {
      // A lock held by another pyenvtui (or a plan gone stale) refuses the run: a message, not a crash.
      const j = await executePlan(plan, opts(onEvent, confirm)).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
      if (j instanceof Error) return { ok: false, message: `refused: ${j.message}`, journalId: plan.id };
      return { ok: j.status === 'done' || j.status === 'waiting', message: j.message ?? j.status, journalId: j.id };
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

export function MigrationWizard({ inventory, selection, onExit, ctx, hostEnv, runner, rows = 24, columns = 80 }: MigrationWizardProps): React.JSX.Element {
  const envId = selection[0]?.envId;
  const source = inventory.environments.find((e) => e.id === envId);
  const dists = useMemo(() => (source ? source.packages.filter((p) => selection.some((s) => s.envId === envId && s.name === p.name)) : []), [source, selection, envId]);
  const run = useMemo(() => runner ?? (source ? defaultRunner(ctx, source, hostEnv ?? process.env) : null), [runner, source, ctx, hostEnv]);
  const available = run?.available ?? ['pipx', 'venv'];
  const [state, dispatch] = useReducer(wizardReducer, undefined, () => initialWizardState(dists, available, source?.python.version ?? undefined));
  const answer = useRef<((yes: boolean) => void) | null>(null);
  // Keys read the state of the last render through a ref: Ink swaps the input handler in an effect,
  // and a key arriving between the frame and that effect must not see the previous phase.
  const live = useRef(state);
  live.current = state;
  const skipped = selection.filter((s) => s.envId !== envId).length;

  // One run at a time, whatever the key repeat or re-render timing: a second Enter must not start a second migration.
  const busy = useRef(false);
  const startPlanning = async (): Promise<void> => {
    if (!run || busy.current) return;
    busy.current = true;
    dispatch({ type: 'planning' });
    dispatch({ type: 'planned', plans: await run.plan(live.current.items) });
    busy.current = false;
  };
  const startRun = async (): Promise<void> => {
    if (!run || busy.current || live.current.plans.some((p) => p.blockers.length)) return;
    busy.current = true;
    dispatch({ type: 'start' });
    const ids: string[] = [];
    let ok = true;
    let message = '';
    for (const plan of live.current.plans) {
      const r = await run.execute(
        plan,
        (event) => dispatch({ type: 'event', planId: plan.id, event }),
        (step) =>
          new Promise<boolean>((resolve) => {
            answer.current = resolve;
            dispatch({ type: 'ask', display: step.display, purpose: step.purpose });
          }),
      );
      ids.push(r.journalId);
      message = r.message;
      if (!r.ok) {
        ok = false;
        break;
      }
    }
    dispatch({ type: 'finished', ok, message, journalIds: ids });
  };

  useInput((input, key) => {
    const state = live.current;
    const p = state.phase;
    if (p === 'choose') {
      if (key.escape) onExit({ changed: false, journalIds: [] });
      else if (input === 'j' || key.downArrow) dispatch({ type: 'move', delta: 1 });
      else if (input === 'k' || key.upArrow) dispatch({ type: 'move', delta: -1 });
      else if (input === 't' || input === ' ' || key.rightArrow) dispatch({ type: 'cycle-target', available });
      else if (input === 's') dispatch({ type: 'toggle-system-site' });
      else if (key.return) void startPlanning();
    } else if (p === 'plan') {
      if (key.escape) onExit({ changed: false, journalIds: [] });
      else if (key.return) void startRun();
    } else if (p === 'confirm') {
      const cur = state.confirm?.answer;
      if (key.leftArrow || key.rightArrow || (input === 'y' && cur === 'no') || (input === 'n' && cur === 'yes')) dispatch({ type: 'toggle-answer' });
      else if (key.return) {
        const yes = state.confirm?.answer === 'yes';
        dispatch({ type: 'answered' });
        answer.current?.(yes);
        answer.current = null;
      }
    } else if (p === 'done' || p === 'failed' || p === 'undone') {
      if (input === 'u' && p === 'done' && run) {
        dispatch({ type: 'undoing' });
        void run.undo(state.journalIds, () => undefined).then((r) => dispatch({ type: 'undone', ok: r.ok, message: r.message }));
      } else if (key.return || key.escape || input === 'q') onExit({ changed: state.journalIds.length > 0, journalIds: state.journalIds });
    }
  });

  useEffect(() => () => answer.current?.(false), []);

  const note = !source ? 'the selected environment is no longer in the inventory' : skipped ? `${skipped} package(s) from other environments are left for a second run` : undefined;
  return (
    <Box flexDirection="column" width={columns}>
      {state.phase === 'choose' || state.phase === 'planning' ? <ChooseView items={state.items} cursor={state.cursor} {...(note ? { note } : {})} /> : null}
      {state.phase === 'plan' ? <PlanView plans={state.plans} width={columns} /> : null}
      {state.phase === 'running' || state.phase === 'confirm' ? <ProgressView state={state} rows={rows} columns={columns} /> : null}
      {/* Verification above the question: the user sees what passed before agreeing to remove the source. */}
      {state.phase !== 'choose' && state.phase !== 'plan' && state.phase !== 'planning' ? <ChecksView checks={state.checks} /> : null}
      {state.phase === 'confirm' && state.confirm ? <ConfirmView {...state.confirm} /> : null}
      {state.phase === 'done' || state.phase === 'failed' || state.phase === 'undoing' || state.phase === 'undone' ? <ResultView state={state} /> : null}
    </Box>
  );
}
