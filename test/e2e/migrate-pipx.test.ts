// Real pip, real pipx, real venvs in a sandbox root: CLI tools move to pipx, undo restores the exact
// previous file tree.
import { existsSync, lstatSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO, cli, createSandbox, diffListings, listing, tryRun } from '../helpers/sandbox/index.js';

const HELLO = `hello from pyenvtui-demo-cli (pyenvtui-demo-lib ${DEMO.libVersion})\n`;

describe('migrate CLI tools to pipx', () => {
  it('moves a tool pip-installed into the distro-like root to pipx, removes its orphan dependency, and undo restores the tree', { timeout: 300_000 }, async () => {
    const sb = await createSandbox();
    await sb.sudoPip([`${DEMO.cli}==${DEMO.cliVersion}`]);
    const before = await listing(sb.root);

    const r = await cli(sb, ['migrate', DEMO.cli, '--to', 'pipx', '--offline', '--yes', '--root', sb.root]);
    expect(r.stderr).toBe('');
    expect(r.code, r.stdout).toBe(0);

    const link = sb.path('~/.local/bin/demo-cli');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(await tryRun(sb, link, [])).toBe(HELLO);
    const site = sb.path('/usr/local/lib/python3.11/dist-packages');
    expect(existsSync(`${site}/pyenvtui_demo_cli`)).toBe(false);
    expect(existsSync(`${site}/pyenvtui_demo_lib`)).toBe(false); // no REQUESTED, nothing else needs it
    expect(existsSync(sb.path('/usr/local/bin/demo-cli'))).toBe(false);

    // Nothing else changed: every removal is a source file, every addition lives in pipx's places.
    const d = diffListings(before, await listing(sb.root));
    expect(d.removed.length).toBeGreaterThan(0);
    for (const x of d.removed) expect(x).toMatch(/^usr\/local\/(bin\/demo-cli|lib\/python3\.11\/dist-packages\/pyenvtui_demo_(cli|lib))/);
    for (const x of d.added) expect(x).toMatch(/^home\/tester\/\.local(\/|$)/);

    const u = await cli(sb, ['undo', '--yes']);
    expect(u.code, u.stdout + u.stderr).toBe(0);
    expect(await listing(sb.root)).toEqual(before);
    await sb.cleanup();
  });

  it('moves a user-site tool to pipx: the source leaves ~/.local/bin before pipx links there', { timeout: 300_000 }, async () => {
    const sb = await createSandbox();
    await sb.pipUser([`${DEMO.cli}==${DEMO.cliVersion}`]);
    const before = await listing(sb.root);
    const r = await cli(sb, ['migrate', DEMO.cli, '--from', 'user', '--to', 'pipx', '--offline', '--yes', '--root', sb.root]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const link = sb.path('~/.local/bin/demo-cli');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(await tryRun(sb, link, ['--version'])).toBe(`pyenvtui-demo-cli ${DEMO.cliVersion} (pyenvtui-demo-lib ${DEMO.libVersion})\n`);
    expect(existsSync(sb.path('~/.local/lib/python3.11/site-packages/pyenvtui_demo_cli'))).toBe(false);
    const d = diffListings(before, await listing(sb.root));
    for (const x of d.removed) expect(x).toMatch(/^home\/tester\/\.local\/(bin\/demo-cli|lib\/python3\.11\/site-packages\/pyenvtui_demo_(cli|lib))/);
    for (const x of d.added) expect(x).toMatch(/^home\/tester\/\.local\/(pipx|bin\/demo-cli(-admin)? -> )/);

    const u = await cli(sb, ['undo', '--yes']);
    expect(u.code, u.stdout + u.stderr).toBe(0);
    expect(await listing(sb.root)).toEqual(before);
    await sb.cleanup();
  });
});
