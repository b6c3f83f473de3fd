// The fleet path end to end, the way an admin runs it: real ansible-playbook over real SSH (an OpenSSH
// server started here on 127.0.0.1) to three "hosts" — local user accounts with their own HOME and real
// venvs / pip --user packages — plus one inventory entry nobody answers for. The role installs the
// bundle where Node.js runs and the single executable where it does not (that sshd runs in a mount
// namespace where node is not executable), gathers ansible_local.pyenvtui into the jsonfile fact cache,
// and `pyenvtui fleet` reads the result: JSON, doctor exit codes, and the dashboard under tmux.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../helpers/sandbox/index.js';
import { createUser, removeUser, sharedWheels, userPip, userPipConf, userVenv, type TestUser } from '../helpers/fleet/hosts.js';
import { buildSea } from '../helpers/fleet/sea.js';
import { freePort, makeKeys, startSshd, type SshServer } from '../helpers/fleet/sshd.js';
import { BIN, TmuxSession } from '../helpers/tmux.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const ANSIBLE = path.join(REPO, 'contrib', 'ansible');
const NAMES = ['pyfta', 'pyftb', 'pyftc'] as const;

interface Proc {
  code: number | null;
  stdout: string;
  stderr: string;
}

function exec(cmd: string, args: string[], env: Record<string, string>): Promise<Proc> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let tmp: string;
let users: TestUser[] = [];
let servers: SshServer[] = [];
let inventory: string;
let ansibleEnv: Record<string, string>;
let factCache: string;

function hostVars(u: TestUser, port: number, key: string): string {
  return [
    `ansible_host=127.0.0.1 ansible_port=${port} ansible_user=${u.name} ansible_ssh_private_key_file=${key}`,
    `pyenvtui_prefix=${u.home}/.local/lib/pyenvtui pyenvtui_bin_dir=${u.home}/.local/bin`,
    `pyenvtui_fact_path=${u.home}/.ansible/facts.d pyenvtui_command=${u.home}/.local/bin/pyenvtui`,
  ].join(' ');
}

function playbook(file: string, extra: string[] = []): Promise<Proc> {
  return exec('ansible-playbook', ['-i', inventory, path.join(ANSIBLE, 'playbooks', file), ...extra], ansibleEnv);
}

function fleet(args: string[]): Promise<Proc> {
  return exec(process.execPath, [BIN, 'fleet', ...args], { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: tmp });
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'pyenvtui-fleet-'));
  // sshd reads authorized keys as the logging-in user: the directory must be traversable.
  chmodSync(tmp, 0o755);
  const wheels = await sharedWheels(path.join(tmp, 'wheels'));
  users = NAMES.map(createUser);
  const [a, b, c] = users as [TestUser, TestUser, TestUser];
  // a: pip --user into the system Python with break-system-packages set in pip.conf, and a venv.
  await userPipConf(a, wheels, '[global]\nbreak-system-packages = true\n');
  await userPip(a, wheels, [DEMO.cli]);
  await userVenv(a, wheels, 'work/app/.venv', [`${DEMO.lib}==${DEMO.libVersion}`]);
  // b: the same pip.conf risk, an older lib in a venv.
  await userPipConf(b, wheels, '[global]\nbreak-system-packages = true\n');
  await userVenv(b, wheels, 'work/site/.venv', [`${DEMO.lib}==${DEMO.libOldVersion}`]);
  // c (no Node): the oldest lib, no risky configuration.
  await userVenv(c, wheels, 'work/probe/.venv', [`${DEMO.lib}==${DEMO.libOldestVersion}`]);

  const sea = buildSea(tmp);
  if (sea.standIn) console.log('fleet e2e: the no-Node host gets the test stand-in single executable (this tree has no `npm run build:sea`)');
  const keys = makeKeys(path.join(tmp, 'keys'));
  const withNode = await startSshd({ dir: tmp, hostKey: keys.hostKey, clientPub: keys.clientPub, users: [a.name, b.name] });
  const noNode = await startSshd({ dir: tmp, hostKey: keys.hostKey, clientPub: keys.clientPub, users: [c.name], hideNode: true });
  servers = [withNode, noNode];
  const downPort = await freePort();
  inventory = path.join(tmp, 'inventory.ini');
  writeFileSync(
    inventory,
    [
      '[fleet]',
      `node-a ${hostVars(a, withNode.port, keys.clientKey)}`,
      `node-b ${hostVars(b, withNode.port, keys.clientKey)}`,
      `nonode-c ${hostVars(c, noNode.port, keys.clientKey)}`,
      `down-d ${hostVars(a, downPort, keys.clientKey)}`,
      '',
      '[fleet:vars]',
      'ansible_python_interpreter=/usr/bin/python3',
      `pyenvtui_sea_dir=${sea.dir}`,
      '',
    ].join('\n'),
  );
  factCache = path.join(tmp, 'fleet');
  mkdirSync(factCache);
  const ansibleHome = path.join(tmp, 'ansible-home');
  ansibleEnv = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: ansibleHome,
    ANSIBLE_HOME: ansibleHome,
    ANSIBLE_LOCAL_TEMP: path.join(ansibleHome, 'tmp'),
    ANSIBLE_CACHE_PLUGIN: 'jsonfile',
    ANSIBLE_CACHE_PLUGIN_CONNECTION: factCache,
    ANSIBLE_CACHE_PLUGIN_TIMEOUT: '0',
    ANSIBLE_HOST_KEY_CHECKING: 'False',
    // No ControlPersist: no ssh master outlives the playbook (and keeps a test user logged in).
    ANSIBLE_SSH_ARGS: '-o ControlMaster=no -o UserKnownHostsFile=/dev/null -o ConnectTimeout=10',
    ANSIBLE_NOCOLOR: '1',
    ANSIBLE_RETRY_FILES_ENABLED: 'False',
    ANSIBLE_PIPELINING: 'True',
    TMPDIR: tmp,
  };
}, 600_000);

