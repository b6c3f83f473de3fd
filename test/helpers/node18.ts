// Debian bookworm's own Node 18 (scripts/node18.sh: apt-get download + dpkg-deb -x into a cache,
// run in a private mount namespace), for the tests that run the bundle on it. Never skipped: when
// Node 18 cannot be had, this throws with the script's explanation and the test fails.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const SCRIPT = path.resolve(import.meta.dirname, '../../scripts/node18.sh');

/** Path of a `node` that is Debian's Node 18 (fetched on first use, ~11 MB, then cached). */
export function node18(): string {
  const r = spawnSync('bash', [SCRIPT], { encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) {
    throw new Error(`Debian's Node 18 could not be fetched, so the bundle cannot be tested on it:\n${r.stderr || r.error?.message}`);
  }
  return r.stdout.trim();
}

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion (no TTY), never throwing on a non-zero exit. */
export function runCmd(cmd: string, args: string[], env: Record<string, string>, cwd?: string): Ran {
  const r = spawnSync(cmd, args, { env, cwd, encoding: 'utf8', maxBuffer: 1 << 28, timeout: 120_000 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
