// `pyenvtui migrate NAME... --to pipx|uv|venv[:DIR]` and `pyenvtui migrate --resume [ID]` (options: args/migrate.ts).
// Without --yes and without a terminal nothing is changed: the plan is printed and the exit code is 3.
import readline from 'node:readline/promises';
import { ScanContext } from '../context/scan-context.js';
import type { CommandIO } from '../io.js';
import { normalizeName } from '../model.js';
import type { ExecOptions } from '../migrate/events.js';
import { executePlan, resumeMigration } from '../migrate/execute.js';
import { isResumable, listJournals, readJournal, stateDir } from '../migrate/journal.js';
import { LockedError, acquireLocks, nameLockKeys } from '../migrate/lock.js';
import { parseKill, parsePause } from '../migrate/test-hooks.js';
import { visible } from '../text/safe.js';
import { distNameProblem } from '../migrate/names.js';
import { prepareMigration } from '../migrate/prepare.js';
import { eventText, planText } from '../migrate/render.js';
import { loadSource, parseFrom } from '../migrate/source.js';
import type { Step, Target } from '../migrate/types.js';
import { stripTrailingSlashes } from '../text/trim.js';
import { KIND_TRAITS } from '../kinds.js';
import { MIGRATE_SPEC } from './args/migrate.js';
import { flag, list, parseCommand, str, usageError } from './spec.js';

export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
/** Nothing changed: a confirmation was needed and there was no terminal and no --yes. */
export const EXIT_NEEDS_CONFIRMATION = 3;
/** Waiting for the user to run a printed `sudo` command. */
export const EXIT_WAITING = 4;

export interface MigrateArgs {
  names: string[];
  to?: string;
  from?: string;
  root?: string;
  offline: boolean;
  yes: boolean;
  dryRun: boolean;
  keepSource: boolean;
  /** --system-site-packages / --no-system-site-packages; undefined = decide from apt-only modules. */
  systemSite?: boolean;
  resume: boolean;
  resumeId?: string;
  /** --inject PKG (repeatable): companions for `pipx inject` (normalised). */
  inject: string[];
}

/** Parse argv (MIGRATE_SPEC); pure. */
export function parseMigrateArgs(argv: string[]): MigrateArgs | { error: string } {
  const p = parseCommand(MIGRATE_SPEC, argv);
  if ('error' in p) return p;
  if (flag(p, 'system-site-packages') && flag(p, 'no-system-site-packages')) return { error: 'choose one of --system-site-packages, --no-system-site-packages' };
  const inject: string[] = [];
  for (const v of list(p, 'inject')) {
    const bad = distNameProblem(v);
    if (bad) return { error: bad };
    inject.push(normalizeName(v));
  }
  const a: MigrateArgs = {
    names: [],
    offline: flag(p, 'offline'),
    yes: flag(p, 'yes'),
    dryRun: flag(p, 'dry-run'),
    keepSource: flag(p, 'keep-source'),
    resume: flag(p, 'resume'),
    inject,
  };
  for (const k of ['to', 'from', 'root'] as const) {
    const v = str(p, k);
    if (v !== undefined) a[k] = v;
  }
  if (flag(p, 'system-site-packages')) a.systemSite = true;
  if (flag(p, 'no-system-site-packages')) a.systemSite = false;
  if (a.resume) {
    if (p.positionals.length > 1) return { error: `--resume takes one migration ID at most (got ${p.positionals.length})` };
    if (p.positionals[0] !== undefined) a.resumeId = p.positionals[0];
    return a;
  }
  a.names = p.positionals;
  if (!a.names.length) return { error: 'name at least one package to migrate' };
  for (const n of a.names) {
    const bad = distNameProblem(n);
    if (bad) return { error: bad };
  }
  if (!a.to) return { error: '--to is required (pipx, uv or venv[:DIR])' };
  return a;
}

