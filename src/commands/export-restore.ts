// `pyenvtui export [--root DIR]` prints the machine's tools and venvs as pyenvtui/export@1 JSON;
// `pyenvtui restore FILE [--wheels DIR] [--dry-run] [--yes]` plans them on this machine and runs the plan
// through the journaled executor (verify, undo with `pyenvtui undo ID`).
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { ScanContext } from '../context/scan-context.js';
import type { CommandIO } from '../io.js';
import { exportMachine, validateExport } from '../lifecycle/export.js';
import { planRestore } from '../lifecycle/restore.js';
import { newMigrationId, stateDir } from '../migrate/journal.js';
import { planText } from '../migrate/render.js';
import { visible } from '../text/safe.js';
import { hostTools, liveScan, runJournaled } from './lifecycle-run.js';
import { jsonSafe } from '../text/safe.js';
import { EXPORT_SPEC } from './args/export.js';
import { RESTORE_SPEC } from './args/restore.js';
import { flag, parseCommand, str, usageError, type CommandSpec } from './spec.js';


/** Largest export document read (a machine with thousands of venvs is a few MB). */
const MAX_DOC_BYTES = 64 * 1024 * 1024;

const usage = (io: CommandIO, spec: CommandSpec, msg: string): number => usageError(io, spec, msg, visible);

export async function runExport(argv: string[], io: CommandIO): Promise<number> {
  const p = parseCommand(EXPORT_SPEC, argv);
  if ('error' in p) return usage(io, EXPORT_SPEC, p.error);
  const values = { root: str(p, 'root'), pretty: flag(p, 'pretty') };
  const ctx = new ScanContext({ root: path.resolve(values.root ?? '/'), env: io.env });
  if (!(await ctx.isDir('/'))) return usage(io, EXPORT_SPEC, `--root ${values.root} is not a directory`);
  const { scan } = await import('../discover/index.js');
  const { analyze } = await import('../analyze.js');
  const inv = await scan(ctx);
  const { findings } = await analyze(inv, ctx);
  io.stdout.write(jsonSafe(JSON.stringify(exportMachine(inv, findings), null, values.pretty ? 2 : undefined)) + '\n');
  return 0;
}

export async function runRestore(argv: string[], io: CommandIO): Promise<number> {
  const p = parseCommand(RESTORE_SPEC, argv);
  if ('error' in p) return usage(io, RESTORE_SPEC, p.error);
  const positionals = p.positionals;
  const values = { wheels: str(p, 'wheels'), 'dry-run': flag(p, 'dry-run'), yes: flag(p, 'yes') };
  if (positionals.length !== 1) return usage(io, RESTORE_SPEC, 'name one export file');
  const file = positionals[0]!;
  const st = await fsp.stat(file).catch(() => null);
  if (!st?.isFile()) return usage(io, RESTORE_SPEC, `${file} is not a file`);
  if (st.size > MAX_DOC_BYTES) return usage(io, RESTORE_SPEC, `${file} is larger than 64 MiB`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(await fsp.readFile(file, 'utf8'));
  } catch (e) {
    return usage(io, RESTORE_SPEC, `${file} is not JSON: ${(e as Error).message}`);
  }
  const doc = validateExport(parsed);
  if ('error' in doc) return usage(io, RESTORE_SPEC, `${file}: ${doc.error}`);
  const wheels = values.wheels !== undefined ? path.resolve(values.wheels) : undefined;
  if (wheels !== undefined && !(await fsp.stat(wheels).then((s) => s.isDirectory(), () => false))) return usage(io, RESTORE_SPEC, `--wheels ${wheels} is not a directory`);

  const { ctx, inv } = await liveScan(io);
  const tools = await hostTools(io, ctx);
  if (!tools) {
    io.stderr.write('pyenvtui restore: no python3 on PATH to build environments with\n');
    return 1;
  }
  const id = newMigrationId(ctx.now());
  const plan = planRestore({
    id,
    createdAt: ctx.now().toISOString(),
    doc,
    inv,
    home: ctx.home,
    tools,
    ...(wheels ? { wheels } : {}),
    backupDir: path.join(stateDir(io.env), id),
  });
  io.stdout.write(planText(plan));
  for (const s of plan.skipped) io.stdout.write(`  skipped: ${visible(s)}\n`);
  for (const s of plan.notRestored) io.stdout.write(`  not restored: ${visible(s)}\n`);
  if (!plan.steps.length) {
    io.stdout.write('nothing to restore\n');
    return 0;
  }
  if (values['dry-run']) return 0;
  // The executor asks before each step at a terminal unless --yes.
  return runJournaled('restore', plan, io, values.yes === true, 'restored');
}
