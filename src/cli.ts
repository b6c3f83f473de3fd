// Routing, global options (--context, --help, --version) and exit codes. The commands, their options and
// help are in the command table (src/commands/table.ts); each command's code is loaded only when used.
import type { CommandIO } from './io.js';
import { VERSION } from './version.js';
import { COMMANDS } from './commands/table.js';
import { commandHelp, synopsis } from './commands/spec.js';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

export const HELP = `pyenvtui ${VERSION} — every Python on this machine, its packages, and what is risky

Usage:
${COMMANDS.map((c) => `  ${synopsis(c.spec).join('\n  ')}\n      ${c.spec.summary}`).join('\n')}

Options:
  -h, --help      show this help; \`pyenvtui COMMAND --help\` lists every option of a command
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
    const v = value.toLowerCase();
    if (v !== 'host' && v !== 'container') return { error: `--context must be host or container (got '${value}')` };
    env.PYENVTUI_CONTEXT = v;
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
  const named = first !== undefined && !first.startsWith('-') ? COMMANDS.find((c) => c.spec.name === first) : undefined;
  if (first !== undefined && !first.startsWith('-') && !named) {
    io.stderr.write(`pyenvtui: unknown command '${first}'\nRun 'pyenvtui --help' for usage.\n`);
    return EXIT_USAGE;
  }
  const cmd = named ?? COMMANDS[0]!;
  const args = named ? rest : argv;
  // --help anywhere before `--` shows the command's own help (generated from its spec, so complete).
  const end = args.indexOf('--');
  if ((end < 0 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h')) {
    io.stdout.write(commandHelp(cmd.spec));
    return EXIT_OK;
  }
  try {
    return await cmd.run(args, io);
  } catch (e) {
    io.stderr.write(`pyenvtui: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT_USAGE;
  }
}
