// A tree built to hurt: FIFOs and /dev/zero where lists, configs and metadata should be, decompression
// bombs, escape sequences and newlines in names, 200 KB pathological configs. `scan`, `scan --json` and
// `doctor` must return (a generous timeout, not a speed assertion), and no raw control character from
// disk may reach the terminal; the dashboard over the same tree answers keys under tmux.
import { execFileSync } from 'node:child_process';
import { copyFileSync, promises as fsp, symlinkSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DEMO, cli, cliEnv, createSandbox, writeDistInfo, type CliResult, type Sandbox } from '../helpers/sandbox/index.js';
import { TmuxSession } from '../helpers/tmux.js';

// Anything but newline (and, in JSON, nothing at all): ESC, BEL, C1, other C0, DEL.
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
const LISTS = '/var/lib/apt/lists';
const HOSTILE_LISTS = ['deb.example_dists_a_main_binary-amd64_Packages', 'deb.example_dists_b_main_binary-amd64_Packages', 'deb.example_dists_c_main_binary-amd64_Packages.gz'];
// Bytes of bookworm's real main list (its python3-six stanza is 1.16.0-4), read beside the hostile ones.
const REAL_LIST = path.join(import.meta.dirname, '../unit/guidance/fixtures/bookworm-main-python_Packages');