afterAll(async () => {
  for (const s of servers) await s.stop().catch(() => {});
  for (const u of users) removeUser(u.name);
  if (tmp && !process.env.PYENVTUI_KEEP_SANDBOX) rmSync(tmp, { recursive: true, force: true });
}, 120_000);

describe('fleet through Ansible over real SSH', () => {
  it('installs with the role: the bundle where Node runs, the single executable where it does not', async () => {
    const r = await playbook('install.yml', ['--limit', 'node-a,node-b,nonode-c']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const [a, , c] = users as [TestUser, TestUser, TestUser];
    expect(existsSync(`${a.home}/.local/lib/pyenvtui/bin/pyenvtui.js`)).toBe(true);
    expect(existsSync(`${a.home}/.local/lib/pyenvtui/pyenvtui`)).toBe(false);
    expect(existsSync(`${c.home}/.local/lib/pyenvtui/pyenvtui`)).toBe(true);
    expect(existsSync(`${c.home}/.local/lib/pyenvtui/bin/pyenvtui.js`)).toBe(false);
    // The fact script runs node by its absolute path on a Node host, the single executable elsewhere.
    expect(readFileSync(`${a.home}/.ansible/facts.d/pyenvtui.fact`, 'utf8')).toMatch(/node\S* \S*\/bin\/pyenvtui\.js scan --facts/);
    expect(readFileSync(`${c.home}/.ansible/facts.d/pyenvtui.fact`, 'utf8')).toContain(`${c.home}/.local/lib/pyenvtui/pyenvtui scan --facts`);
    // Node really is not runnable over SSH on nonode-c.
    const probe = await exec('ansible', ['-i', inventory, 'nonode-c', '-m', 'ansible.builtin.command', '-a', 'node --version'], ansibleEnv);
    expect(probe.code).not.toBe(0);
    expect(probe.stdout).toMatch(/Permission denied|No such file/);
  }, 600_000);

  it('gathers ansible_local.pyenvtui into the fact cache and fleet --json shows every host', async () => {
    const r = await playbook('gather.yml');
    // The unreachable host is ignored by the play (so the others go on) and recorded with Ansible's message.
    expect(r.stdout).toMatch(/fatal: \[down-d\]: UNREACHABLE!/);
    expect(JSON.parse(readFileSync(path.join(factCache, 'down-d.failed.json'), 'utf8'))).toMatchObject({ unreachable: true, msg: expect.stringMatching(/reached over ssh/) });
    const files = readdirSync(factCache).sort();
    expect(files).toEqual(expect.arrayContaining(['node-a', 'node-b', 'nonode-c', 'down-d.failed.json']));
    const cached = JSON.parse(readFileSync(path.join(factCache, 'node-a'), 'utf8'));
    expect(cached.ansible_local.pyenvtui.schema).toBe('pyenvtui/facts@1');

    const out = await fleet([factCache, '--json', '--package', DEMO.lib]);
    expect(out.code, out.stderr).toBe(0);
    const doc = JSON.parse(out.stdout);
    const byName = Object.fromEntries(doc.hosts.map((h: { name: string }) => [h.name, h]));
    expect(Object.keys(byName).sort()).toEqual(['down-d', 'node-a', 'node-b', 'nonode-c']);
    for (const n of ['node-a', 'node-b', 'nonode-c']) expect(byName[n].status, n).toBe('ok');
    expect(byName['down-d'].status).toBe('unreachable');
    expect(byName['down-d'].error).toMatch(/ssh|connect/i);
    expect(byName['node-a'].findings.map((f: { rule: string }) => f.rule)).toContain('break-system-packages-config');
    expect(byName['node-b'].findings.map((f: { rule: string }) => f.rule)).toContain('break-system-packages-config');
    expect(byName['nonode-c'].findings.map((f: { rule: string }) => f.rule)).not.toContain('break-system-packages-config');
    const bsp = doc.rules.find((g: { rule: string }) => g.rule === 'break-system-packages-config');
    expect(bsp.hosts).toEqual(['node-a', 'node-b']);
    expect(bsp.of).toBe(3);
    // One package across every host and environment, versions side by side.
    const lib = doc.package;
    const versionOn = Object.fromEntries(lib.hosts.map((h: { host: string; versions: { version: string }[] }) => [h.host, h.versions.map((v) => v.version)]));
    expect(versionOn).toEqual({ 'node-a': [DEMO.libVersion], 'node-b': [DEMO.libOldVersion], 'nonode-c': [DEMO.libOldestVersion] });
    expect(lib.unknown).toEqual(['down-d']);

    // Two hosts compared package by package (docs/fleet.md), and a host without facts refused.
    const diff = await fleet([factCache, '--diff', 'node-a,node-b']);
    expect(diff.code, diff.stderr).toBe(0);
    expect(diff.stdout).toMatch(/^node-a vs node-b: \d+ packages? differs?\n/);
    expect(diff.stdout).toContain(`  ${DEMO.lib}: ${DEMO.libVersion} on node-a; ${DEMO.libOldVersion} on node-b\n`);
    const jdiff = JSON.parse((await fleet([factCache, '--json', '--diff', 'node-a,node-b'])).stdout).diff;
    expect(jdiff.changed).toContainEqual({ name: DEMO.lib, a: [DEMO.libVersion], b: [DEMO.libOldVersion] });
    const down = await fleet([factCache, '--diff', 'node-a,down-d']);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/down-d has no facts \(unreachable: /);

    const doctor = await fleet(['doctor', factCache, '--fail-on', 'low']);
    expect(doctor.code, doctor.stdout).toBe(1);
    expect(doctor.stdout).toMatch(/down-d\s+UNREACHABLE/);
    expect(doctor.stdout).toMatch(/break-system-packages-config \((high|low)\) on 2 of 3 hosts: node-a, node-b/);
  }, 600_000);

  it('reads `ansible -m setup --tree` output, unreachable hosts with Ansible\'s own record', async () => {
    const tree = path.join(tmp, 'tree');
    await exec('ansible', ['-i', inventory, 'fleet', '-m', 'ansible.builtin.setup', '-a', 'gather_subset=!all,!min,local fact_path={{ pyenvtui_fact_path }}', '--tree', tree], ansibleEnv);
    expect(JSON.parse(readFileSync(path.join(tree, 'down-d'), 'utf8')).unreachable).toBe(true);
    const out = await fleet([tree, '--json', '--package', DEMO.lib]);
    const doc = JSON.parse(out.stdout);
    expect(doc.hosts.map((h: { name: string; status: string }) => `${h.name}:${h.status}`)).toEqual(['down-d:unreachable', 'node-a:ok', 'node-b:ok', 'nonode-c:ok']);
    // The package index, read from Ansible's own --tree layout, gives the same answer as the fact cache.
    const versionOn = Object.fromEntries(doc.package.hosts.map((h: { host: string; versions: { version: string }[] }) => [h.host, h.versions.map((v) => v.version)]));
    expect(versionOn).toEqual({ 'node-a': [DEMO.libVersion], 'node-b': [DEMO.libOldVersion], 'nonode-c': [DEMO.libOldestVersion] });
  }, 300_000);

  it('shows the hosts in the dashboard (tmux, 80x24)', async () => {
    const t = new TmuxSession({ args: ['fleet', factCache], env: { NO_COLOR: '1', PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: tmp } });
    try {
      const screen = await t.waitForText('nonode-c', 20_000);
      for (const h of ['node-a', 'node-b', 'down-d']) expect(screen).toContain(h);
      expect(screen).toMatch(/down-d\s+UNREACHABLE/);
      t.send('2');
      expect(await t.waitForText(/break-system-packages-config\s+on 2 of 3 hosts/)).toContain('Findings by rule');
      t.send('3');
      // Packages on most hosts first, version drift first among them: the lib (3 versions) leads.
      expect(await t.waitForText(/\[3 Packages/)).toMatch(new RegExp(`> ${DEMO.lib}\\s+on 3 hosts\\s+3 versions`));
      t.send('/');
      t.send('demo-lib', { literal: true });
      t.send('Enter');
      t.send('Enter');
      const across = await t.waitForText(`Package ${DEMO.lib} on every host`);
      expect(across).toMatch(new RegExp(`node-a\\s+${DEMO.libVersion.replace(/\./g, '\\.')}`));
      expect(across).toMatch(/no package facts from 1: down-d/);
      t.send('q');
      expect((await t.waitForExit()).status).toBe(0);
    } finally {
      t.kill();
    }
  }, 60_000);

  it('migrates on a chosen host: --check is a dry run, then the real run, and the journal comes back', async () => {
    const vars = JSON.stringify({ pyenvtui_migrate_packages: [DEMO.cli], pyenvtui_migrate_to: 'pipx', pyenvtui_migrate_from: 'user', pyenvtui_migrate_args: ['--offline'], pyenvtui_journal_dest: path.join(tmp, 'journals') });
    const a = users[0]!;
    const site = `${a.home}/.local/lib/python3.11/site-packages`;
    const dry = await playbook('migrate.yml', ['--limit', 'node-a', '--check', '-e', vars]);
    expect(dry.code, dry.stdout + dry.stderr).toBe(0);
    // The plan is printed (the debug task shows it) and nothing moves.
    expect(dry.stdout).toMatch(new RegExp(`Migration \\S+ → pipx[\\s\\S]*${DEMO.cli} ${DEMO.cliVersion} \\(user\\)`));
    expect(readdirSync(site).some((f) => f.startsWith('pyenvtui_demo_cli-'))).toBe(true);

    const real = await playbook('migrate.yml', ['--limit', 'node-a', '-e', vars]);
    expect(real.code, real.stdout + real.stderr).toBe(0);
    expect(readdirSync(site).some((f) => f.startsWith('pyenvtui_demo_cli-'))).toBe(false);
    expect(existsSync(`${a.home}/.local/pipx/venvs/${DEMO.cli}`)).toBe(true);
    const fetched = path.join(tmp, 'journals', 'node-a');
    const journals = readdirSync(fetched).map((id) => JSON.parse(readFileSync(path.join(fetched, id, 'journal.json'), 'utf8')));
    expect(journals.length).toBeGreaterThan(0);
    for (const j of journals) expect(j.schema).toBe('pyenvtui/journal@1');
    // The journal of the real run says every step ran.
    expect(journals.map((j) => j.status)).toContain('done');
  }, 600_000);
});
