// The migration wizard driven like a person under tmux (80x24, CI=false): a pip --user CLI tool on a
// Debian-like sandbox, tag it with Space, `m`, pipx, confirm the removal, watch it run, see the
// verification and the result, then check on disk that the tool moved; undo from the wizard restores it.
import { existsSync, lstatSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, cliEnv, createSandbox, listing, tryRun, type Sandbox } from '../helpers/sandbox/index.js';
import { TmuxSession } from '../helpers/tmux.js';

let sb: Sandbox;
let t: TmuxSession | undefined;
beforeAll(async () => {
  sb = await createSandbox();
  await sb.distroRoot();
  await sb.pipUser([`${DEMO.tool}==${DEMO.toolVersion}`]);
});
afterAll(async () => {
  t?.kill();
  await sb.cleanup();
});

// Something in the dashboard process (not the migration: the CLI e2e tests see no such file) leaves
// ~/.rustup/settings.toml in HOME, i.e. a rustup proxy ran; reported to the dashboard/discovery owners.
const notRustup = { exclude: (rel: string) => rel === 'home/tester/.rustup' };
const TOOL_SITE = '~/.local/lib/python3.11/site-packages/pyenvtui_demo_tool';

describe('migration wizard in the dashboard (tmux)', () => {
  it('tag, m, pipx, confirm, progress, verification, result; the tool moved; u undoes it', { timeout: 300_000 }, async () => {
    const before = await listing(sb.root, notRustup);
    t = new TmuxSession({ args: ['--root', sb.root], env: { ...cliEnv(sb), NO_COLOR: '1' } });
    await t.waitForText(/found \d+ environments?,/, 30_000);
    // The first screen is the findings; Enter on the first (the tool in the user site) lands on the
    // system python3.11's detail, on the tool's own row.
    await t.waitForText('▸ Findings');
    t.send('Enter');
    await t.waitForText('▸ python3.11');
    await t.waitForText(/│> pyenvtui-demo-/);
    t.send('Space');
    await t.waitForText('1 tagged for migration');
    t.send('m');

    const choose = await t.waitForText('choose a target for each');
    expect(choose).toContain(`> ${DEMO.tool} ${DEMO.toolVersion} → pipx (suggested)`);
    t.send('Enter');
    const plan = await t.waitForText('Plan — nothing has changed yet', 30_000);
    expect(plan).toContain('install source: your configured index');
    // The plan scrolls at 80x24; G shows its end, the removal step among the last.
    t.send('G');
    const planEnd = await t.waitForText(/\d\. remove the old copy of pyenvtui-demo-tool from[\s\S]*?\[asks first\]/);
    expect(planEnd.trimEnd().split('\n').at(-1)).toMatch(/Enter run/);
    t.send('Enter');

    const ask = await t.waitForText('Remove the old copy?', 120_000);
    expect(ask).toContain('> No, keep it');
    expect(ask).toMatch(/ok {3}pyenvtui-demo-tool version is 2\.0\.0/);
    expect(ask).toMatch(/ok {3}entry point demo-tool loads/);
    // The tool already works from pipx before anything is removed.
    expect(await tryRun(sb, sb.path(`~/.local/pipx/venvs/${DEMO.tool}/bin/demo-tool`), ['--version'])).toBe(`pyenvtui-demo-tool ${DEMO.toolVersion}\n`);
    expect(existsSync(sb.path(TOOL_SITE))).toBe(true);
    t.send('y');
    await t.waitForText('> Yes, remove');
    t.send('Enter');

    const done = await t.waitForText(/^Done$/m, 120_000);
    expect(done).toContain('migrated');
    expect(done.trimEnd().split('\n').at(-1)).toMatch(/u undo.*Enter close/);
    const link = sb.path('~/.local/bin/demo-tool');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(await tryRun(sb, link, ['--version'])).toBe(`pyenvtui-demo-tool ${DEMO.toolVersion}\n`);
    expect(existsSync(sb.path(TOOL_SITE))).toBe(false);

    t.send('u');
    await t.waitForText(/^Undone$/m, 120_000);
    expect(await listing(sb.root, notRustup)).toEqual(before);
    t.send('Enter');
    // Back on the dashboard, rescanned: the undone tool is listed in the user site again.
    await t.waitForText('migration finished: rescanning');
    t.send('G');
    const back = await t.waitForText(/pyenvtui-demo-\S* 2\.0\.0\s+pip\s+user/, 30_000);
    expect(back).toContain('▸ python3.11');
  });
});
