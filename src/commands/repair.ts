// `pyenvtui repair ENV... | --all [--python PATH] [--dry-run] [--yes]`: broken environments rebuilt from their
// own records through the planner (plan, progress, verification, journal, undo). See lifecycle/repair-plan.ts.
import type { CommandIO } from '../io.js';
import { newMigrationId, stateDir } from '../migrate/journal.js';
import { planText } from '../migrate/render.js';
import { planRepair, VENV_KINDS } from '../lifecycle/repair-plan.js';
import { visible } from '../text/safe.js';
import { REPAIR_SPEC } from './args/repair.js';
import { flag, parseCommand, str, usageError } from './spec.js';
import { confirmAndRun, hostTools, liveScan, pickEnvs } from './lifecycle-run.js';
import path from 'node:path';

function usage(io: CommandIO, msg: string): number {
  return usageError(io, REPAIR_SPEC, msg, visible);
}

export async function runRepair(argv: string[], io: CommandIO): Promise<number> {
  const p = parseCommand(REPAIR_SPEC, argv);
  if ('error' in p) return usage(io, p.error);
  const positionals = p.positionals;
  const values = { all: flag(p, 'all'), python: str(p, 'python'), 'dry-run': flag(p, 'dry-run'), yes: flag(p, 'yes') };
  if (values.all === (positionals.length > 0)) return usage(io, 'name the environments to repair, or --all');
  const { ctx, inv } = await liveScan(io);
  const tools = await hostTools(io, ctx);
  if (!tools) {
    io.stderr.write('pyenvtui repair: no python3 on PATH\n');
    return 1;
  }
  let envs;
  if (values.all) {
    envs = inv.environments.filter((e) => e.health.cannotRun !== undefined && (VENV_KINDS.has(e.kind) || e.kind === 'pipx' || e.kind === 'uv-tool'));
  } else {
    const picked = pickEnvs(inv, positionals);
    if (picked.errors.length) return usage(io, picked.errors.join('\n'));
    envs = picked.envs;
  }
  let python: { path: string; version: string | null } | undefined;
  if (values.python !== undefined) {
    const p = path.resolve(values.python);
    const known = inv.environments.find((e) => e.python.executable === p && e.health.cannotRun === undefined);
    if (!known) return usage(io, `--python ${p} is not a working interpreter pyenvtui found on this machine`);
    python = { path: p, version: known.python.version };
  }
  const id = newMigrationId(ctx.now());
  const plan = planRepair({ id, createdAt: ctx.now().toISOString(), inv, envs, tools, ...(python ? { python } : {}), backupDir: path.join(stateDir(io.env), id) });
  io.stdout.write(planText(plan));
  for (const s of plan.notRepaired) io.stdout.write(`  not repaired: ${visible(s)}\n`);
  if (!plan.steps.length) {
    io.stdout.write(envs.length ? 'nothing to repair\n' : 'no broken environments\n');
    return plan.notRepaired.length && !values.all ? 1 : 0;
  }
  if (plan.blockers.length) {
    io.stdout.write('nothing was changed\n');
    return 1;
  }
  if (values['dry-run']) return 0;
  return confirmAndRun('repair', plan, io, values.yes === true, 'repaired');
}
