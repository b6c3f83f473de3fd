// The wizard's state machine: a pure reducer (unit-tested without rendering), in the shape of
// @inkjs/ui's use-*-state.ts. Phases: choose targets → plan → run (with removal confirmation) → done.
import type { Distribution } from '../../src/model.js';
import type { ExecEvent } from '../../src/migrate/events.js';
import type { Plan, StepState, TargetKind } from '../../src/migrate/types.js';
import { aptOnlyNames } from '../../src/migrate/apt-only.js';
import { readDepLine } from '../../src/migrate/closure.js';
import type { MarkerEnv } from '../../src/formats/pep508.js';

export type WizardPhase = 'choose' | 'planning' | 'plan' | 'running' | 'confirm' | 'done' | 'failed' | 'undoing' | 'undone' | 'stopped';

export interface WizardItem {
  name: string;
  displayName: string;
  version: string;
  scripts: string[];
  target: TargetKind;
  suggested: TargetKind;
  /** Why this target, and distro advice (apt's python3-NAME) when the guidance found one. */
  note?: string;
  /** Apt-only modules it requires (picamera2, RPi.GPIO, ...): the target should see the system site. */
  aptOnly: string[];
  /** --system-site-packages for a venv/pipx target; pre-selected when aptOnly is not empty. */
  systemSite: boolean;
  /** The user changed systemSite (otherwise the planner may still pre-select it from imports). */
  systemSiteSet: boolean;
  /**
   * The guidance says `remove-copy`: pipx already has this tool (or it is only a dependency of such
   * copies), so migrating it leads nowhere. It is not planned; the plan shows its removal command.
   */
  removeCopy?: { reason: string; command: string | null };
}

export interface WizardCheck {
  label: string;
  ok: boolean;
  soft: boolean;
}

export interface WizardState {
  phase: WizardPhase;
  items: WizardItem[];
  cursor: number;
  plans: Plan[];
  /** Step states by `${planId}:${stepId}`. */
  steps: Record<string, StepState>;
  /** Last lines of streamed output. */
  output: string[];
  checks: WizardCheck[];
  confirm?: { display: string; purpose: string; answer: 'no' | 'yes' };
  message?: string;
  journalIds: string[];
  /** Ctrl-C while running: the executor stops at the next safe point (between steps). */
  stopping?: boolean;
}

export type WizardAction =
  | { type: 'move'; delta: number }
  | { type: 'cycle-target'; available: TargetKind[] }
  | { type: 'toggle-system-site' }
  | { type: 'planning' }
  | { type: 'planned'; plans: Plan[] }
  | { type: 'start' }
  | { type: 'event'; planId: string; event: ExecEvent }
  | { type: 'ask'; display: string; purpose: string }
  | { type: 'toggle-answer' }
  | { type: 'answered' }
  | { type: 'finished'; ok: boolean; message: string; journalIds: string[] }
  | { type: 'undoing' }
  | { type: 'undone'; ok: boolean; message: string }
  | { type: 'stopping' }
  | { type: 'stopped'; message: string; journalIds: string[] };

const OUTPUT_LINES = 200;

/** pipx for packages with console scripts, a venv for libraries; the guidance's advice wins when present. */
export function suggestTarget(d: Distribution, available: TargetKind[]): { target: TargetKind; note?: string } {
  const a = d.advice;
  const distro = a?.distroPackage ? `or: ${a.distroPackage.manager} install ${a.distroPackage.name}` : undefined;
  let target: TargetKind = d.scripts.length ? 'pipx' : 'venv';
  if (a?.action === 'uv-tool' && available.includes('uv')) target = 'uv';
  else if (a?.action === 'pipx' || a?.action === 'venv') target = a.action;
  if (!available.includes(target)) target = 'venv';
  const note = [a?.reason, distro].filter(Boolean).join('; ') || (d.scripts.length ? `commands: ${d.scripts.join(', ')}` : 'library');
  return { target, note };
}

/**
 * Apt-only modules among a distribution's own name and requirements, with markers evaluated in the
 * source interpreter's own marker environment (src/facts/interpreter.ts `markersOf`: its version and
 * CPU, an aarch64 Pi is not an x86_64 laptop). Without one, only unconditional requirements count.
 */
export function aptOnlyOf(d: Distribution, markers?: MarkerEnv): string[] {
  const reqs: string[] = [];
  for (const line of d.requires) {
    if (!markers && line.includes(';')) continue; // a marker nobody can evaluate here: not counted
    const r = readDepLine(line, markers ?? {});
    if (r?.applies && !r.onlyForExtra) reqs.push(r.name);
  }
  return aptOnlyNames([d.name, ...reqs]);
}

/** Removal commands of the remove-copy items (shown on the plan screen, copied with `y`). */
export function removalCommands(items: WizardItem[]): string[] {
  return items.flatMap((it) => (it.removeCopy?.command ? [it.removeCopy.command] : []));
}

