// The dashboard over SSH at 80x24 and 60x20 (issue #14), driven under tmux like a person: a machine
// with 30 pip --user libraries. The wizard shows every plan step by scrolling and always its key
// line; Enter shows a row's whole text; a fix command copied off the screen runs as printed; Ctrl-C
// during a migration stops at a safe point and the next start shows the unfinished migration.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BIN, buildWheels, cliEnv, createSandbox, type Sandbox } from '../helpers/sandbox/index.js';
import { TmuxSession } from '../helpers/tmux.js';
import { waitFor } from '../helpers/wait-for.js';

/** Runs argv in a pty and answers y at every `[y/N]` prompt, as a person would; exits with its status. */
const PTY_YES = [
  'import os, pty, sys',
  'pid, fd = pty.fork()',
  'if pid == 0:',
  '    os.execvp(sys.argv[1], sys.argv[1:])',
  "buf = b''",
  'while True:',
  '    try:',
  '        data = os.read(fd, 4096)',
  '    except OSError:',
  '        break',
  '    if not data:',
  '        break',
  '    sys.stdout.buffer.write(data)',
  '    sys.stdout.flush()',
  '    buf = (buf + data)[-200:]',
  "    if b'[y/N]' in buf:",
  "        os.write(fd, b'y\\n')",
  "        buf = b''",
  '_, status = os.waitpid(pid, 0)',
  'sys.exit(os.waitstatus_to_exitcode(status))',
].join('\n');

const N = 30;
const name = (i: number): string => `dash-lib-${String(i).padStart(2, '0')}`;
const USER_SITE = '~/.local/lib/python3.11/site-packages';

let sb: Sandbox;
let t: TmuxSession | undefined;
beforeAll(async () => {
  sb = await createSandbox();
  await sb.distroRoot();
  const dir = path.join(sb.base, 'tmp', 'dash-wheels');
  const specs = Array.from({ length: N }, (_, k) => ({ name: name(k + 1), version: '1.0.0', files: { [`${name(k + 1).replace(/-/g, '_')}.py`]: 'X = 1\n' } }));
  await buildWheels(specs, dir);
  await sb.pipUser(specs.map((s) => s.name), ['--find-links', dir]);
}, 300_000);
afterEach(() => t?.kill());
afterAll(() => sb.cleanup());

function open(target: Sandbox, columns: number, rows: number, env: Record<string, string> = {}, args: string[] = []): TmuxSession {
  t = new TmuxSession({ columns, rows, args: ['--root', target.root, ...args], env: { ...cliEnv(target), NO_COLOR: '1', ...env } });
  return t;
}

/** Environments view, the system interpreter's detail focused, on its last dash-lib package. */
async function onLastLib(s: TmuxSession): Promise<void> {
  await s.waitForText(/found \d+ environments?/, 30_000);
  s.send('1');
  await s.waitForText('[1 Environments]');
  s.send('Tab');
  await s.waitForText(/[▸#] python3\.11/);
  s.send('G');
  await s.waitForText(/^[│|]> \S/m);
  // Up past the distro's packages (sorted after the dash-lib ones) to dash-lib-30, one key at a time.
  for (let i = 0; i < 10; i++) {
    const screen = s.screen();
    if (new RegExp(`> ${name(N)} `).test(screen)) return;
    s.send('k');
    await waitFor(() => s.screen(), { accept: (x) => x !== screen, what: 'the cursor to move' });
  }
  await s.waitForText(new RegExp(`> ${name(N)} `));
}

/** Tags `n` libraries from dash-lib-30 downwards (Space tags and moves down, so k twice). */
async function tag(s: TmuxSession, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    s.send('Space');
    await s.waitForText(`${i + 1} tagged for migration`);
    s.send('k');
    s.send('k');
  }
}

function lines(screen: string): string[] {
  return screen.replace(/\n+$/, '').split('\n');
}

describe('the wizard at 80x24 and 60x20 (tmux)', () => {
  for (const [columns, rows] of [[80, 24], [60, 20]] as const) {
    for (const n of [2, N]) {
      it(`${columns}x${rows}, ${n} tagged: every plan step by scrolling, the key line always there`, { timeout: 240_000 }, async () => {
        const s = open(sb, columns, rows);
        await onLastLib(s);
        await tag(s, n);
        s.send('m');
        const choose = await s.waitForText('choose a target for each');
        expect(lines(choose).at(-1)).toMatch(/Enter plan/);
        // g and G reach the first and the last package, the cursor always on screen, the key line below.
        // Items in the environment's order: dash-lib-(31-n) .. dash-lib-30.
        s.send('G');
        const bottom = await s.waitForText(new RegExp(`^> ${name(N)} 1\\.0\\.0`, 'm'));
        expect(lines(bottom).at(-1)).toMatch(/Enter plan/);
        s.send('g');
        const top = await s.waitForText(new RegExp(`^> ${name(N - n + 1)} 1\\.0\\.0`, 'm'));
        expect(lines(top).at(-1)).toMatch(/Enter plan/);
        s.send('Enter');
        let screen = await s.waitForText('Plan — nothing has changed yet', 120_000);
        const seen = new Set<number>();
        let destructive = 0;
        for (let page = 0; page < 200; page++) {
          const ls = lines(screen);
          expect(ls.length).toBeLessThanOrEqual(rows - 1);
          expect(ls.at(-1), screen).toMatch(/Enter run/);
          expect(ls.at(-1)).toMatch(/Esc cancel/);
          for (const l of ls) {
            const m = /^(\d+)\. /.exec(l);
            if (m) seen.add(Number(m[1]));
            if (/\[asks/.test(l) || /asks? first: scroll/.test(l)) destructive++;
          }
          if (!/\d+-\d+\/\d+ more/.test(screen)) break;
          const before = screen;
          s.send('PageDown');
          screen = await s.waitForText(new RegExp('.'));
          for (let w = 0; w < 50 && screen === before; w++) screen = await s.waitForText(/./);
        }
        const max = Math.max(...seen);
        expect(max).toBeGreaterThan(2);
        expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: max }, (_, i) => i + 1));
        expect(destructive).toBeGreaterThan(0);
        s.send('Escape');
        await s.waitForText('migration cancelled: nothing changed');
      });
    }
  }
});

