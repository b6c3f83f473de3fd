// What `repair` and `clean` share: the live scan, the tools on PATH, one confirmation for a whole plan,
// and running it through the journaled executor (undo with `pyenvtui undo ID`).
import readline from 'node:readline/promises';
import path from 'node:path';
import { ScanContext } from '../context/scan-context.js';
import type { CommandIO } from '../io.js';
import type { Environment, Inventory } from '../model.js';
import { executePlan } from '../migrate/execute.js';
import { stateDir } from '../migrate/journal.js';
import { LockedError } from '../migrate/lock.js';
import { findOnHostPath } from '../facts/path.js';
import { toolHomes } from '../facts/tools.js';
import type { TargetTools } from '../migrate/targets/common.js';
import type { Plan } from '../migrate/types.js';
import { visible } from '../text/safe.js';
import { EXIT_NEEDS_CONFIRMATION, execOptions } from './migrate.js';

export async function liveScan(io: CommandIO): Promise<{ ctx: ScanContext; inv: Inventory }> {
  const ctx = new ScanContext({ root: '/', env: io.env });
  const { scan } = await import('../discover/index.js');
  return { ctx, inv: await scan(ctx) };
}

/** The tools a plan runs on this machine: python3, pipx and uv from PATH, pipx's home as discovery resolves it. */
export async function hostTools(io: Pick<CommandIO, 'env'>, ctx: ScanContext): Promise<TargetTools | null> {
  const python = findOnHostPath('python3', io.env.PATH);
  if (!python) return null;
  const pipx = findOnHostPath('pipx', io.env.PATH);
  const uv = findOnHostPath('uv', io.env.PATH);
  const homes = await toolHomes(ctx);
  return {
    python,
    ...(pipx ? { pipx } : {}),
    ...(uv ? { uv } : {}),
    pipxHome: ctx.hostPath(homes.pipx.home),
    pipxBinDir: ctx.hostPath(homes.pipx.binDir),
    home: ctx.home,
  };
}

/** Environments named on the command line: a path (its prefix, or inside it) or a unique name. */
export function pickEnvs(inv: Inventory, names: string[]): { envs: Environment[]; errors: string[] } {
  const envs: Environment[] = [];
  const errors: string[] = [];
  for (const n of names) {
    const abs = path.resolve(n);
    const byPath = inv.environments.filter((e) => e.prefix === abs);
    const byName = byPath.length ? [] : inv.environments.filter((e) => e.name === n);
    const hit = byPath.length ? byPath : byName;
    if (hit.length === 1) {
      if (!envs.includes(hit[0]!)) envs.push(hit[0]!);
    } else if (hit.length > 1) errors.push(`${n} names ${hit.length} environments: give its path (${hit.map((e) => e.prefix).join(', ')})`);
    else errors.push(`${n}: no environment with that path or name`);
  }
  return { envs, errors: errors.map(visible) };
}

async function ask(io: CommandIO, question: string): Promise<boolean> {
  const rl = readline.createInterface({ input: process.stdin, output: io.stdout });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

/** Runs a shown plan once confirmed (--yes, or y at a terminal). Exit 0 done, 1 failed, 3 not confirmed. */
export async function confirmAndRun(cmd: string, plan: Plan, io: CommandIO, yes: boolean, doneWord: string): Promise<number> {
  if (!yes) {
    if (!io.isTTY) {
      io.stderr.write(`pyenvtui ${cmd}: not a terminal and no --yes: nothing was changed. Re-run with --yes to run the plan above.\n`);
      return EXIT_NEEDS_CONFIRMATION;
    }
    if (!(await ask(io, `Run these ${plan.steps.length} steps? [y/N] `))) {
      io.stdout.write('nothing was changed\n');
      return EXIT_NEEDS_CONFIRMATION;
    }
  }
  return runJournaled(cmd, plan, io, true, doneWord);
}

/**
 * Runs a plan through the journaled executor (`yes`: confirm each step without asking). Exit 0 done, 1 failed or
 * refused by a lock; prints the journal and the undo command.
 */
export async function runJournaled(cmd: string, plan: Plan, io: CommandIO, yes: boolean, doneWord: string): Promise<number> {
  const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
  try {
    const j = await executePlan(plan, execOptions(io, yes, uid));
    if (j.status !== 'done') return 1;
    io.stdout.write(`${doneWord}; journal: ${stateDir(io.env)}/${j.id}\nundo with: pyenvtui undo ${j.id}\n`);
    return 0;
  } catch (e) {
    if (!(e instanceof LockedError)) throw e;
    io.stderr.write(`pyenvtui ${cmd}: refused: ${visible(e.message)}\n`);
    return 1;
  }
}
