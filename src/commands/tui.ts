import type { CommandIO } from '../io.js';
import { VERSION } from '../version.js';

/** `pyenvtui [tui]`: the dashboard in a terminal, plain text otherwise. */
export async function runTui(_argv: string[], io: CommandIO): Promise<number> {
  if (!io.isTTY) {
    io.stdout.write(
      `pyenvtui ${VERSION}: the dashboard needs an interactive terminal (stdin and stdout must be a TTY).\n` +
        `Run 'pyenvtui --help' for the commands that print plain text.\n`,
    );
    return 0;
  }
  const { launchDashboard } = await import('../../components/app/launch.js');
  await launchDashboard({ version: VERSION });
  return 0;
}