function returns(p: Promise<CliResult>, what: string): Promise<CliResult> {
  return Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} did not return within 120 s`)), 120_000))]);
}

async function hostile(sb: Sandbox): Promise<void> {
  const r = sb.root;
  const lists = path.join(r, 'var/lib/apt/lists');
  await fsp.mkdir(lists, { recursive: true });
  await fsp.mkdir(path.join(r, 'dev'), { recursive: true });
  await fsp.rm(path.join(r, 'dev/zero'), { force: true });
  execFileSync('mknod', [path.join(r, 'dev/zero'), 'c', '1', '5']);
  execFileSync('mkfifo', [path.join(lists, 'deb.example_dists_a_main_binary-amd64_Packages')]);
  symlinkSync('/dev/zero', path.join(lists, 'deb.example_dists_b_main_binary-amd64_Packages'));
  const member = gzipSync(Buffer.alloc(1 << 20, 'Package: libbomb\nV: 1\n\n'), { level: 9 });
  await fsp.writeFile(path.join(lists, 'deb.example_dists_c_main_binary-amd64_Packages.gz'), Buffer.concat(Array.from({ length: 300 }, () => member)));
  // Sorted after the hostile lists: it is read only if none of them stopped the reading.
  copyFileSync(REAL_LIST, path.join(lists, 'deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages'));
  // 200 KB pathological configs.
  await fsp.mkdir(path.join(r, 'etc'), { recursive: true });
  await fsp.rm(path.join(r, 'etc/pip.conf'), { force: true });
  await fsp.writeFile(path.join(r, 'etc/pip.conf'), `[global]\nindex-url${' '.repeat(200_000)}x\n`);
  await fsp.writeFile(path.join(sb.home, '.condarc'), `envs_dirs:\n  - /opt/x${'/'.repeat(200_000)}a\n  - a${' '.repeat(200_000)}b\n`);
  await fsp.mkdir(path.join(sb.home, '.config/pip'), { recursive: true });
  execFileSync('mkfifo', [path.join(sb.home, '.config/pip/pip.conf')]);
  // A user-site package whose name and version carry escape sequences and a newline; RECORD entries
  // that are a FIFO and /dev/zero.
  const site = path.join(sb.home, '.local/lib/python3.11/site-packages');
  await fsp.mkdir(site, { recursive: true });
  const meta = await writeDistInfo(site, { name: 'evil', version: '1.0', installer: 'pip', files: { 'evil/__init__.py': '' } });
  const m = path.join(meta, 'METADATA');
  await fsp.writeFile(m, (await fsp.readFile(m, 'utf8')).replace('Name: evil', 'Name: evil\x1b]0;owned\x07\x1b[2J\x9b31m').replace('Version: 1.0', 'Version: 1.0\nSummary: forged\x1b[31m'));
  execFileSync('mkfifo', [path.join(site, 'evil/fifo.py')]);
  symlinkSync('/dev/zero', path.join(site, 'evil/zero.py'));
  await fsp.appendFile(path.join(meta, 'RECORD'), 'evil/fifo.py,,\nevil/zero.py,,\n');
  // A venv whose pyvenv.cfg is a FIFO.
  await fsp.mkdir(path.join(sb.home, 'proj/.venv/bin'), { recursive: true });
  execFileSync('mkfifo', [path.join(sb.home, 'proj/.venv/pyvenv.cfg')]);
}

describe('a hostile tree', () => {
  it('scan, scan --json and doctor return and print no raw control character', { timeout: 600_000 }, async () => {
    const sb = await createSandbox();
    await sb.distroRoot();
    await sb.sudoPip([`${DEMO.cli}==${DEMO.cliVersion}`, 'six==1.16.0']);
    const plain = await cli(sb, ['scan', '--root', sb.root]);
    expect(plain.stdout).not.toMatch(/^0 environments/m);
    await hostile(sb);
    const scan = await returns(cli(sb, ['scan', '--root', sb.root]), 'scan');
    expect(scan.code, scan.stderr).toBe(0);
    expect(scan.stdout + scan.stderr).not.toMatch(RAW_CONTROL);

    const json = await returns(cli(sb, ['scan', '--json', '--root', sb.root]), 'scan --json');
    expect(json.code, json.stderr).toBe(0);
    expect(json.stdout).not.toMatch(RAW_CONTROL);
    type Pkg = { name: string; displayName: string; scope: string; advice?: { action: string; distroPackage?: { name: string; version?: string } } };
    const inv = JSON.parse(json.stdout) as { environments: { packages: Pkg[] }[]; problems: { path?: string; message: string }[] };
    expect(inv.environments.flatMap((e) => e.packages.map((p) => p.displayName))).toContain('evil\x1b]0;owned\x07\x1b[2J\x9b31m');
    // The apt lists were read: each hostile one is a problem with its path (not a hang, not silence),
    // and the real list beside them still gives sudo pip's six its apt candidate, whose version only
    // that list holds.
    for (const l of HOSTILE_LISTS) expect(inv.problems.filter((p) => p.path === `${LISTS}/${l}`).map((p) => p.message)).toEqual([expect.stringMatching(/^cannot read apt list: /)]);
    const six = inv.environments.flatMap((e) => e.packages).find((p) => p.name === 'six' && p.scope === 'local');
    expect(six?.advice).toMatchObject({ action: 'distro', distroPackage: { name: 'python3-six', version: '1.16.0-4' } });

    const doctor = await returns(cli(sb, ['doctor', '--root', sb.root]), 'doctor');
    expect([0, 1, 2]).toContain(doctor.code);
    expect(doctor.stdout + doctor.stderr).not.toMatch(RAW_CONTROL);
    expect(doctor.stdout).toContain('[control-characters]');
    expect(doctor.stdout).toContain('evil\\e]0;owned\\a\\e[2J\\x9b31m');

    const dry = await returns(cli(sb, ['migrate', 'evil', '--to', 'venv', '--dry-run', '--root', sb.root]), 'migrate --dry-run');
    expect(dry.code).not.toBeNull();
    expect(dry.stdout + dry.stderr).not.toMatch(RAW_CONTROL);

    // The dashboard over the same tree, in a real terminal: it answers keys, the name shows escaped,
    // and the OSC 0 in it never retitles the pane (tmux would take it as the pane title).
    const t = new TmuxSession({ args: ['--root', sb.root], env: { ...cliEnv(sb), NO_COLOR: '1' } });
    try {
      const titleBefore = t.display('#{pane_title}');
      await t.waitForText(/found \d+ environments?, \d+ findings/, 120_000);
      t.send('3');
      t.send('/');
      t.send('evil', { literal: true });
      t.send('Enter');
      const shown = await t.waitForText('evil\\e]0;owned', 30_000);
      expect(shown).not.toMatch(RAW_CONTROL);
      expect(t.display('#{pane_title}')).toBe(titleBefore);
      t.send('q');
      expect(await t.waitForExit(30_000)).toEqual({ status: 0, signal: null, altScreen: false, cursorVisible: true });
    } finally {
      t.kill();
    }
    await sb.cleanup();
  });
});
