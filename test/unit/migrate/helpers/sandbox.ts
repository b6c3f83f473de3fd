// A throwaway "machine" for migration tests: a root directory (pyenvtui --root) with a home inside,
// polluted with real pip (pip --root into /usr/local, pip --user into the home), and a journal dir
// outside the root. Nothing here touches the machine's own Pythons.
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';

export const PY = process.env.PYENVTUI_TEST_PYTHON ?? '/usr/bin/python3';
export const MINOR = 'python3.11';
const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..', '..', '..');
const pexec = promisify(execFile);

let wheelDir: string | null = null;
/** The m6 wheels (m6-cli 2.0 → m6-lib 1.0; m6-lib2 0.5), built once per process. */
export async function wheels(): Promise<string> {
  if (wheelDir) return wheelDir;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'm6-wheels-'));
  await pexec(PY, [path.join(HERE, 'make_wheels.py'), dir]);
  wheelDir = dir;
  return dir;
}

let cliPath: string | null = null;
/** Bundle runMigrate/runUndo into one script, so tests drive a real separate process (SIGKILL-able). */
export async function migrateCli(): Promise<string> {
  if (cliPath) return cliPath;
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'm6-cli-')), 'cli.mjs');
  await build({
    stdin: {
      contents: `import { runMigrate } from './src/commands/migrate.ts';
import { runUndo } from './src/commands/undo.ts';
const [cmd, ...rest] = process.argv.slice(2);
const io = { stdout: process.stdout, stderr: process.stderr, env: process.env, isTTY: false };
process.exitCode = cmd === 'undo' ? await runUndo(rest, io) : await runMigrate(rest, io);`,
      resolveDir: REPO,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: out,
    packages: 'external',
    logLevel: 'silent',
  });
  // External packages resolve from the repo's node_modules.
  await fsp.symlink(path.join(REPO, 'node_modules'), path.join(path.dirname(out), 'node_modules'));
  cliPath = out;
  return out;
}

export interface Sandbox {
  dir: string;
  root: string;
  /** Host path of the home inside the root. */
  home: string;
  state: string;
  env: Record<string, string>;
}

export function makeSandbox(): Sandbox {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'm6-sbx-'));
  const root = path.join(dir, 'root');
  const home = path.join(root, 'home', 'u');
  mkdirSync(home, { recursive: true });
  const state = path.join(dir, 'state');
  const env: Record<string, string> = {
    PATH: '/usr/local/bin:/usr/bin:/bin',
    HOME: home,
    XDG_STATE_HOME: state,
    LANG: 'C.UTF-8',
    PIP_DISABLE_PIP_VERSION_CHECK: '1',
    PIP_NO_INDEX: '1',
  };
  return { dir, root, home, state, env };
}

async function sh(cmd: string, args: string[], env: Record<string, string>): Promise<string> {
  const r = await pexec(cmd, args, { env, maxBuffer: 1 << 24 });
  return r.stdout;
}

/** `sudo pip install` into the root's /usr/local (pip --root): the distro-like pollution. */
export async function pipRootInstall(s: Sandbox, ...reqs: string[]): Promise<void> {
  await sh(PY, ['-m', 'pip', 'install', '-q', '--root', s.root, '--no-warn-script-location', '--find-links', await wheels(), ...reqs], s.env);
}

/** `pip install --user` into the sandbox home. */
export async function pipUserInstall(s: Sandbox, ...reqs: string[]): Promise<void> {
  await sh(PY, ['-m', 'pip', 'install', '-q', '--user', '--break-system-packages', '--no-warn-script-location', '--find-links', await wheels(), ...reqs], s.env);
}

/** A real venv inside the root (host path returned). */
export async function makeVenv(s: Sandbox, machineDir: string): Promise<string> {
  const host = path.join(s.root, machineDir);
  await sh(PY, ['-m', 'venv', host], s.env);
  return host;
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Run the migrate/undo CLI as its own process. */
export async function cli(s: Sandbox, args: string[], extraEnv: Record<string, string> = {}): Promise<CliResult> {
  const script = await migrateCli();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { env: { ...s.env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Every entry under dir: path, type, and content hash or link target. */
export async function listing(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const e of await fsp.readdir(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      const rel = path.relative(dir, p);
      if (e.isSymbolicLink()) out.push(`${rel} -> ${await fsp.readlink(p)}`);
      else if (e.isDirectory()) {
        out.push(`${rel}/`);
        await walk(p);
      } else {
        const st = await fsp.stat(p);
        out.push(`${rel} ${(st.mode & 0o777).toString(8)} ${createHash('sha256').update(await fsp.readFile(p)).digest('hex').slice(0, 16)}`);
      }
    }
  };
  await walk(dir);
  return out.sort();
}

/** Entries of `after` not in `before`, and the reverse. */
export function diff(before: string[], after: string[]): { added: string[]; removed: string[] } {
  const b = new Set(before);
  const a = new Set(after);
  return { added: after.filter((x) => !b.has(x)), removed: before.filter((x) => !a.has(x)) };
}

/** Run a command and return its stdout, or null when it fails. */
export async function tryRun(cmd: string, args: string[], env: Record<string, string>): Promise<string | null> {
  try {
    return (await pexec(cmd, args, { env })).stdout;
  } catch {
    return null;
  }
}
