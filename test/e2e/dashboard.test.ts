// The dashboard as a person drives it: the built bin under tmux on the standard messy machine,
// NO_COLOR, asserting on the text of the screen.
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { standardMachine, type StandardMachine } from '../helpers/sandbox/index.js';
import { TmuxSession } from '../helpers/tmux.js';

let machine: StandardMachine;
let s: TmuxSession | undefined;
beforeAll(() => {
  machine = standardMachine(process.env.PYENVTUI_STANDARD_MACHINE ?? inject('standardMachine'));
});
afterEach(() => s?.kill());

function open(columns = 80, rows = 24, extra: string[] = []): TmuxSession {
  const { sandbox } = machine;
  s = new TmuxSession({ columns, rows, args: ['--root', sandbox.root, ...extra], env: { ...sandbox.env, NO_COLOR: '1' } });
  return s;
}

/** Every visible line fits the terminal and the frame leaves the last row free. */
function expectTidy(screen: string, columns: number, rows: number): void {
  const lines = screen.replace(/\n+$/, '').split('\n');
  expect(lines.length).toBeLessThanOrEqual(rows - 1);
  for (const l of lines) expect([...l].length, l).toBeLessThanOrEqual(columns);
}

const FOUND = /found \d+ environments, \d+ findings/;

