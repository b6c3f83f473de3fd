// TEST ONLY: fault injection for the crash tests, read from the environment of the pyenvtui process.
//   PYENVTUI_TEST_KILL_AFTER_STEP=N       SIGKILL right after the journal records step N done
//   PYENVTUI_TEST_KILL_IN_STEP=KIND:MS[:group]  SIGKILL MS ms into the first step of KIND (migrate/resume)
//   PYENVTUI_TEST_KILL_IN_UNDO=KIND:MS[:group]  the same inside the undo of a step of KIND
//   PYENVTUI_TEST_PAUSE_IN_STEP=KIND:FILE  create FILE when a step of KIND starts, wait while it exists
// `group` kills the whole process group (pyenvtui and the pip/pipx it runs, as a power cut would); without
// it only pyenvtui dies and its child runs on as an orphan, which resume and undo must wait for.
// A step that finishes before MS elapsed is killed at its end, before the journal says it is done, so
// every injected kill lands inside its step. In-process actions call `checkpoint()` between units of
// work (one file, one link, one directory), where a due kill fires.
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import type { StepKind } from './types.js';

export interface KillSpec {
  kind: StepKind;
  ms: number;
  group: boolean;
}

export interface PauseSpec {
  kind: StepKind;
  file: string;
}

export function parseKill(v: string | undefined): KillSpec | undefined {
  const m = v ? /^([a-z-]+):(\d+)(:group)?$/.exec(v) : null;
  return m ? { kind: m[1] as StepKind, ms: Number(m[2]), group: m[3] !== undefined } : undefined;
}

export function parsePause(v: string | undefined): PauseSpec | undefined {
  const m = v ? /^([a-z-]+):(\/.+)$/.exec(v) : null;
  return m ? { kind: m[1] as StepKind, file: m[2]! } : undefined;
}

export function killNow(group: boolean): never {
  if (group) {
    try {
      process.kill(-process.pid, 'SIGKILL');
    } catch {
      // Not a process-group leader: fall through to ourselves.
    }
  }
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable');
}

/** An armed kill for one step: a timer, plus checkpoints and an end hook that fire when it is due. */
export class StepKill {
  private timer: NodeJS.Timeout | undefined;
  private readonly due: number;
  constructor(private readonly spec: KillSpec) {
    this.due = Date.now() + spec.ms;
    this.timer = setTimeout(() => killNow(spec.group), spec.ms);
  }
  checkpoint(): void {
    if (Date.now() >= this.due) killNow(this.spec.group);
  }
  /** The step finished early: die now, before it is journaled as done. */
  end(): void {
    if (this.timer) clearTimeout(this.timer);
    killNow(this.spec.group);
  }
}

/** Arm a kill when `spec` names this step kind; only the first such step in the process. */
let armedOnce = false;
export function armKill(spec: KillSpec | undefined, kind: StepKind): StepKill | undefined {
  if (!spec || spec.kind !== kind || armedOnce) return undefined;
  armedOnce = true;
  return new StepKill(spec);
}

export async function pausePoint(spec: PauseSpec | undefined, kind: StepKind): Promise<void> {
  if (!spec || spec.kind !== kind) return;
  // Written whole, then renamed into place: a reader never sees the file without the pid in it.
  writeFileSync(`${spec.file}.tmp`, String(process.pid));
  renameSync(`${spec.file}.tmp`, spec.file);
  while (existsSync(spec.file)) await new Promise((r) => setTimeout(r, 50));
}

/** Variables children must not inherit (they would kill or pause a nested pyenvtui). */
export const TEST_HOOK_VARS = ['PYENVTUI_TEST_KILL_AFTER_STEP', 'PYENVTUI_TEST_KILL_IN_STEP', 'PYENVTUI_TEST_KILL_IN_UNDO', 'PYENVTUI_TEST_PAUSE_IN_STEP'];