/** Parse --to; DIR is a machine path (~ expands to the scanned home). */
export function parseTarget(to: string, home: string, systemSite?: boolean): Target | { error: string } {
  const sys = systemSite === undefined ? {} : { systemSitePackages: systemSite };
  // The kind is a word, matched in any case (--to PIPX); a venv DIR keeps its case.
  const kind = to.toLowerCase();
  if (kind === 'pipx') return { kind, ...sys };
  if (kind === 'uv') return { kind };
  if (kind === 'venv') return { kind: 'venv', ...sys };
  if (kind.startsWith('venv:')) {
    let dir = to.slice(5);
    if (dir.startsWith('~/')) dir = `${home}/${dir.slice(2)}`;
    if (!dir.startsWith('/')) return { error: `venv:DIR needs an absolute path or ~/..., got '${dir}'` };
    return { kind: 'venv', dir: stripTrailingSlashes(dir), ...sys };
  }
  return { error: `--to must be pipx, uv, venv or venv:DIR, got '${to}'` };
}

/** Confirmation for destructive steps: --yes, an interactive [y/N] prompt, or (no terminal) never. */
export function confirmer(io: CommandIO, yes: boolean): (step: Step) => Promise<boolean> {
  return async (step) => {
    if (yes) return true;
    if (!io.isTTY) return false;
    const rl = readline.createInterface({ input: process.stdin, output: io.stdout });
    try {
      const answer = await rl.question(`\nAbout to run:\n  ${step.display}\n${step.purpose}. Proceed? [y/N] `);
      return /^y(es)?$/i.test(answer.trim());
    } finally {
      rl.close();
    }
  };
}

export function execOptions(io: CommandIO, yes: boolean, uid: number): ExecOptions {
  const kill = io.env.PYENVTUI_TEST_KILL_AFTER_STEP;
  const killIn = parseKill(io.env.PYENVTUI_TEST_KILL_IN_STEP);
  const killUndo = parseKill(io.env.PYENVTUI_TEST_KILL_IN_UNDO);
  const pause = parsePause(io.env.PYENVTUI_TEST_PAUSE_IN_STEP);
  return {
    journalDir: stateDir(io.env),
    env: io.env,
    isRoot: uid === 0,
    confirm: confirmer(io, yes),
    onEvent: (e) => {
      const t = eventText(e);
      if (t !== null) io.stdout.write(t + '\n');
    },
    ...(kill && /^\d+$/.test(kill) ? { killAfterStep: Number(kill) } : {}),
    ...(killIn ? { killInStep: killIn } : {}),
    ...(killUndo ? { killInUndo: killUndo } : {}),
    ...(pause ? { pauseInStep: pause } : {}),
  };
}

function exitFor(status: string): number {
  if (status === 'done') return 0;
  if (status === 'waiting') return EXIT_WAITING;
  return EXIT_FAILED;
}

/** Run `pyenvtui migrate`; returns the exit code. */
export async function runMigrate(argv: string[], io: CommandIO): Promise<number> {
  const args = parseMigrateArgs(argv);
  if ('error' in args) {
    return usageError(io, MIGRATE_SPEC, args.error, visible);
  }
  const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
  try {
    return await (args.resume ? resume(args, io, uid) : migrate(args, io, uid));
  } catch (e) {
    if (!(e instanceof LockedError) && !(e instanceof Error && /changed since this plan was made/.test(e.message))) throw e;
    io.stderr.write(`pyenvtui migrate: refused: ${visible(e.message)}\n`);
    return EXIT_FAILED;
  }
}

