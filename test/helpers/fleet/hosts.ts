// Test "hosts": each one a local user account with its own HOME and real Python environments, made as
// that user (runuser) with Debian's python3 and pip, offline from the harness's wheels. Removed after.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, chmodSync } from 'node:fs';
import path from 'node:path';
import { DEBIAN_PYTHON, ensureWheels, run, runCacheDir } from '../sandbox/index.js';

export interface TestUser {
  name: string;
  home: string;
}

function userExists(name: string): boolean {
  try {
    execFileSync('id', ['-u', name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Creates a fresh account (an old one of the same name from a crashed run is removed first). */
export function createUser(name: string): TestUser {
  if (!/^pyft[a-z0-9]{1,12}$/.test(name)) throw new Error(`refusing to manage user '${name}': test users are named pyft*`);
  if (userExists(name)) removeUser(name);
  // '*' (not '!') as the password: no password login, but not "locked", so sshd accepts the key.
  execFileSync('useradd', ['--create-home', '--home-dir', `/home/${name}`, '--shell', '/bin/sh', '--password', '*', name]);
  return { name, home: `/home/${name}` };
}

export function removeUser(name: string): void {
  if (!/^pyft[a-z0-9]{1,12}$/.test(name) || !userExists(name)) return;
  execFileSync('userdel', ['--force', '--remove', name], { stdio: 'ignore' });
}

/** The harness's wheels copied where every test user can read them. */
export async function sharedWheels(dir: string): Promise<string> {
  const src = await ensureWheels(runCacheDir());
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(src)) if (f.endsWith('.whl')) cpSync(path.join(src, f), path.join(dir, f));
  chmodSync(dir, 0o755);
  return dir;
}

/** Runs a command as the user, with a clean environment: their HOME, offline pip. */
export function asUser(u: TestUser, wheels: string, cmd: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  const env = {
    HOME: u.home,
    USER: u.name,
    PATH: '/usr/local/bin:/usr/bin:/bin',
    PIP_NO_INDEX: '1',
    PIP_FIND_LINKS: wheels,
    PIP_DISABLE_PIP_VERSION_CHECK: '1',
    PYTHONDONTWRITEBYTECODE: '1',
  };
  const envArgs = Object.entries(env).map(([k, v]) => `${k}=${v}`);
  return run('runuser', ['-u', u.name, '--', 'env', '-i', ...envArgs, cmd, ...args], { env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin' }, cwd: u.home });
}

/** A real venv at ~/rel (no pip inside: packages installed by Debian's pip with --python). */
export async function userVenv(u: TestUser, wheels: string, rel: string, packages: string[]): Promise<string> {
  const prefix = path.join(u.home, rel);
  await asUser(u, wheels, DEBIAN_PYTHON, ['-m', 'venv', '--without-pip', prefix]);
  if (packages.length) await asUser(u, wheels, DEBIAN_PYTHON, ['-m', 'pip', '--python', `${prefix}/bin/python`, 'install', '--quiet', ...packages]);
  return prefix;
}

/** `pip install --user --break-system-packages` as the user. */
export async function userPip(u: TestUser, wheels: string, packages: string[]): Promise<void> {
  await asUser(u, wheels, DEBIAN_PYTHON, ['-m', 'pip', 'install', '--quiet', '--user', '--break-system-packages', ...packages]);
}

/** ~/.config/pip/pip.conf as the user. */
export async function userPipConf(u: TestUser, wheels: string, text: string): Promise<void> {
  await asUser(u, wheels, 'mkdir', ['-p', `${u.home}/.config/pip`]);
  await asUser(u, wheels, DEBIAN_PYTHON, ['-c', 'import sys; open(sys.argv[1], "w").write(sys.argv[2])', `${u.home}/.config/pip/pip.conf`, text]);
}
