// Subprocesses for the harness: argument arrays only (never a shell), no stdin (CI has none),
// and an error that carries the command and its output, so a failing build explains itself.
import { spawn } from 'node:child_process';

export interface RunOptions {
  env: Record<string, string>;
  cwd?: string;
  /** Kill the process after this long; generous because CI machines can be slow. */
  timeoutMs?: number;
}

export interface RunResult {
  stdout: string;
  stderr: string;
}

export class RunError extends Error {
  constructor(
    message: string,
    readonly code: number | null,
    readonly stdout: string,
    readonly stderr: string,
  ) {
    super(message);
    this.name = 'RunError';
  }
}

/** Run `cmd` with `args`; resolves on exit 0, rejects with a RunError otherwise. */
export function run(cmd: string, args: readonly string[], opts: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, [...args], {
      env: opts.env,
      cwd: opts.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: opts.timeoutMs ?? 240_000,
      killSignal: 'SIGKILL',
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => reject(new RunError(`cannot start ${cmd}: ${e.message}`, null, '', '')));
    child.on('close', (code, signal) => {
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      if (code === 0) return resolve({ stdout, stderr });
      const why = signal ? `killed by ${signal}` : `exit ${code}`;
      const tail = (stderr || stdout).split('\n').slice(-25).join('\n');
      reject(new RunError(`${[cmd, ...args].join(' ')} failed (${why}):\n${tail}`, code, stdout, stderr));
    });
  });
}