async function migrate(args: MigrateArgs, io: CommandIO, uid: number): Promise<number> {
  const ctx = new ScanContext({ root: args.root ?? '/', env: io.env });
  const target = parseTarget(args.to!, ctx.home, args.systemSite);
  const from = parseFrom(args.from);
  if ('error' in target || 'error' in from) {
    io.stderr.write(`pyenvtui migrate: ${visible('error' in target ? target.error : (from as { error: string }).error)}\n`);
    return EXIT_USAGE;
  }
  const names = args.names.map(normalizeName);
  // Locked before planning, so a concurrent migration of the same package cannot make the plan stale.
  const lock = await acquireLocks(stateDir(io.env), nameLockKeys(ctx.root, [...names, ...args.inject]), `migrate ${names.join(' ')}`);
  try {
    return await planAndRun(ctx, args, io, uid, target, from, names);
  } finally {
    await lock.release();
  }
}

async function planAndRun(
  ctx: ScanContext,
  args: MigrateArgs,
  io: CommandIO,
  uid: number,
  target: Target,
  from: Exclude<ReturnType<typeof parseFrom>, { error: string }>,
  names: string[],
): Promise<number> {
  const src = await loadSource(ctx, from, [...names, ...args.inject]);
  if (!src.env) {
    io.stderr.write(`pyenvtui migrate: ${visible(src.error ?? '')}\n`);
    return EXIT_FAILED;
  }
  // An environment prefix is named as discovery names it: the same kind and id as scan and the dashboard.
  if (from.kind === 'prefix') io.stdout.write(visible(`source: ${KIND_TRAITS[src.env.kind].label} ${src.env.name} (${src.env.id})`) + '\n');
  const plan = await prepareMigration(ctx, { source: src.env, selection: names, inject: args.inject, target, offline: args.offline, keepSource: args.keepSource, hostEnv: io.env });
  io.stdout.write(planText(plan));
  if (plan.blockers.length) {
    // A missing prerequisite is the user's next command: say it where a script's log shows it.
    const fixes = (plan.prerequisites ?? []).filter((p) => p.blocking && p.fix.length).map((p) => p.fix[0]!);
    const first = fixes.length ? `; first run: ${[...new Set(fixes)].join(' && ')}, then try again` : '';
    io.stderr.write(`pyenvtui migrate: nothing was changed (see BLOCKED above)${visible(first)}\n`);
    return EXIT_FAILED;
  }
  if (args.dryRun) return 0;
  if (!args.yes && !io.isTTY && plan.steps.some((s) => s.destructive)) {
    io.stderr.write('pyenvtui migrate: not a terminal and no --yes: nothing was changed. Re-run with --yes to confirm every step.\n');
    return EXIT_NEEDS_CONFIRMATION;
  }
  const j = await executePlan(plan, execOptions(io, args.yes, uid));
  if (j.status === 'done' || j.status === 'waiting') io.stdout.write(`journal: ${stateDir(io.env)}/${j.id}\nundo with: pyenvtui undo ${j.id}\n`);
  return exitFor(j.status);
}

async function resume(args: MigrateArgs, io: CommandIO, uid: number): Promise<number> {
  const dir = stateDir(io.env);
  const j = args.resumeId ? await readJournal(dir, args.resumeId).catch(() => null) : ((await listJournals(dir)).find(isResumable) ?? null);
  if (!j) {
    io.stderr.write(`pyenvtui migrate --resume: no interrupted migration${args.resumeId ? ` with id ${args.resumeId}` : ''} in ${dir}\n`);
    return EXIT_FAILED;
  }
  if (!isResumable(j)) {
    io.stderr.write(`pyenvtui migrate --resume: ${j.id} is ${j.status}, not interrupted\n`);
    return EXIT_FAILED;
  }
  const pending = j.plan.steps.filter((s) => j.steps.find((r) => r.id === s.id)?.state !== 'done');
  if (!args.yes && !io.isTTY && pending.some((s) => s.destructive)) {
    io.stdout.write(planText(j.plan));
    io.stderr.write('pyenvtui migrate --resume: not a terminal and no --yes: nothing was changed.\n');
    return EXIT_NEEDS_CONFIRMATION;
  }
  io.stdout.write(`resuming ${j.id}\n`);
  const out = await resumeMigration(j, execOptions(io, args.yes, uid));
  return exitFor(out.status);
}
