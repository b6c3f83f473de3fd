// Argument parsing, modes and exit codes. Each mode lives in its own module, loaded only when used,
// so `pyenvtui --version` and the dashboard start without parsing code they do not need.
import type { CommandIO } from './io.js';
import { VERSION } from './version.js';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

interface Command {
  name: string;
  usage: string;
  summary: string;
  run: (argv: string[], io: CommandIO) => Promise<number>;
}

const COMMANDS: Command[] = [
  {
    name: 'tui',
    usage: 'pyenvtui [tui] [--root DIR] [--search DIR] [--no-color] [--ascii] [--readonly]',
    summary: 'open the full-screen dashboard (the default)',
    run: async (argv, io) => (await import('./commands/tui.js')).runTui(argv, io),
  },
  {
    name: 'scan',
    usage: 'pyenvtui scan [--json | --json-lines | --facts[=full]] [--root DIR] [--search DIR]... [--depth N]',
    summary: 'list every Python environment and its packages (text, the JSON inventory, one line per environment, or Ansible facts)',
    run: async (argv, io) => (await import('./commands/scan.js')).runScan(argv, io),
  },
  {
    name: 'doctor',
    usage: 'pyenvtui doctor [--json] [--fail-on SEVERITY] [--root DIR]',
    summary: 'report risks grouped by severity; exit 1 when any is at or above --fail-on (default high)',
    run: async (argv, io) => (await import('./commands/doctor.js')).runDoctor(argv, io),
  },
  {
    name: 'fleet',
    usage: 'pyenvtui fleet [doctor] DIR [--json] [--package NAME] [--stale-days N] [--fail-on SEVERITY]',
    summary: 'every host of an Ansible run (fact cache, --tree dir or scan --facts files): dashboard, JSON, or CI exit codes',
    run: async (argv, io) => (await import('./commands/fleet.js')).runFleet(argv, io),
  },
  {
    name: 'migrate',
    usage: 'pyenvtui migrate NAME... --to pipx|uv|venv[:DIR] [--from user|local|PREFIX] [--offline] [--yes] [--dry-run] [--keep-source]',
    summary: 'move packages into isolated environments: plan, install, verify, then remove the source (also --resume)',
    run: async (argv, io) => (await import('./commands/migrate.js')).runMigrate(argv, io),
  },
  {
    name: 'impact',
    usage: 'pyenvtui impact PYTHON | --upgrade RELEASE [--json] [--root DIR]',
    summary: 'what breaks if this Python is removed (or the distribution upgraded); exit 1 when something would',
    run: async (argv, io) => (await import('./commands/impact.js')).runImpact(argv, io),
  },
  {
    name: 'export',
    usage: 'pyenvtui export [--root DIR] [--pretty]',
    summary: 'print pipx/uv tools, venvs (pinned), pip settings and apt replacements as JSON for restore',
    run: async (argv, io) => (await import('./commands/export-restore.js')).runExport(argv, io),
  },
  {
    name: 'restore',
    usage: 'pyenvtui restore FILE [--wheels DIR] [--dry-run] [--yes]',
    summary: 'plan and run an export on this machine (skips what exists, reports what cannot be restored); undoable',
    run: async (argv, io) => (await import('./commands/export-restore.js')).runRestore(argv, io),
  },
  {
    name: 'repair',
    usage: 'pyenvtui repair ENV... | --all [--python PATH] [--dry-run] [--yes]',
    summary: 'rebuild broken environments (same Python minor, same packages) from their own files; undoable',
    run: async (argv, io) => (await import('./commands/repair.js')).run(argv, io),
  },
  {
    name: 'clean',
    usage: 'pyenvtui clean [--json] [--stale-days N] | ENV... | --broken | --orphaned | --duplicates | --stale | --caches [--dry-run] [--yes] | --empty-trash [--yes]',
    summary: 'environments by size and last use (broken, orphaned, duplicate, stale) and caches; move the chosen ones to an undoable trash',
    run: async (argv, io) => (await import('./commands/clean.js')).run(argv, io),
  },
  {
    name: 'undo',
    usage: 'pyenvtui undo [ID] [--yes]',
    summary: 'reverse the last migration (or the one named) from its journal',
    run: async (argv, io) => (await import('./commands/undo.js')).runUndo(argv, io),
  },
];

export const HELP = `pyenvtui ${VERSION} — every Python on this machine, its packages, and what is risky

Usage:
${COMMANDS.map((c) => `  ${c.usage}\n      ${c.summary}`).join('\n')}

Options:
  -h, --help      show this help
  -V, --version   print the version

  --context host|container
                  what this machine is: a host (default when unsure) or a throwaway container
                  where pip into the system Python is acceptable; any command

Environment:
  NO_COLOR        disable colour (same as --no-color)
  PYENVTUI_CONTEXT  host or container (same as --context)
`;

/** Takes `--context host|container` out of argv (any command) into the env the commands read. */
function takeContext(argv: string[], io: CommandIO): { argv: string[]; io: CommandIO } | { error: string } {
  const out: string[] = [];
  let value: string | undefined = undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--context') value = argv[++i] ?? '';
    else if (a.startsWith('--context=')) value = a.slice('--context='.length);
    else out.push(a);
  }
  const env = { ...io.env };
  if (value !== undefined) {
    if (value !== 'host' && value !== 'container') return { error: `--context must be host or container (got '${value}')` };
    env.PYENVTUI_CONTEXT = value;
    env.PYENVTUI_CONTEXT_FROM_FLAG = '1';
  } else if (env.PYENVTUI_CONTEXT !== undefined && env.PYENVTUI_CONTEXT !== 'host' && env.PYENVTUI_CONTEXT !== 'container') {
    return { error: `PYENVTUI_CONTEXT must be host or container (got '${env.PYENVTUI_CONTEXT}')` };
  } else delete env.PYENVTUI_CONTEXT_FROM_FLAG;
  return { argv: out, io: { ...io, env } };
}

/** Runs the command line and returns the process exit code. */
export async function runCli(rawArgv: string[], rawIo: CommandIO): Promise<number> {
  const taken = takeContext(rawArgv, rawIo);
  if ('error' in taken) {
    rawIo.stderr.write(`pyenvtui: ${taken.error}\nRun 'pyenvtui --help' for usage.\n`);
    return EXIT_USAGE;
  }
  const { argv, io } = taken;
  const [first, ...rest] = argv;
  if (first === '--version' || first === '-V') {
    io.stdout.write(`${VERSION}\n`);
    return EXIT_OK;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    io.stdout.write(HELP);
    return EXIT_OK;
  }
  const named = first !== undefined && !first.startsWith('-') ? COMMANDS.find((c) => c.name === first) : undefined;
  if (first !== undefined && !first.startsWith('-') && !named) {
    io.stderr.write(`pyenvtui: unknown command '${first}'\nRun 'pyenvtui --help' for usage.\n`);
    return EXIT_USAGE;
  }
  const cmd = named ?? COMMANDS[0]!;
  const args = named ? rest : argv;
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(`Usage: ${cmd.usage}\n  ${cmd.summary}\n`);
    return EXIT_OK;
  }
  try {
    return await cmd.run(args, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`pyenvtui: ${e.message}\nRun 'pyenvtui --help' for usage.\n`);
      return EXIT_USAGE;
    }
    io.stderr.write(`pyenvtui: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT_USAGE;
  }
}

/** Thrown for bad arguments; the CLI prints it and exits 2. */
export class UsageError extends Error {}