describe('whole text, copy, interrupt (tmux, 80x24)', () => {
  it('Enter on a package and on a finding shows the whole text; the fix command copied off the screen runs as printed', { timeout: 240_000 }, async () => {
    const s = open(sb, 80, 24);
    await onLastLib(s);
    s.send('Enter');
    const pkg = await s.waitForText(`${name(N)} in python3.11`);
    expect(pkg.replace(/\s*\n[│|]\s*/g, ' ')).toContain('advice: venv — a library: install it in the venv of the project that uses it');
    expect(pkg).toContain(path.posix.join(sb.machine(USER_SITE), `${name(N).replace(/-/g, '_')}-1.0.0.dist-info`));
    // Its finding's fix is a command: shown whole, ready to copy, at the end of the text.
    s.send('G');
    const end = await s.waitForText(/\$ pyenvtui migrate /);
    const cmdLines = lines(end).map((l) => l.replace(/^[│|][> ][* ]/, '').replace(/\s*[│|]$/, ''));
    const start = cmdLines.findIndex((l) => /^\$ pyenvtui migrate /.test(l));
    expect(start, end).toBeGreaterThan(0);
    const shown: string[] = [];
    for (let i = start; i < cmdLines.length; i++) {
      shown.push(cmdLines[i]!);
      if (!cmdLines[i]!.endsWith('\\')) break;
    }
    const command = shown.join('\n').replace(/^\$ /, '');
    // The fix moves it (install, verify, then remove this copy; undoable), never a bare pip uninstall.
    expect(command).toBe(`pyenvtui migrate ${name(N)} --from user --to venv`);
    s.send('Escape');
    await s.waitForText(/[▸#] python3\.11/);

    // Run it as printed, in a throwaway copy, with that copy's HOME: the package leaves its user site.
    const copy = await sb.copy();
    const dist = copy.path(`${USER_SITE}/${name(N).replace(/-/g, '_')}-1.0.0.dist-info`);
    expect(existsSync(dist)).toBe(true);
    // As a person at a terminal (a pty: migrate asks before removing the source, and gets y), with pyenvtui
    // on PATH as `npm i -g` puts it there; the copy's HOME makes its user site the live one.
    const bin = path.join(copy.base, 'tmp', 'bin');
    mkdirSync(bin, { recursive: true });
    symlinkSync(BIN, path.join(bin, 'pyenvtui'));
    const env = { ...copy.env, PATH: `${bin}:${copy.env.PATH}`, XDG_STATE_HOME: path.join(copy.base, 'state') };
    const r = spawnSync('/usr/bin/python3', ['-c', PTY_YES, '/bin/sh', '-c', command], { env, cwd: copy.home, encoding: 'utf8', timeout: 180_000 });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(existsSync(dist)).toBe(false);
    expect(existsSync(copy.path(`~/.venvs/${name(N)}/pyvenv.cfg`))).toBe(true);
    await copy.cleanup();

    // y copies the commands of the selected row; they are printed on the normal screen after q.
    s.send('y');
    await s.waitForText('printed when you quit');
    s.send('q');
    const quit = await s.waitForExit();
    expect(quit.status).toBe(0);
    expect(s.screen()).toContain(`Commands you copied in pyenvtui (y):`);
  });

  it('Ctrl-C during a migration says what it does, stops at a safe point, exits 130; the next start and doctor show it first', { timeout: 300_000 }, async () => {
    const copy = await sb.copy();
    try {
      const s = open(copy, 80, 24);
      await onLastLib(s);
      s.send('Space');
      await s.waitForText('1 tagged for migration');
      s.send('m');
      await s.waitForText('choose a target for each');
      s.send('Enter');
      await s.waitForText('Plan — nothing has changed yet', 120_000);
      s.send('Enter');
      // The removal question: the install is done, nothing removed yet. Ctrl-C here stops cleanly.
      await s.waitForText('Remove the old copy?', 120_000);
      s.send('C-c');
      const end = await s.waitForExit(120_000);
      expect(end.status).toBe(130);
      expect(end.altScreen).toBe(false);
      const after = s.screen();
      expect(after).toContain('migration stopped at a safe point');
      expect(after).toMatch(/resume it: {2}pyenvtui migrate --resume \S+/);
      expect(after).toMatch(/undo it: {4}pyenvtui undo \S+/);
      t?.kill();

      // doctor names it before its report, with both ways on.
      const before = spawnSync(process.execPath, [BIN, 'doctor', '--root', copy.root], { env: cliEnv(copy), encoding: 'utf8' });
      expect(before.stdout.split('\n')[0]).toBe('Unfinished migration (resume or undo before anything else):');
      expect(before.stdout).toMatch(/resume: pyenvtui migrate --resume \S+/);
      expect(before.stdout).toMatch(/undo: {3}pyenvtui undo \S+/);

      const again = open(copy, 80, 24);
      const banner = await again.waitForText('! unfinished migration', 30_000);
      expect(banner).toContain('R resume · U undo');
      again.send('U');
      await again.waitForText(/^Undone$/m, 120_000);
      again.send('Enter');
      await again.waitForText(/[12] (Environments|Findings)/);
      t?.kill();

      const doctor = spawnSync(process.execPath, [BIN, 'doctor', '--root', copy.root], { env: cliEnv(copy), encoding: 'utf8' });
      expect(doctor.stdout).not.toContain('Unfinished migration');
    } finally {
      await copy.cleanup();
    }
  });
});

describe('terminals as they are', () => {
  it('LANG=C: nothing but ASCII on screen; the focused pane is marked # and the cursor >', { timeout: 60_000 }, async () => {
    const s = open(sb, 80, 24, { LANG: 'C', LC_ALL: 'C' });
    const screen = await s.waitForText(/found \d+ environments?/, 30_000);
    expect(screen).toMatch(/^[\x00-\x7f]*$/);
    expect(screen).toContain('+---');
    s.send('?');
    expect(await s.waitForText('# Keys')).toMatch(/^[\x00-\x7f]*$/);
  });

  it('TERM=dumb prints the plain summary; a --root that does not exist exits 2', { timeout: 60_000 }, async () => {
    // tmux sets its own TERM in a pane: a bare pty (Python's pty module) keeps TERM=dumb.
    const r0 = spawnSync('/usr/bin/python3', ['-c', 'import pty, sys; pty.spawn(sys.argv[1:])', process.execPath, BIN, '--root', sb.root], { env: { ...cliEnv(sb), TERM: 'dumb' }, encoding: 'utf8', input: '' });
    expect(r0.status).toBe(0);
    const all = r0.stdout;
    expect(all).toContain('TERM=dumb cannot draw a full-screen dashboard');
    expect(all).toMatch(/Findings \(\d+\):/);
    expect(all).toMatch(/fix: pyenvtui migrate dash-lib-\d+ --from user --to venv/);
    const r = spawnSync(process.execPath, [BIN, '--root', path.join(sb.base, 'no-such-dir')], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--root .*no-such-dir is not a directory/);
  });
});
