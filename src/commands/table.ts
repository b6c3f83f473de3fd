// The command table: one line per command, its spec (options and help, src/commands/args/) and the module
// that runs it, loaded only when used so `pyenvtui --version` and the dashboard start without the others.
// Adding a command: its spec in args/NAME.ts, its code in NAME.ts, one line here.
import type { CommandIO } from '../io.js';
import { CLEAN_SPEC } from './args/clean.js';
import { DOCTOR_SPEC } from './args/doctor.js';
import { EXPORT_SPEC } from './args/export.js';
import { FLEET_SPEC } from './args/fleet.js';
import { IMPACT_SPEC } from './args/impact.js';
import { MIGRATE_SPEC } from './args/migrate.js';
import { REPAIR_SPEC } from './args/repair.js';
import { RESTORE_SPEC } from './args/restore.js';
import { SCAN_SPEC } from './args/scan.js';
import { TUI_SPEC } from './args/tui.js';
import { UNDO_SPEC } from './args/undo.js';
import type { CommandSpec } from './spec.js';

export interface Command {
  spec: CommandSpec;
  /** Runs the command with its own argv (the command name and global options taken out); the exit code. */
  run: (argv: string[], io: CommandIO) => Promise<number>;
}

/** In `pyenvtui --help` order; the first is the default command. */
export const COMMANDS: readonly Command[] = [
  { spec: TUI_SPEC, run: async (argv, io) => (await import('./tui.js')).runTui(argv, io) },
  { spec: SCAN_SPEC, run: async (argv, io) => (await import('./scan.js')).runScan(argv, io) },
  { spec: DOCTOR_SPEC, run: async (argv, io) => (await import('./doctor.js')).runDoctor(argv, io) },
  { spec: FLEET_SPEC, run: async (argv, io) => (await import('./fleet.js')).runFleet(argv, io) },
  { spec: MIGRATE_SPEC, run: async (argv, io) => (await import('./migrate.js')).runMigrate(argv, io) },
  { spec: IMPACT_SPEC, run: async (argv, io) => (await import('./impact.js')).runImpact(argv, io) },
  { spec: EXPORT_SPEC, run: async (argv, io) => (await import('./export-restore.js')).runExport(argv, io) },
  { spec: RESTORE_SPEC, run: async (argv, io) => (await import('./export-restore.js')).runRestore(argv, io) },
  { spec: REPAIR_SPEC, run: async (argv, io) => (await import('./repair.js')).runRepair(argv, io) },
  { spec: CLEAN_SPEC, run: async (argv, io) => (await import('./clean.js')).runClean(argv, io) },
  { spec: UNDO_SPEC, run: async (argv, io) => (await import('./undo.js')).runUndo(argv, io) },
];
