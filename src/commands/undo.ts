// `pyenvtui undo [ID] [--yes] [--list]`: reverse the last migration (or the one named) from its journal.
import readline from 'node:readline/promises';
import type { CommandIO } from '../io.js';
import { listJournals, readJournal, stateDir } from '../migrate/journal.js';
import { LockedError } from '../migrate/lock.js';
import { visible } from '../text/safe.js';
import { eventText, journalLine } from '../migrate/render.js';
import type { ExecEvent } from '../migrate/events.js';
import { undoMigration } from '../migrate/undo.js';
import { EXIT_FAILED, EXIT_NEEDS_CONFIRMATION, execOptions } from './migrate.js';
import { UNDO_SPEC } from './args/undo.js';
import { flag, parseCommand, usageError } from './spec.js';

/** Progress of an undo in its own words: each step's undo description, and a plain last line. Pure. */
export function undoEventText(e: ExecEvent): string | null {
  switch (e.type) {
    case 'step-start':
      return `==> [${e.step.id}] ${e.step.undo.description}`;
    case 'status':
      if (e.status === 'undone') return 'undone: the state before the migration is restored';
      return `${e.status}${e.message ? `: ${e.message}` : ''}`;
    default:
      return eventText(e);
  }
}

/** Run `pyenvtui undo`; returns the exit code. */
export async function runUndo(argv: string[], io: CommandIO): Promise<number> {
  const p = parseCommand(UNDO_SPEC, argv);
  if ('error' in p) return usageError(io, UNDO_SPEC, p.error, visible);
  const id = p.positionals[0];
  const yes = flag(p, 'yes');
  const list = flag(p, 'list');
  const dir = stateDir(io.env);
  const all = await listJournals(dir);
  if (list) {
    for (const j of all) io.stdout.write(journalLine(j) + '\n');
    return 0;
  }
  const j = id ? await readJournal(dir, id).catch(() => null) : (all.find((x) => x.status !== 'undone' && x.steps.some((s) => s.state !== 'pending')) ?? null);
  if (!j) {
    io.stderr.write(`pyenvtui undo: ${id ? `no migration ${id}` : 'no migration to undo'} in ${dir}\n`);
    return EXIT_FAILED;
  }
  if (j.status === 'undone') {
    io.stdout.write(`${j.id} is already undone\n`);
    return 0;
  }
  io.stdout.write(`Undo ${journalLine(j)}\n`);
  for (const s of [...j.plan.steps].reverse()) {
    const r = j.steps.find((x) => x.id === s.id);
    if (r && r.state !== 'pending' && r.state !== 'skipped' && !r.undone) io.stdout.write(`  ${s.id}. ${visible(s.undo.description)}\n`);
  }
  if (!yes) {
    if (!io.isTTY) {
      io.stderr.write('pyenvtui undo: not a terminal and no --yes: nothing was changed.\n');
      return EXIT_NEEDS_CONFIRMATION;
    }
    const rl = readline.createInterface({ input: process.stdin, output: io.stdout });
    const answer = await rl.question('Proceed? [y/N] ').finally(() => rl.close());
    if (!/^y(es)?$/i.test(answer.trim())) return EXIT_NEEDS_CONFIRMATION;
  }
  const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
  let r;
  try {
    r = await undoMigration(j, {
      ...execOptions(io, true, uid),
      onEvent: (e) => {
        const t = undoEventText(e);
        if (t !== null) io.stdout.write(t + '\n');
      },
    });
  } catch (e) {
    if (!(e instanceof LockedError)) throw e;
    io.stderr.write(`pyenvtui undo: refused, nothing was changed: ${visible(e.message)}\n`);
    return EXIT_FAILED;
  }
  if (r.needsRoot) io.stderr.write(`pyenvtui undo: nothing was changed; it needs root, run:\n  ${visible(r.command ?? '')}\n`);
  else if (!r.ok) io.stderr.write(`pyenvtui undo: refused or incomplete: ${r.errors.map(visible).join('\n')}\n`);
  return r.ok ? 0 : EXIT_FAILED;
}
