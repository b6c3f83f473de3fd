// Real pip, real pipx, real venvs in a sandbox root: CLI tools move to pipx, undo restores the exact
// previous file tree.
import { existsSync, lstatSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MINOR, cli, diff, listing, makeSandbox, pipRootInstall, pipUserInstall, tryRun } from '../unit/migrate/helpers/sandbox.js';

describe('migrate CLI tools to pipx', () => {
  it('moves a tool pip-installed into the distro-like root to pipx, removes its orphan dependency, and undo restores the tree', { timeout: 300_000 }, async () => {
    const s = makeSandbox();
    await pipRootInstall(s, 'm6-cli');
    const before = await listing(s.root);

    const r = await cli(s, ['migrate', 'm6-cli', '--to', 'pipx', '--offline', '--yes', '--root', s.root]);
    expect(r.stderr).toBe('');
    expect(r.code, r.stdout).toBe(0);

    const link = path.join(s.home, '.local/bin/m6-cli');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(await tryRun(link, [], s.env)).toBe('hello from m6-lib\n');
    const site = path.join(s.root, 'usr/local/lib', MINOR, 'dist-packages');
    expect(existsSync(path.join(site, 'm6_cli'))).toBe(false);
    expect(existsSync(path.join(site, 'm6_lib'))).toBe(false); // no REQUESTED, nothing else needs it
    expect(existsSync(path.join(s.root, 'usr/local/bin/m6-cli'))).toBe(false);

    // Nothing else changed: every removal is a source file, every addition lives in pipx's places.
    const d = diff(before, await listing(s.root));
    expect(d.removed.length).toBeGreaterThan(0);
    for (const x of d.removed) expect(x).toMatch(/^usr\/local\/(bin\/m6-cli|lib\/python3\.11\/dist-packages\/m6_(cli|lib))/);
    for (const x of d.added) expect(x).toMatch(/^home\/u\/\.local(\/|$)/);

    const u = await cli(s, ['undo', '--yes']);
    expect(u.code, u.stdout + u.stderr).toBe(0);
    expect(await listing(s.root)).toEqual(before);
  });

  it('moves a user-site tool to pipx: the source leaves ~/.local/bin before pipx links there', { timeout: 300_000 }, async () => {
    const s = makeSandbox();
    await pipUserInstall(s, 'm6-cli');
    const before = await listing(s.root);
    const r = await cli(s, ['migrate', 'm6-cli', '--from', 'user', '--to', 'pipx', '--offline', '--yes', '--root', s.root]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const link = path.join(s.home, '.local/bin/m6-cli');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(await tryRun(link, ['--version'], s.env)).toBe('m6-cli 2.0\n');
    expect(existsSync(path.join(s.home, '.local/lib', MINOR, 'site-packages/m6_cli'))).toBe(false);
    const d = diff(before, await listing(s.root));
    for (const x of d.removed) expect(x).toMatch(/^home\/u\/\.local\/(bin\/m6-cli|lib\/python3\.11\/site-packages\/m6_(cli|lib))/);
    for (const x of d.added) expect(x).toMatch(/^home\/u\/\.local\/(pipx|bin\/m6-cli -> )/);

    const u = await cli(s, ['undo', '--yes']);
    expect(u.code, u.stdout + u.stderr).toBe(0);
    expect(await listing(s.root)).toEqual(before);
  });
});
