// The built bundle on the later Node lines users have (22 and 24; 18 has its own test on Debian's real
// package, 20 is this machine's): nodejs.org's binaries from the registry's node-linux-<arch> packages
// (scripts/node-line.sh). --version, scan --json and doctor give what this machine's Node gives, and the
// dashboard opens, switches view, plans a migration in the wizard and quits under tmux. Never skipped:
// when a line cannot be fetched, its tests fail saying why.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { runCmd } from '../helpers/node18.js';
import { BIN, DEMO, cliEnv, createSandbox, standardMachine, type Sandbox } from '../helpers/sandbox/index.js';
import { TmuxSession } from '../helpers/tmux.js';

const VERSION = (JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string }).version;
const SCRIPT = path.resolve(import.meta.dirname, '../../scripts/node-line.sh');

function nodeLine(major: number): string {
  const r = spawnSync('bash', [SCRIPT, String(major)], { encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`Node ${major} could not be fetched, so the bundle cannot be tested on it:\n${r.stderr || r.error?.message}`);
  return r.stdout.trim();
}

let t: TmuxSession | undefined;
const sandboxes: Sandbox[] = [];
afterEach(() => t?.kill());
afterAll(async () => Promise.all(sandboxes.map((s) => s.cleanup())));

describe.each([22, 24])('the bundle on Node %i', (major) => {
  const machine = () => standardMachine(process.env.PYENVTUI_STANDARD_MACHINE ?? inject('standardMachine'));
  const env = (): Record<string, string> => ({ ...machine().sandbox.env, PYENVTUI_NO_CACHE: '1' });
  const stable = (json: string): Record<string, unknown> => ({ ...(JSON.parse(json) as Record<string, unknown>), generatedAt: null });

  it('--version, scan --json and doctor agree with this machine\'s Node', () => {
    const node = nodeLine(major);
    expect(runCmd(node, ['--version'], env()).stdout).toMatch(new RegExp(`^v${major}\\.`));
    expect(runCmd(node, [BIN, '--version'], env())).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
    const root = machine().sandbox.root;
    const a = runCmd(node, [BIN, 'scan', '--json', '--root', root], env());
    const b = runCmd(process.execPath, [BIN, 'scan', '--json', '--root', root], env());
    expect(a.stderr).toBe('');
    expect(stable(a.stdout)).toEqual(stable(b.stdout));
    const d = runCmd(node, [BIN, 'doctor', '--root', root], env());
    expect(d).toEqual(runCmd(process.execPath, [BIN, 'doctor', '--root', root], env()));
  });

  it('dashboard: first screen, a view switch, the wizard\'s plan, quit', { timeout: 180_000 }, async () => {
    const node = nodeLine(major);
    const sb = await createSandbox();
    sandboxes.push(sb);
    await sb.distroRoot();
    await sb.pipUser([`${DEMO.tool}==${DEMO.toolVersion}`]);
    t = new TmuxSession({ node, args: ['--root', sb.root], env: { ...cliEnv(sb), NO_COLOR: '1' } });
    await t.waitForText(/found \d+ environments?,/, 30_000);
    t.send('2');
    await t.waitForText('▸ Findings');
    t.send('1');
    await t.waitForText('▸ Environments');
    t.send('Enter');
    await t.waitForText('Packages (');
    // `a` tags every package the advice suggests moving here: the user-site tool, never apt's PyYAML.
    t.send('a');
    await t.waitForText('1 tagged for migration');
    t.send('m');
    await t.waitForText('choose a target for each', 30_000);
    t.send('Enter');
    const plan = await t.waitForText('Plan — nothing has changed yet', 30_000);
    expect(plan).toContain('pyenvtui-demo-tool');
    t.send('Escape');
    t.send('q');
    expect(await t.waitForExit()).toEqual({ status: 0, signal: null, altScreen: false, cursorVisible: true });
  });
});
