// The migration wizard the dashboard opens on `m`: choose targets, see the plan, run it with live
// output and verification, confirm removal (default No), then done/undo. Esc before running changes
// nothing. Its keys come from the one key table (modes wiz-*); it owns the keyboard while open.
import React, { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { Env, ScanContext } from '../../src/context/scan-context.js';
import type { Inventory } from '../../src/model.js';
import { markersOf } from '../../src/facts/interpreter.js';
import type { Step } from '../../src/migrate/types.js';
import { useKeyOwner } from '../app/key-owner.js';
import { resolveKey, type WizardMode } from '../state/key-bindings.js';
import type { Motion } from '../state/list-nav.js';
import { hintText } from '../dashboard/status-lines.js';
import { initialWizardState, removalCommands, wizardReducer, type WizardState } from './use-wizard-state.js';
import { defaultRunner, type WizardRunner } from './wizard-runner.js';
import { readJournal, stateDir } from '../../src/migrate/journal.js';
import { wizardScreen } from './wizard-lines.js';
import { wizardHelpScreen } from './wizard-help.js';
import { regionHeight, WizardFrame } from './wizard-frame.js';
import { clampOffset, reveal, scrollBy, type Offset } from './scroll.js';
import { selectedDists, type WizardSelection } from './selection.js';

export type { WizardRunner } from './wizard-runner.js';
export { defaultRunner } from './wizard-runner.js';

export type { WizardSelection } from './selection.js';

export interface WizardResult {
  /** Something on the machine changed: the dashboard should rescan. */
  changed: boolean;
  journalIds: string[];
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
  color?: boolean;
  ascii?: boolean;
  /** Ctrl-C: quit the app (exit 130) with a text to print on the normal screen. */
  onInterrupt?: (afterExit?: string) => void;
  /** y: commands to print after exit. */
  onCopy?: (commands: string[]) => void;
  /** Instead of a new migration: resume or undo this journal (the unfinished one shown at start). */
  job?: { kind: 'resume' | 'undo'; id: string };
}

const MOTIONS = new Set(['up', 'down', 'top', 'bottom', 'pageUp', 'pageDown', 'halfUp', 'halfDown']);

function modeOf(s: WizardState, help: boolean): WizardMode {
  if (help) return 'wiz-help';
  switch (s.phase) {
    case 'choose':
    case 'planning':
      return 'wiz-choose';
    case 'plan':
      return 'wiz-plan';
    case 'running':
    case 'undoing':
      return 'wiz-running';
    case 'confirm':
      return 'wiz-confirm';
    default:
      return 'wiz-result';
  }
}

/** What to print on the normal screen after a stop: where things stand and the two ways on. */
export function stoppedText(message: string, journalIds: string[]): string {
  const id = journalIds[journalIds.length - 1] ?? '';
  return [
    `pyenvtui: migration stopped at a safe point: ${message}.`,
    `  resume it:  pyenvtui migrate --resume ${id}`,
    `  undo it:    pyenvtui undo ${id}`,
    'The next start of pyenvtui (and pyenvtui doctor) shows it until it is resumed or undone.',
    '',
  ].join('\n');
}

export function MigrationWizard(props: MigrationWizardProps): React.JSX.Element {
  const { inventory, selection, onExit, ctx, hostEnv, runner, rows = 24, columns = 80, color = true, ascii = false } = props;
  const { source, dists, skipped } = useMemo(() => selectedDists(inventory, selection), [inventory, selection]);
  const run = useMemo(() => runner ?? (source || props.job ? defaultRunner(ctx, source, hostEnv ?? process.env) : null), [runner, source, ctx, hostEnv, props.job]);
  const available = run?.available ?? ['pipx', 'venv'];
  const [state, dispatch] = useReducer(wizardReducer, undefined, () => initialWizardState(dists, available, source ? markersOf(ctx, source) : undefined));
  const [help, setHelp] = useState(false);
  const [scroll, setScroll] = useState<{ key: string; offset: Offset }>({ key: '', offset: 0 });
  const answer = useRef<((yes: boolean) => void) | null>(null);
  const abort = useRef(new AbortController());
  // Keys read the state of the last render through a ref: a key arriving between the frame and
  // Ink's effect that swaps the handler must not see the previous phase.
  const live = useRef(state);
  live.current = state;

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
    if (!run || busy.current || !live.current.plans.length || live.current.plans.some((p) => p.blockers.length)) return;
    busy.current = true;
    dispatch({ type: 'start' });
    const ids: string[] = [];
    let ok = true;
    let message = '';
    for (const plan of live.current.plans) {
      const r = await run.execute(
        plan,
        (event) => dispatch({ type: 'event', planId: plan.id, event }),
        (step: Step) =>
          new Promise<boolean>((resolve) => {
            answer.current = resolve;
            dispatch({ type: 'ask', display: step.display, purpose: step.purpose });
          }),
        abort.current.signal,
      );
      ids.push(r.journalId);
      message = r.message;
      if (r.interrupted) {
        dispatch({ type: 'stopped', message, journalIds: ids });
        props.onInterrupt?.(stoppedText(message, ids));
        return;
      }
      if (!r.ok) {
        ok = false;
        break;
      }
    }
    dispatch({ type: 'finished', ok, message, journalIds: ids });
  };

  const note = !source ? 'the selected environment is no longer in the inventory' : skipped ? `${skipped} package(s) from other environments are left for a second run` : undefined;
  const mode = modeOf(state, help);
  const screen = help ? wizardHelpScreen(modeOf(state, false), columns, ascii) : wizardScreen(state, columns, { ascii, ...(note ? { note } : {}) });
  const height = regionHeight(rows, screen.pinned.length);
  const scrollKey = `${mode}:${state.phase}`;
  const follow = state.phase === 'running' || state.phase === 'confirm' || state.phase === 'undoing';
  const base = scroll.key === scrollKey ? scroll.offset : follow ? 'end' : 0;
  const offset = reveal(clampOffset(base, screen.lines.length, height), screen.anchor, height, screen.lines.length);
  const geom = useRef({ offset, height, total: screen.lines.length, scrollKey });
  geom.current = { offset, height, total: screen.lines.length, scrollKey };

  useKeyOwner((input, key) => {
    const s = live.current;
    const m = modeOf(s, help);
    const r = resolveKey(input, key, m);
    if (!r || r.type !== 'command') return;
    const c = r.command;
    const g = geom.current;
    if (MOTIONS.has(c)) {
      if (m === 'wiz-choose' && (c === 'up' || c === 'down' || c === 'pageUp' || c === 'pageDown' || c === 'top' || c === 'bottom')) {
        const page = Math.max(1, Math.floor(g.height / 3));
        const delta = { up: -1, down: 1, pageUp: -page, pageDown: page, top: -Infinity, bottom: Infinity }[c];
        setScroll({ key: g.scrollKey, offset: g.offset });
        dispatch({ type: 'move', delta: Number.isFinite(delta) ? delta : delta > 0 ? s.items.length : -s.items.length });
        return;
      }
      setScroll({ key: g.scrollKey, offset: scrollBy(g.offset, c as Motion, g.height, g.total) });
      return;
    }
    switch (c) {
      case 'help':
        setHelp(true);
        return;
      case 'closeOverlay':
        setHelp(false);
        return;
      case 'interrupt':
        if (m === 'wiz-running' || m === 'wiz-confirm') {
          if (s.phase === 'undoing') return;
          dispatch({ type: 'stopping' });
          abort.current.abort();
          // A pending question is answered "keep" so the executor reaches its safe point.
          answer.current?.(false);
          answer.current = null;
        } else props.onInterrupt?.();
        return;
      case 'wizCancel':
        onExit({ changed: false, journalIds: [] });
        return;
      case 'wizTarget':
        dispatch({ type: 'cycle-target', available });
        return;
      case 'wizSystemSite':
        dispatch({ type: 'toggle-system-site' });
        return;
      case 'wizPlan':
        void startPlanning();
        return;
      case 'wizRun':
        void startRun();
        return;
      case 'wizYes':
        if (s.confirm?.answer === 'no') dispatch({ type: 'toggle-answer' });
        return;
      case 'wizNo':
        if (s.confirm?.answer === 'yes') dispatch({ type: 'toggle-answer' });
        return;
      case 'wizToggle':
        dispatch({ type: 'toggle-answer' });
        return;
      case 'wizAnswer': {
        const yes = s.confirm?.answer === 'yes';
        dispatch({ type: 'answered' });
        answer.current?.(yes);
        answer.current = null;
        return;
      }
      case 'wizUndo':
        if (s.phase === 'done' && run) {
          dispatch({ type: 'undoing' });
          void run.undo(s.journalIds, () => undefined).then((x) => dispatch({ type: 'undone', ok: x.ok, message: x.message }));
        }
        return;
      case 'wizClose':
        onExit({ changed: s.journalIds.length > 0, journalIds: s.journalIds });
        return;
      case 'copy':
        props.onCopy?.([...s.plans.flatMap((p) => p.steps.map((st) => st.display)), ...removalCommands(s.items)]);
        return;
      default:
        return;
    }
  });

  useEffect(() => () => answer.current?.(false), []);
  // Resume or undo a journal as soon as the wizard opens on it.
  useEffect(() => {
    const job = props.job;
    if (!job || !run || busy.current) return;
    busy.current = true;
    void (async () => {
      const j = await readJournal(stateDir(hostEnv ?? process.env), job.id);
      dispatch({ type: 'planned', plans: [j.plan] });
      if (job.kind === 'undo') {
        dispatch({ type: 'finished', ok: true, message: '', journalIds: [j.id] });
        dispatch({ type: 'undoing' });
        const r = await run.undo([j.id], () => undefined);
        dispatch({ type: 'undone', ok: r.ok, message: r.message });
        return;
      }
      dispatch({ type: 'start' });
      const confirm = (step: Step): Promise<boolean> =>
        new Promise<boolean>((resolve) => {
          answer.current = resolve;
          dispatch({ type: 'ask', display: step.display, purpose: step.purpose });
        });
      const r = await run.resume!(j, (event) => dispatch({ type: 'event', planId: j.plan.id, event }), confirm, abort.current.signal);
      if (r.interrupted) {
        dispatch({ type: 'stopped', message: r.message, journalIds: [j.id] });
        props.onInterrupt?.(stoppedText(r.message, [j.id]));
        return;
      }
      dispatch({ type: 'finished', ok: r.ok, message: r.message, journalIds: [j.id] });
    })();
    // Once, when the wizard opens: the job never changes while it is open.
  }, []);

  const hint = hintText(mode, false, columns, ascii);
  return <WizardFrame screen={screen} offset={offset} rows={rows} columns={columns} hint={hint} color={color} ascii={ascii} />;
}
