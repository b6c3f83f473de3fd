// `pyenvtui clean` with real venvs in a throwaway sandbox: three venvs whose base Python is gone are listed
// with the bytes `du -sb` counts, moved to the trash (the reported bytes), and `undo` restores them byte for
// byte; a venv whose interpreter is running, and the active VIRTUAL_ENV, are refused; emptying the trash
// frees exactly what was reported. Every command the CLI prints here is run.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, createSandbox, DEMO, diffListings, listing, type Sandbox } from '../helpers/sandbox/index.js';

function breakVenv(prefix: string): void {
  for (const n of ['python', 'python3', 'python3.11']) rmSync(path.join(prefix, 'bin', n), { force: true });
  symlinkSync('/opt/python3.11-removed/bin/python3', path.join(prefix, 'bin', 'python'));
  symlinkSync('python', path.join(prefix, 'bin', 'python3'));
  writeFileSync(path.join(prefix, 'pyvenv.cfg'), 'home = /opt/python3.11-removed/bin\ninclude-system-site-packages = false\nversion = 3.11.2\n');
}

const du = (p: string): number => Number(execFileSync('du', ['-sb', p], { encoding: 'utf8' }).split('\t')[0]);

describe('pyenvtui clean', () => {
  let sb: Sandbox;
  let dead: string[];
  let busy: string;
  let keep: string;
  let sleeper: ChildProcess | undefined;
  const mine = (rel: string) => /^home\/tester\/(\.cache|\.local\/state|\.local\/share\/pyenvtui)/.test(rel);

  beforeAll(async () => {
    sb = await createSandbox();
    dead = [];
    for (const [i, pkgs] of [[`${DEMO.lib}==${DEMO.libOldVersion}`], [DEMO.tool], [`${DEMO.lib}==0.1.0`, DEMO.tool]].entries()) {
      const v = await sb.venv(`.venvs/dead${i}`, { packages: pkgs });
      breakVenv(v.prefix);
      dead.push(v.prefix);
    }
    busy = (await sb.venv('.venvs/busy', { withPip: false })).prefix;
    keep = (await sb.venv('projects/app/.venv', { withPip: false })).prefix;
    sleeper = spawn(path.join(busy, 'bin', 'python'), ['-c', 'import time; time.sleep(600)'], { stdio: 'ignore', env: sb.env });
  }, 300_000);
  afterAll(() => {
    if (sleeper?.pid) process.kill(sleeper.pid, 'SIGKILL');
    sb?.cleanup();
  });

  it('lists environments by size with why each may go, and the total du -sb counts', { timeout: 300_000 }, async () => {
    const r = await cli(sb, ['clean']);
    expect(r.code, r.stderr).toBe(0);
    for (const d of dead) expect(r.stdout).toContain(d);
    expect(r.stdout.match(/broken: /g)?.length).toBe(3);
    const total = dead.reduce((a, d) => a + du(d), 0);
    expect(r.stdout).toContain(`3 candidate environment(s)`);
    expect(r.stdout).toContain(`(${total} bytes)`);
    const j = JSON.parse((await cli(sb, ['clean', '--json'])).stdout) as { environments: { path: string; bytes: number; refused?: string }[] };
    for (const d of dead) expect(j.environments.find((e) => e.path === d)?.bytes).toBe(du(d));
    expect(j.environments.find((e) => e.path === busy)?.refused).toMatch(/^in use: pid \d+ runs /);
  });

  it('refuses an environment whose interpreter is running, and the active VIRTUAL_ENV', { timeout: 300_000 }, async () => {
    const before = await listing(sb.root, { exclude: mine });
    const r = await cli(sb, ['clean', busy, '--yes']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`refused: ${busy}: in use: pid ${sleeper!.pid} runs `));
    expect(r.stdout).toContain('nothing to clean');
    const v = await cli(sb, ['clean', keep, '--yes'], { env: { VIRTUAL_ENV: keep } });
    expect(v.code).toBe(1);
    expect(v.stdout).toContain('it is the active virtual environment (VIRTUAL_ENV)');
    expect(diffListings(before, await listing(sb.root, { exclude: mine }))).toEqual({ added: [], removed: [] });
  });

  it('--duplicates, --stale and --caches plan what they name; --dry-run changes nothing', { timeout: 300_000 }, async () => {
    const twin = (await sb.venv('.venvs/twin', { packages: [DEMO.tool] })).prefix;
    mkdirSync(sb.path('~/.cache/pip/http'), { recursive: true });
    writeFileSync(sb.path('~/.cache/pip/http/blob'), 'x'.repeat(1000));
    const before = await listing(sb.root, { exclude: mine });
    // twin and dead1 hold the same packages at the same versions (pip and setuptools aside).
    const d = await cli(sb, ['clean', '--duplicates', '--caches', '--dry-run']);
    expect(d.code, d.stdout + d.stderr).toBe(0);
    expect(d.stdout).toContain(`move venv ${twin} (`);
    expect(d.stdout).toContain(`move venv ${dead[1]} (`);
    expect(d.stdout).not.toContain(`move venv ${dead[0]} (`);
    expect(d.stdout).toContain(`move cache ${sb.path('~/.cache/pip')} (`);
    const st = await cli(sb, ['clean', '--stale', '--stale-days', '0', '--dry-run']);
    for (const p of [...dead, twin]) expect(st.stdout).toContain(`move venv ${p} (`);
    expect(st.stdout).not.toContain(`move venv ${busy} (`);
    expect(diffListings(before, await listing(sb.root, { exclude: mine }))).toEqual({ added: [], removed: [] });
    rmSync(twin, { recursive: true });
    rmSync(sb.path('~/.cache/pip'), { recursive: true });
  });

  it('moves the three to the trash (the reported bytes); undo restores them exactly; emptying frees them', { timeout: 300_000 }, async () => {
    const before = await listing(sb.root, { exclude: mine });
    const total = dead.reduce((a, d) => a + du(d), 0);
    const dry = await cli(sb, ['clean', '--broken', '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain(`would free`);
    expect(dry.stdout).toContain(`(${total} bytes)`);
    expect(diffListings(before, await listing(sb.root, { exclude: mine }))).toEqual({ added: [], removed: [] });

    const r = await cli(sb, ['clean', '--broken', '--yes']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    for (const d of dead) expect(existsSync(d)).toBe(false);
    expect(existsSync(busy) && existsSync(keep)).toBe(true);
    const trash = sb.path('~/.local/share/pyenvtui/trash');
    const id = /undo with: pyenvtui undo (\S+)/.exec(r.stdout)![1]!;
    // Each environment in the trash has exactly the bytes it had in place.
    const moved = readdirSync(path.join(trash, id)).sort();
    expect(moved.map((n) => n.replace(/^\d+-/, '')).sort()).toEqual(['dead0', 'dead1', 'dead2']);
    expect(moved.reduce((a, n) => a + du(path.join(trash, id, n)), 0)).toBe(total);
    const u = await cli(sb, ['undo', id, '--yes']);
    expect(u.code, u.stdout + u.stderr).toBe(0);
    // The journal names what it was: a clean-up of these paths.
    expect(u.stdout).toMatch(new RegExp(`^Undo ${id}\\s+done\\s+clean: `, 'm'));
    for (const d of dead) expect(u.stdout.split('\n')[0]).toContain(d);
    expect(diffListings(before, await listing(sb.root, { exclude: mine }))).toEqual({ added: [], removed: [] });

    const again = await cli(sb, ['clean', '--broken', '--yes']);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(again.stdout).toContain('empty the trash with: pyenvtui clean --empty-trash --yes');
    const e = await cli(sb, ['clean', '--empty-trash', '--yes']);
    expect(e.code, e.stderr).toBe(0);
    const freed = Number(/deleted; (\d+) bytes freed/.exec(e.stdout)![1]);
    // The trash held the three environments plus the clean-up's own directory entry.
    const idDir = /^\s+\S+ \S+\s+(\S+)$/m.exec(e.stdout)![1]!;
    expect(freed - total).toBeGreaterThanOrEqual(0);
    expect(freed - total).toBeLessThanOrEqual(8192);
    expect(existsSync(idDir)).toBe(false);
    expect(readdirSync(trash)).toEqual([]);
  });
});
