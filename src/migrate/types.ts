// The vocabulary of a migration: what the planner produces, the executor runs and the journal keeps.
// Everything here is plain JSON so a plan can be written to disk and resumed by another process.
import type { Evidence, Scope } from '../model.js';

export type TargetKind = 'pipx' | 'uv' | 'venv';

export interface Target {
  kind: TargetKind;
  /** venv: machine path of the venv (new or existing). */
  dir?: string;
  /**
   * venv/pipx: see the system site (--system-site-packages). Undefined = decide: pre-selected when
   * a package needs an apt-only module (picamera2, RPi.GPIO, ...).
   */
  systemSitePackages?: boolean;
}

/** A file copied aside before removal so undo restores byte-for-byte (host paths). */
export interface FileBackupSpec {
  /** Distribution name (normalised). */
  name: string;
  /** Host path of the .dist-info directory. */
  metadataHost: string;
  /** Host path of the site directory RECORD paths are relative to. */
  siteHost: string;
  /** Host directory treated as "/" (--root): no owned path may leave it. Absent or "/" = the live machine. */
  rootHost?: string;
}

/** One executable action. `run` spawns argv (never a shell); the others are done in-process by the executor. */
export type Action =
  | { type: 'run'; argv: string[]; env?: Record<string, string>; cwd?: string; expectGone?: FileBackupSpec; fallback?: InstallFallback }
  | {
      type: 'backup';
      wheels: FileBackupSpec[];
      files: FileBackupSpec[];
      pipCache?: string;
      /** Wheels rebuilt only so an online install can fall back to them: a failure is a warning. */
      fallbackWheels?: FileBackupSpec[];
    }
  | { type: 'verify'; checks: Check[] }
  | { type: 'remove-files'; dist: FileBackupSpec }
  | { type: 'restore-files'; dist: string }
  | { type: 'link-apps'; links: { link: string; to: string }[] }
  | { type: 'unlink-apps'; links: { link: string; to: string }[] }
  | { type: 'remove-dir'; dir: string }
  /** Move (or copy) a whole environment aside (repair) or into the trash (clean-up); undone by put-back. */
  | { type: 'set-aside'; from: string; to: string; copy?: boolean }
  /** replace: what was built at dir since (a venv) is removed first (repair); otherwise an existing dir fails the step. */
  | { type: 'put-back'; aside: string; dir: string; replace?: boolean }
  /** `pipx uninstall`, finished by hand when pipx cannot read a venv it never finished building. */
  | { type: 'uninstall-pipx'; argv: string[]; env?: Record<string, string>; venv: string; binDir: string }
  | { type: 'noop' };

/** Run instead when the first attempt fails because the index is unreachable (install steps, online). */
export interface InstallFallback {
  argv: string[];
  env?: Record<string, string>;
}

/** A verification check; each spawns argv and compares its output. */
export interface Check {
  label: string;
  argv: string[];
  env?: Record<string, string>;
  /** stdout must contain this (trimmed), when set. */
  expect?: string;
  /** A failure is reported but does not fail the step (e.g. `--version` on a tool that lacks it). */
  soft?: boolean;
}

export type StepKind = 'backup' | 'create-venv' | 'install' | 'inject' | 'verify' | 'remove-source' | 'remove-dependency' | 'link-apps' | 'set-aside' | 'reinstall' | 'trash';

export interface Step {
  /** 1-based position in the plan. */
  id: number;
  kind: StepKind;
  /** One line: why this step exists. */
  purpose: string;
  action: Action;
  /** The exact command shown to the user (argv of `run`, or the equivalent for in-process actions). */
  display: string;
  needsRoot: boolean;
  /** Changes or deletes the source: asks for confirmation first. */
  destructive: boolean;
  undo: { description: string; action: Action };
  /** Paths the executor watches: those it creates are removed again by undo (host paths). */
  watch?: { path: string; keepIfNonEmpty?: string }[];
}

export interface PlannedPackage {
  name: string;
  displayName: string;
  version: string;
  scope: Scope;
  /** Machine path of the source .dist-info. */
  metadataPath: string;
  scripts: string[];
  extras: string[];
  /** Requirement passed to the installer: `name[extras]==version`. */
  requirement: string;
  /** Dependencies removed with it (normalised names). */
  removableDeps: string[];
  /** Dependencies kept because something else needs them, with the reason. */
  keptDeps: { name: string; reason: string }[];
  /** Apt-only modules it needs (requirements or imports), when any. */
  aptOnly?: string[];
  /** A companion: injected into these tools' environments (pipx inject / uv --with) instead of its own. */
  injectInto?: string[];
}

/** A prerequisite of the target (guidance's finding about the tool it needs), checked before planning. */
export interface Prerequisite {
  /** venv-unavailable | pipx-missing | pipx-bin-not-on-path */
  rule: string;
  /** The plan cannot run until it is fixed (its text is also in `blockers`); otherwise a warning. */
  blocking: boolean;
  title: string;
  /** Commands that fix it, for this platform (`sudo apt install pipx`, `pipx ensurepath`, ...). */
  fix: string[];
  evidence: Evidence[];
}

export interface Plan {
  schema: 'pyenvtui/plan@1';
  id: string;
  createdAt: string;
  /** What the plan is for (default 'migrate'): restore and repair plans run through the same executor. */
  purpose?: 'migrate' | 'restore' | 'repair' | 'clean';
  /** Host directory treated as "/" (pyenvtui --root). */
  root: string;
  target: Target;
  offline: boolean;
  keepSource: boolean;
  packages: PlannedPackage[];
  steps: Step[];
  /** Reasons the plan cannot run; non-empty = nothing will be changed. */
  blockers: string[];
  warnings: string[];
  /** Prerequisites that failed (blocking ones are in `blockers` too, warnings in `warnings`). */
  prerequisites?: Prerequisite[];
  /** Host directory where backups and rebuilt wheels go. */
  backupDir: string;
}

export type StepState = 'pending' | 'started' | 'done' | 'failed' | 'skipped' | 'manual';

export interface StepRecord {
  id: number;
  state: StepState;
  startedAt?: string;
  endedAt?: string;
  exitCode?: number | null;
  /** Last lines of output, for the journal reader. */
  output?: string;
  error?: string;
  /** Watched paths this step created (host paths). */
  created?: string[];
  /** The process this step was running when last journaled (pid + start time): waited for after a kill. */
  child?: { pid: number; start: string };
  /** Undo of this step started (journaled before it runs): a second undo finishes it without the usual checks. */
  undoing?: boolean;
  undone?: boolean;
}

export type MigrationStatus = 'planned' | 'running' | 'waiting' | 'interrupted' | 'failed' | 'done' | 'undoing' | 'undone';

export interface Journal {
  schema: 'pyenvtui/journal@1';
  id: string;
  status: MigrationStatus;
  plan: Plan;
  steps: StepRecord[];
  updatedAt: string;
  /** pid of the executor that last wrote it; a dead pid + running status = interrupted. */
  pid: number;
  /** Start time of that pid (/proc), so a reused pid is not taken for the executor. */
  pidStart?: string;
  message?: string;
  /** Set when undo or a rollback could not finish without root: the exact command to run. */
  needsRootCommand?: string;
}
