// The built bundle on Debian bookworm's own Node 18.20 (what Raspberry Pi OS Bookworm's
// `apt install nodejs` gives), fetched by scripts/node18.sh: --version, scan --json and doctor give
// what this machine's Node gives, the dashboard opens, switches view, plans a migration in the
// wizard and quits under tmux, and a CLI migration runs and is undone. If Node 18 cannot be
// fetched, every test here fails saying why.
import { lstatSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { node18, runCmd } from '../helpers/node18.js';
import { BIN, DEMO, cliEnv, createSandbox, listing, standardMachine, tryRun, type Sandbox, type StandardMachine } from '../helpers/sandbox/index.js';
import { TmuxSession } from '../helpers/tmux.js';

const VERSION = (JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string }).version;

let NODE18: string;
let machine: StandardMachine;
let sb: Sandbox | undefined;
let t: TmuxSession | undefined;
beforeAll(() => {
  NODE18 = node18();
  machine = standardMachine(process.env.PYENVTUI_STANDARD_MACHINE ?? inject('standardMachine'));
});
afterEach(() => t?.kill());
afterAll(async () => sb?.cleanup());

/** The standard machine's env, without the site cache (the machine is shared read-only). */
const env = (): Record<string, string> => ({ ...machine.sandbox.env, PYENVTUI_NO_CACHE: '1' });
const onBoth = (args: string[]) => ({ node18: runCmd(NODE18, [BIN, ...args], env()), here: runCmd(process.execPath, [BIN, ...args], env()) });
/** An inventory without the one field that differs between two runs. */
const stable = (json: string): Record<string, unknown> => ({ ...(JSON.parse(json) as Record<string, unknown>), generatedAt: null });

describe("the bundle on Debian's Node 18", () => {
  it('is really Debian bookworm\'s Node 18 from its .deb', () => {
    const r = runCmd(NODE18, ['-p', 'process.version + " " + process.execPath + " " + require("fs").existsSync("/usr/share/nodejs/acorn")'], env());
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^v18\.(19|[2-9]\d)\.\d+ \S+\/usr\/bin\/node true\n$/);
  });

  it('--version', () => {
    const r = runCmd(NODE18, [BIN, '--version'], env());
    expect(r).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  it('scan --json gives the inventory this machine\'s Node gives', () => {
    const { node18: a, here: b } = onBoth(['scan', '--json', '--root', machine.sandbox.root]);
    expect(a.stderr).toBe('');
    expect(a.code).toBe(0);
    const inv = stable(a.stdout);
    expect((inv.environments as unknown[]).length).toBeGreaterThan(5);
    expect(inv).toEqual(stable(b.stdout));
  });

  it('doctor prints the same findings with the same exit code', () => {
    const { node18: a, here: b } = onBoth(['doctor', '--root', machine.sandbox.root]);
    expect(a.stderr).toBe('');
    expect(a.stdout).toMatch(/break-system-packages/);
    expect(a).toEqual(b);
  });

  it('dashboard: first screen, the findings view, quit', async () => {
    t = new TmuxSession({ node: NODE18, args: ['--root', machine.sandbox.root], env: { ...env(), NO_COLOR: '1' } });
    const first = await t.waitForText(/found \d+ environments, \d+ findings/, 30_000);
    expect(first).toMatch(/pyenvtui \d+\.\d+\.\d+/);
    // The views are named on screen as tabs; the standard machine has more than five environments.
    expect(first).toContain('1 Environments');
    expect(first).toMatch(/found ([6-9]|\d\d+) environments/);
    // It opens on what needs attention; the environments view shows the system Python's facts.
    t.send('1');
    await t.waitForText('externally-managed: yes');
    t.send('2');
    const findings = await t.waitForText('▸ Findings');
    expect(findings).toMatch(/^│[> ] (CRIT|HIGH|MED |LOW |INFO)/m);
    t.send('q');
    expect(await t.waitForExit()).toEqual({ status: 0, signal: null, altScreen: false, cursorVisible: true });
  });

  it('dashboard: tag a package with Space, m, the wizard\'s plan, cancel, quit', { timeout: 180_000 }, async () => {
    sb = await createSandbox();
    await sb.distroRoot();
    await sb.pipUser([`${DEMO.tool}==${DEMO.toolVersion}`]);
    t = new TmuxSession({ node: NODE18, args: ['--root', sb.root], env: { ...cliEnv(sb), NO_COLOR: '1' } });
    await t.waitForText(/found \d+ environments?,/, 30_000);
    t.send('Enter');
    await t.waitForText(/│> pyenvtui-demo-/);
    t.send('Space');
    await t.waitForText('1 tagged for migration');
    t.send('m');
    const choose = await t.waitForText('choose a target for each', 30_000);
    expect(choose).toContain(`> ${DEMO.tool} ${DEMO.toolVersion} → pipx (suggested)`);
    t.send('Enter');
    await t.waitForText('Plan — nothing has changed yet', 30_000);
    // The plan scrolls at 80x24; G shows its end, the removal step among the last.
    t.send('G');
    await t.waitForText(/\d\. remove the old copy of pyenvtui-demo-tool from[\s\S]*?\[asks first\]/);
    t.send('Escape');
    await t.waitForText('▸ python3.11');
    t.send('q');
    expect(await t.waitForExit()).toEqual({ status: 0, signal: null, altScreen: false, cursorVisible: true });
  });

  it('migrate moves a user-site tool to pipx (journal, real pipx), and undo restores the exact tree', { timeout: 300_000 }, async () => {
    const m = await createSandbox();
    try {
      await m.pipUser([`${DEMO.cli}==${DEMO.cliVersion}`]);
      const before = await listing(m.root);
      const r = runCmd(NODE18, [BIN, 'migrate', DEMO.cli, '--from', 'user', '--to', 'pipx', '--offline', '--yes', '--root', m.root], cliEnv(m), m.home);
      expect(r.code, r.stdout + r.stderr).toBe(0);
      const link = m.path('~/.local/bin/demo-cli');
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
      expect(await tryRun(m, link, ['--version'])).toBe(`pyenvtui-demo-cli ${DEMO.cliVersion} (pyenvtui-demo-lib ${DEMO.libVersion})\n`);
      const u = runCmd(NODE18, [BIN, 'undo', '--yes'], cliEnv(m), m.home);
      expect(u.code, u.stdout + u.stderr).toBe(0);
      expect(await listing(m.root)).toEqual(before);
    } finally {
      await m.cleanup();
    }
  });
});
