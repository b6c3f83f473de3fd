// Runs the built bin (bin/pyenvtui.js, bundled by globalSetup) as its own process against a
// sandbox, the way a user or a script would: no TTY, argument array, the sandbox env. A separate
// process can be SIGKILLed (interruption tests) and its exit code and streams are real.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Sandbox } from './sandbox.js';

/** The bin the e2e tests drive (same as test/helpers/tmux.ts). */
export const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'bin', 'pyenvtui.js');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** Variables added to (or overriding) the sandbox env. */
  env?: Record<string, string>;
  /** Drop these variables from the sandbox env (e.g. PIP_NO_INDEX to use a configured index). */
  unset?: string[];
  /** Start it as a process-group leader, so a kill of its group (PYENVTUI_TEST_KILL_*:group) takes its children too. */
  detached?: boolean;
}

/**
 * The operator's state dir for a sandbox: `<base>/state`, outside the root. pyenvtui keeps its
 * journals in the state dir of whoever runs it, not inside a scanned root, so a listing of
 * `sb.root` before and after a migration shows only what the migration did to the machine.
 */
export function operatorState(sb: Sandbox): string {
  return path.join(sb.base, 'state');
}

/** The env cli() runs with: sandbox env, XDG_STATE_HOME = operatorState(sb), then opts. */
export function cliEnv(sb: Sandbox, opts: CliOptions = {}): Record<string, string> {
  const env: Record<string, string> = { ...sb.env, XDG_STATE_HOME: operatorState(sb), ...(opts.env ?? {}) };
  for (const k of opts.unset ?? []) delete env[k];
  return env;
}

/** `node bin/pyenvtui.js ARGS` with the sandbox env; resolves with the exit code or signal (never rejects). */
export function cli(sb: Sandbox, args: string[], opts: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: cliEnv(sb, opts), cwd: sb.home, stdio: ['ignore', 'pipe', 'pipe'], detached: opts.detached === true });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
    );
  });
}

/** Run a command with the sandbox env; its stdout, or null when it fails (for "does it still work" probes). */
export function tryRun(sb: Sandbox, cmd: string, args: string[], env: Record<string, string> = {}): Promise<string | null> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env: { ...sb.env, ...env }, cwd: sb.home, stdio: ['ignore', 'pipe', 'ignore'] });
    const out: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.on('error', () => resolve(null));
    child.on('close', (code) => resolve(code === 0 ? Buffer.concat(out).toString('utf8') : null));
  });
}