describe('dashboard on the standard messy machine (tmux, NO_COLOR)', () => {
  it('opens on the findings with the views named and how to tag and migrate; every kind, the PATH python', async () => {
    const t = open();
    const first = await t.waitForText(FOUND, 20_000);
    expect(first).toMatch(/1 Environments\s+\[2 Findings \d+\]\s+3 Packages\s+4 PATH/);
    expect(first).toContain('▸ Findings');
    const hints = first.trimEnd().split('\n').at(-1)!;
    for (const h of ['Space tag', 'm migrate', 'r rescan', '? help', 'q quit']) expect(hints).toContain(h);
    expectTidy(first, 80, 24);
    t.send('1');
    const screen = await t.waitForText('[1 Environments]');
    expect(screen).toMatch(/python3: \/usr\/bin\/python3/);
    expect(screen).toMatch(/name\s+py\s+pkgs !/);
    expect(screen).toMatch(/\+ user site: [1-9]/);
    for (const group of ['System (1)', 'venvs (', 'pipx (1)', 'conda (', 'pyenv (']) expect(screen).toContain(group);
    expect(screen).toContain('externally-managed: yes');
    expectTidy(screen, 80, 24);
  });

  it('moves, opens an environment, shows its packages, and goes back', async () => {
    const t = open();
    await t.waitForText(FOUND, 20_000);
    t.send('1');
    await t.waitForText('[1 Environments]');
    t.send('j');
    const moved = await t.waitForText(/^│> (?!python3)/m);
    const name = /^│> (\S+)/m.exec(moved)![1]!;
    t.send('Enter');
    await t.waitForText(`▸ ${name}`);
    t.send('G');
    const detail = await t.waitForText(/name\s+version\s+by\s+scope/);
    expect(detail).toContain(`▸ ${name}`);
    t.send('Escape');
    await t.waitForText('▸ Environments');
  });

  it('filters with / and shows demo-lib in four places side by side in the packages view', async () => {
    const t = open();
    await t.waitForText(FOUND, 20_000);
    t.send('3');
    await t.waitForText('▸ Packages');
    t.send('/');
    t.send('demo-lib', { literal: true });
    t.send('Enter');
    const screen = await t.waitForText(/shown for "demo-lib"/);
    // One row for the name, every copy's version side by side.
    const row = /^│> pyenvtui\S*\s+(\d+)×\s+(.+?)\s*│/m.exec(screen);
    expect(row, screen).not.toBeNull();
    expect(Number(row![1])).toBeGreaterThanOrEqual(3);
    expect(row![2]!.split(' · ').length).toBeGreaterThanOrEqual(3);
    t.send('Enter');
    const copies = await t.waitForText(/\d+ copies · \d+ versions/);
    const [, n, v] = /(\d+) copies · (\d+) versions/.exec(copies)!;
    expect(Number(n)).toBe(Number(row![1]));
    expect(Number(v)).toBeGreaterThanOrEqual(3);
    expect(copies).toMatch(/local site/);
    expectTidy(copies, 80, 24);
  });

  it('shows the playbook\'s advice under the user-site demo tool in the system detail', async () => {
    const t = open();
    await t.waitForText(FOUND, 20_000);
    // The system interpreter is selected first; its detail lists the global packages with advice, after its findings.
    t.send('1');
    await t.waitForText('[1 Environments]');
    t.send('Tab');
    t.send('G');
    // The advice is wrapped whole under its package.
    const screen = await t.waitForText('(demo-tool): pipx gives it its own venv', 20_000);
    const lines = screen.split('\n');
    const tool = lines.findIndex((l) => /2\.0\.0\s+pip\s+user\s+demo-/.test(l));
    expect(tool, screen).toBeGreaterThan(0);
    expect(lines[tool + 1]).toMatch(/advice: pipx — command-line tool/);
    expectTidy(screen, 80, 24);
  });

  it('lists findings worst first and Enter jumps to the environment', async () => {
    const t = open();
    await t.waitForText(FOUND, 20_000);
    t.send('2');
    const screen = await t.waitForText('▸ Findings');
    expect(screen).toMatch(/break.system.packages|break-system-packages/i);
    const badges = [...screen.matchAll(/^│[> ] (CRIT|HIGH|MED |LOW |INFO)/gm)].map((m) => m[1]!.trim());
    const rank = ['CRIT', 'HIGH', 'MED', 'LOW', 'INFO'];
    expect(badges.length).toBeGreaterThan(2);
    expect(badges.map((b) => rank.indexOf(b))).toEqual([...badges.map((b) => rank.indexOf(b))].sort((a, b) => a - b));
    t.send('Enter');
    // The environments view opens on the finding's environment and package; Esc returns to the list.
    await t.waitForText(/[▸ ] Environments\s+\d+\/\d+/);
    t.send('Escape');
    await t.waitForText('▸ Findings');
  });

  it('opens help generated from the key table, which says that it scrolls, and q closes it before quitting', async () => {
    const t = open();
    await t.waitForText(FOUND, 20_000);
    t.send('?');
    const help = await t.waitForText('▸ Keys');
    expect(help).toContain('move down');
    expect(help).toMatch(/1-\d+\/\d+ ↓ j\/k · Esc close/);
    t.send('q');
    await t.waitForText('▸ Findings');
    t.send('q');
    const end = await t.waitForExit();
    expect(end).toEqual({ status: 0, signal: null, altScreen: false, cursorVisible: true });
  });

  it('re-lays out on resize: 80x24 → 60x20 stacks the panes, and back', async () => {
    const t = open();
    await t.waitForText(FOUND, 20_000);
    t.send('1');
    await t.waitForText('[1 Environments]');
    t.resize(60, 20);
    const n = await t.waitForText(/^┌─{58}┐$/m);
    expect(n).not.toContain('externally-managed');
    expectTidy(n, 60, 20);
    t.send('Tab');
    const detail = await t.waitForText('Tab: list');
    expectTidy(detail, 60, 20);
    t.resize(100, 30);
    const wide = await t.waitForText(/externally-managed: yes/);
    expectTidy(wide, 100, 30);
  });

  it('--readonly --ascii: no migrate hint, ASCII borders', async () => {
    const t = open(120, 30, ['--readonly', '--ascii']);
    const screen = await t.waitForText(FOUND, 20_000);
    expect(screen.trimEnd().split('\n').at(-1)).not.toContain('migrate');
    expect(screen).not.toContain('Space tag');
    expect(screen).toContain('+---');
    // ASCII only; the focused pane is marked '#', the cursor '>'.
    expect(screen).toMatch(/^[\x00-\x7f]*$/);
    expect(screen).toContain('|# Findings');
  });
});
