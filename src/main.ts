// Bundle entry: run the CLI with the real process streams and exit with its code.
import { runCli } from './cli.js';

// A reader that stops early (`pyenvtui scan --json | head -1`) closes the pipe. Stop quietly, with the
// status a shell gives any program killed by SIGPIPE (128 + 13), instead of an EPIPE stack trace.
export const EXIT_BROKEN_PIPE = 141;
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(EXIT_BROKEN_PIPE);
    throw e;
  });
}

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  isTTY: process.stdin.isTTY === true && process.stdout.isTTY === true,
});
// The dashboard keeps the event loop alive on its own and resolves only once it has exited.
process.exitCode = code;
