// The dashboard's lifecycle paths under real tmux at 80x24, on a throwaway sandbox home (the dashboard runs
// live, --context host, with the sandbox's HOME): the interpreter's detail counts what is built on it as
// `pyenvtui impact` does; F on a broken venv shows the repair plan, Enter runs it
// (the venv imports its package again), u undoes it byte for byte; C lists what is dead, Enter on it shows
// the plan, Enter moves it to the trash, u puts it back exactly; E writes the export and the printed
// `pyenvtui restore FILE` runs.
import { existsSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cli, cliEnv, createSandbox, DEMO, diffListings, listing, tryRun, type Sandbox } from '../helpers/sandbox/index.js';
import { TmuxSession } from '../helpers/tmux.js';

function breakVenv(prefix: string): void {
  for (const n of ['python', 'python3', 'python3.11']) rmSync(path.join(prefix, 'bin', n), { force: true });
  symlinkSync('/opt/python3.11-removed/bin/python3', path.join(prefix, 'bin', 'python'));
  symlinkSync('python', path.join(prefix, 'bin', 'python3'));
  writeFileSync(path.join(prefix, 'pyvenv.cfg'), 'home = /opt/python3.11-removed/bin\ninclude-system-site-packages = false\nversion = 3.11.2\n');
}

let sb: Sandbox;
let broken: string;
let t: TmuxSession | undefined;
// Not repair's or clean-up's: caches, journals, the trash, exports, and ~/.rustup (a host rustup proxy on the
// inherited PATH writes its settings when the live scan looks at PATH).
const mine = (rel: string) => /^home\/tester\/(\.cache|\.local\/state|\.local\/share\/pyenvtui|pyenvtui-export-|\.rustup)/.test(rel);

beforeAll(async () => {
  sb = await createSandbox();
  await sb.venv('.venvs/keep', { withPip: false });
  broken = (await sb.venv('.venvs/broken311', { packages: [`${DEMO.lib}==${DEMO.libOldVersion}`] })).prefix;
  breakVenv(broken);
}, 300_000);
afterEach(() => t?.kill());
afterAll(() => sb?.cleanup());

function open(): TmuxSession {
  t = new TmuxSession({ columns: 80, rows: 24, args: ['--context', 'host'], env: { ...cliEnv(sb), NO_COLOR: '1' } });
  return t;
}

async function toBroken(s: TmuxSession): Promise<void> {
  await s.waitForText(/found \d+ environments?/, 60_000);
  s.send('1');
  await s.waitForText('[1 Environments]');
  s.send('/');
  s.send('broken311', { literal: true });
  s.send('Enter');
  await s.waitForText(/> .*broken311/);
}

describe('dashboard lifecycle paths at 80x24', () => {
  it('the interpreter shows what is built on it, as the impact command counts it', { timeout: 300_000 }, async () => {
    const s = open();
    await s.waitForText(/found \d+ environments?/, 60_000);
    s.send('1');
    const screen = await s.waitForText(/used by (\d+) environments?|used by: nothing/, 60_000);
    const shown = Number(/used by (\d+) environment/.exec(screen)?.[1] ?? '0');
    // The sandbox's venv .venvs/keep was made by /usr/bin/python3 (the broken one's Python is gone).
    expect(shown).toBeGreaterThanOrEqual(1);
    const r = await cli(sb, ['impact', '/usr/bin/python3', '--json', '--context', 'host']);
    expect(r.code, r.stderr).toBe(1);
    const items = (JSON.parse(r.stdout) as { items: { id: string }[] }).items.filter((i) => !i.id.startsWith('/'));
    expect(items.length).toBe(shown);
    expect(items.some((i) => i.id.endsWith('/.venvs/keep') || i.id.includes('/.venvs/keep'))).toBe(true);
  });

  it('F repairs the broken venv through the plan; u undoes it byte for byte', { timeout: 300_000 }, async () => {
    const brokenState = await listing(sb.root, { exclude: mine });
    const s = open();
    await toBroken(s);
    s.send('F');
    await s.waitForText('Enter run', 30_000);
    expect(s.screen()).toMatch(/^Repair \S+ \(offline/m);
    s.send('Enter');
    await s.waitForText('repaired; undo with u', 120_000);
    expect(await tryRun(sb, path.join(broken, 'bin', 'python'), ['-c', 'import pyenvtui_demo_lib'])).not.toBeNull();
    s.send('u');
    await s.waitForText('undone: the machine is as it was', 60_000);
    expect(diffListings(brokenState, await listing(sb.root, { exclude: mine }))).toEqual({ added: [], removed: [] });
    s.send('Escape');
    await s.waitForText('[1 Environments]');
  });

  it('C lists what is dead; Enter plans, Enter moves it to the trash, u puts it back exactly', { timeout: 300_000 }, async () => {
    const before = await listing(sb.root, { exclude: mine });
    const s = open();
    await s.waitForText(/found \d+ environments?/, 60_000);
    s.send('C');
    await s.waitForText(/Clean-up: \d+ environment/, 60_000);
    expect(s.screen()).toMatch(/❯ .*broken .*\/\.venvs\/broken311$/m);
    s.send('Enter');
    await s.waitForText('Enter run', 30_000);
    expect(s.screen()).toMatch(/1. move venv/);
    s.send('Enter');
    await s.waitForText('moved to the trash; undo with u', 60_000);
    expect(existsSync(broken)).toBe(false);
    s.send('u');
    await s.waitForText('undone: the machine is as it was', 60_000);
    expect(diffListings(before, await listing(sb.root, { exclude: mine }))).toEqual({ added: [], removed: [] });
  });

  it('E exports the machine; the printed restore command runs', { timeout: 300_000 }, async () => {
    const s = open();
    await s.waitForText(/found \d+ environments?/, 60_000);
    await s.waitForText(/ready|found/, 60_000);
    s.send('E');
    await s.waitForText('restore it on another machine with:', 60_000);
    // The command as shown, its lines joined as a shell reads them.
    const screen = s.screen().split('\n');
    const at = screen.findIndex((l) => l.startsWith('$ pyenvtui restore'));
    let cmd = '';
    for (let i = at; i < screen.length; i++) {
      cmd += screen[i]!.replace(/^\$ /, '');
      if (!cmd.endsWith('\\')) break;
      cmd = cmd.slice(0, -1);
    }
    const argv = cmd.trim().split(/\s+/);
    expect(argv.slice(0, 2)).toEqual(['pyenvtui', 'restore']);
    const file = argv[2]!;
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { schema: string; venvs: { path: string }[] };
    expect(doc.schema).toBe('pyenvtui/export@1');
    expect(doc.venvs.map((v) => v.path)).toContain('~/.venvs/keep');
    expect(path.dirname(file)).toBe(sb.home);
    const r = await cli(sb, [...argv.slice(1), '--dry-run']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`skipped: venv ${sb.path('~/.venvs/keep')}: already exists`);
  });
});