export function initialWizardState(dists: Distribution[], available: TargetKind[], markers?: MarkerEnv): WizardState {
  return {
    phase: 'choose',
    items: dists.map((d) => {
      const s = suggestTarget(d, available);
      const aptOnly = aptOnlyOf(d, markers);
      const removeCopy = d.advice?.action === 'remove-copy' ? { reason: d.advice.reason, command: d.advice.command ?? null } : undefined;
      return { name: d.name, displayName: d.displayName, version: d.version, scripts: d.scripts, target: s.target, suggested: s.target, ...(s.note ? { note: s.note } : {}), aptOnly, systemSite: aptOnly.length > 0, systemSiteSet: false, ...(removeCopy ? { removeCopy } : {}) };
    }),
    cursor: 0,
    plans: [],
    steps: {},
    output: [],
    checks: [],
    journalIds: [],
  };
}

export function wizardReducer(s: WizardState, a: WizardAction): WizardState {
  switch (a.type) {
    case 'move':
      if (s.phase !== 'choose' || !s.items.length) return s;
      return { ...s, cursor: Math.max(0, Math.min(s.items.length - 1, s.cursor + a.delta)) };
    case 'cycle-target': {
      if (s.phase !== 'choose' || !a.available.length) return s;
      const items = s.items.map((it, i) => {
        if (i !== s.cursor || it.removeCopy) return it;
        const next = a.available[(a.available.indexOf(it.target) + 1) % a.available.length]!;
        return { ...it, target: next };
      });
      return { ...s, items };
    }
    case 'toggle-system-site': {
      if (s.phase !== 'choose' || !s.items.length) return s;
      const items = s.items.map((it, i) => (i === s.cursor && !it.removeCopy ? { ...it, systemSite: !it.systemSite, systemSiteSet: true } : it));
      return { ...s, items };
    }
    case 'planning':
      return s.phase === 'choose' || s.phase === 'plan' ? { ...s, phase: 'planning', message: undefined } : s;
    case 'planned':
      return { ...s, phase: 'plan', plans: a.plans };
    case 'start':
      // Only removals (remove-copy items) leave nothing to run here: their commands are to copy.
      if (s.phase !== 'plan' || !s.plans.length || s.plans.some((p) => p.blockers.length)) return s;
      return { ...s, phase: 'running' };
    case 'event':
      return applyEvent(s, a.planId, a.event);
    case 'ask':
      return { ...s, phase: 'confirm', confirm: { display: a.display, purpose: a.purpose, answer: 'no' } };
    case 'toggle-answer':
      return s.confirm ? { ...s, confirm: { ...s.confirm, answer: s.confirm.answer === 'no' ? 'yes' : 'no' } } : s;
    case 'answered':
      return { ...s, phase: 'running', confirm: undefined };
    case 'finished':
      return { ...s, phase: a.ok ? 'done' : 'failed', message: a.message, journalIds: a.journalIds, confirm: undefined };
    case 'undoing':
      return s.phase === 'done' || s.phase === 'failed' ? { ...s, phase: 'undoing' } : s;
    case 'undone':
      return { ...s, phase: a.ok ? 'undone' : 'failed', message: a.message };
    case 'stopping': {
      if (s.phase !== 'running' && s.phase !== 'confirm') return s;
      const current = Object.entries(s.steps).find(([, st]) => st === 'started')?.[0]?.split(':').pop();
      return { ...s, stopping: true, message: current ? `finishing step ${current} safely, then stopping…` : 'stopping before the next step…' };
    }
    case 'stopped':
      return { ...s, phase: 'stopped', stopping: false, message: a.message, journalIds: a.journalIds, confirm: undefined };
  }
}

function applyEvent(s: WizardState, planId: string, e: ExecEvent): WizardState {
  switch (e.type) {
    case 'step-start':
      return { ...s, steps: { ...s.steps, [`${planId}:${e.step.id}`]: 'started' }, output: push(s.output, `» ${e.step.purpose}`) };
    case 'step-end':
      return { ...s, steps: { ...s.steps, [`${planId}:${e.step.id}`]: e.state }, output: e.error ? push(s.output, `! ${e.error}`) : s.output };
    case 'output':
      return { ...s, output: push(s.output, e.line) };
    case 'check':
      return { ...s, checks: [...s.checks, { label: e.check.label, ok: e.ok, soft: e.check.soft ?? false }] };
    case 'manual':
      return { ...s, message: `needs root; run: sudo ${e.command.replace(/^sudo /, '')}` };
    case 'status':
      // While stopping, the screen keeps saying what it is doing.
      return e.message && !s.stopping ? { ...s, message: e.message } : s;
  }
}

function push(lines: string[], line: string): string[] {
  const out = [...lines, line];
  return out.length > OUTPUT_LINES ? out.slice(-OUTPUT_LINES) : out;
}
