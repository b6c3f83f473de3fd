// A private OpenSSH server for the fleet tests: own host key and client key in a temp dir, listening on
// 127.0.0.1 only, one authorized key per test user, started and stopped by the test. Optionally in a
// mount namespace where Node.js is hidden (a "host without Node").
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { waitFor } from '../wait-for.js';

export const SSHD = '/usr/sbin/sshd';
const NO_NODE = path.resolve(import.meta.dirname, 'no-node.mjs');

/** A TCP port nobody listens on right now (bound, then released). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/** Keys shared by the servers of one test: host key and the client key every test user accepts. */
export function makeKeys(dir: string): { hostKey: string; clientKey: string; clientPub: string } {
  mkdirSync(dir, { recursive: true });
  const hostKey = path.join(dir, 'ssh_host_ed25519_key');
  const clientKey = path.join(dir, 'id_ed25519');
  for (const k of [hostKey, clientKey]) {
    if (!existsSync(k)) execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'pyenvtui-fleet-test', '-f', k]);
  }
  return { hostKey, clientKey, clientPub: readFileSync(clientKey + '.pub', 'utf8') };
}

export interface SshServer {
  port: number;
  stop(): Promise<void>;
}

/** Starts sshd -D on 127.0.0.1:port for `users`; `hideNode` runs it where node cannot be executed. */
export async function startSshd(opts: { dir: string; hostKey: string; clientPub: string; users: string[]; hideNode?: boolean }): Promise<SshServer> {
  const port = await freePort();
  const keysDir = path.join(opts.dir, 'authorized');
  mkdirSync(keysDir, { recursive: true });
  for (const u of opts.users) writeFileSync(path.join(keysDir, u), opts.clientPub);
  chmodSync(keysDir, 0o755);
  const config = path.join(opts.dir, `sshd_config_${port}`);
  writeFileSync(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${opts.hostKey}`,
      `PidFile ${path.join(opts.dir, `sshd_${port}.pid`)}`,
      `AuthorizedKeysFile ${keysDir}/%u`,
      'StrictModes no',
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'PermitRootLogin no',
      `AllowUsers ${opts.users.join(' ')}`,
      'Subsystem sftp /usr/lib/openssh/sftp-server',
      'LogLevel ERROR',
      '',
    ].join('\n'),
  );
  // sshd refuses to start without its privilege separation directory.
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  let child: ChildProcess;
  const sshdArgs = ['-D', '-e', '-f', config];
  if (opts.hideNode) {
    const empty = path.join(opts.dir, 'no-node');
    writeFileSync(empty, '', { mode: 0o644 });
    const node = execFileSync('readlink', ['-f', process.execPath], { encoding: 'utf8' }).trim();
    child = spawn('unshare', ['--mount', '--propagation', 'private', '--', process.execPath, NO_NODE, empty, node, '--', SSHD, ...sshdArgs], { stdio: ['ignore', 'ignore', 'pipe'] });
  } else {
    child = spawn(SSHD, sshdArgs, { stdio: ['ignore', 'ignore', 'pipe'] });
  }
  let stderr = '';
  child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
  let exited = false;
  child.once('exit', () => (exited = true));
  await waitFor(async () => (exited ? Promise.reject(new Error(`sshd exited: ${stderr}`)) : portOpen(port)), { accept: (x) => x === true, timeout: 15_000, what: `sshd on port ${port}` });
  return {
    port,
    stop: async () => {
      if (exited) return;
      child.kill('SIGTERM');
      await waitFor(() => exited, { accept: (x) => x === true, timeout: 10_000, what: 'sshd to stop' });
    },
  };
}
