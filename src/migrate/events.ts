// What the executor reports while it works (the wizard and the CLI render these).
import type { KillSpec, PauseSpec } from './test-hooks.js';
import type { Check, MigrationStatus, Step, StepState } from './types.js';

export type ExecEvent =
  | { type: 'step-start'; step: Step }
  | { type: 'output'; step: Step; line: string }
  | { type: 'check'; step: Step; check: Check; ok: boolean; detail: string }
  | { type: 'step-end'; step: Step; state: StepState; error?: string; warnings?: string[] }
  | { type: 'manual'; step: Step; command: string }
  | { type: 'status'; status: MigrationStatus; message?: string };

export interface ExecOptions {
  /** Host directory of journals (stateDir()). */
  journalDir: string;
  /** Operator's environment; children start from it. */
  env: Record<string, string | undefined>;
  isRoot: boolean;
  /** Asked before each destructive step, showing step.display; resolve false to keep the source. */
  confirm: (step: Step) => Promise<boolean>;
  onEvent?: (e: ExecEvent) => void;
  /** Ctrl-C: checked between steps (never mid-step); the journal is left `interrupted`, resumable. */
  signal?: AbortSignal;
  /**
   * TEST ONLY: after the journal records step N as done, the executor SIGKILLs itself
   * (from PYENVTUI_TEST_KILL_AFTER_STEP), to prove a crash at any point is resumable.
   */
  killAfterStep?: number;
  /** TEST ONLY: see test-hooks.ts. */
  killInStep?: KillSpec;
  killInUndo?: KillSpec;
  pauseInStep?: PauseSpec;
}
