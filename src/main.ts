// Bundle entry: run the CLI with the real process streams and exit with its code.
import { runCli } from './cli.js';

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  isTTY: process.stdin.isTTY === true && process.stdout.isTTY === true,
});
// The dashboard keeps the event loop alive on its own and resolves only once it has exited.
process.exitCode = code;
