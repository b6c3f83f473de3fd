// Libraries move into venvs (a new one, an existing one) with real pip; undo restores the tree.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MINOR, cli, diff, listing, makeSandbox, makeVenv, pipRootInstall, pipUserInstall, tryRun } from '../unit/migrate/helpers/sandbox.js';

describe('migrate libraries to venvs', () => {
  it('moves a user-site library into a new venv under ~/.venvs and undo removes the venv and restores the source', { timeout: 300_000 }, async () => {
    const s = makeSandbox();
    await pipUserInstall(s, 'm6-lib');
    const before = await listing(s.root);
    const r = await cli(s, ['migrate', 'm6-lib', '--to', 'venv', '--offline', '--yes', '--root', s.root]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const py = path.join(s.home, '.venvs/m6-lib/bin/python');
    expect(await tryRun(py, ['-c', 'import m6_lib; print(m6_lib.hello())'], s.env)).toBe('hello from m6-lib\n');
    expect(existsSync(path.join(s.home, '.local/lib', MINOR, 'site-packages/m6_lib'))).toBe(false);
    const d = diff(before, await listing(s.root));
    for (const x of d.removed) expect(x).toMatch(/^home\/u\/\.local\/lib\/python3\.11\/site-packages\/m6_lib/);
    for (const x of d.added) expect(x).toMatch(/^home\/u\/\.venvs(\/|$)/);

    const u = await cli(s, ['undo', '--yes']);
    expect(u.code, u.stdout + u.stderr).toBe(0);
    expect(await listing(s.root)).toEqual(before);
  });

  it('moves a library from /usr/local into an existing venv; undo uninstalls only what it added', { timeout: 300_000 }, async () => {
    const s = makeSandbox();
    const venv = await makeVenv(s, '/home/u/proj/.venv');
    await pipRootInstall(s, 'm6-lib2');
    const before = await listing(s.root);
    const r = await cli(s, ['migrate', 'm6-lib2', '--to', 'venv:/home/u/proj/.venv', '--offline', '--yes', '--root', s.root]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).not.toContain('-m venv');
    expect(await tryRun(path.join(venv, 'bin/python'), ['-c', 'import m6_lib2; print(m6_lib2.VALUE)'], s.env)).toBe('42\n');
    expect(existsSync(path.join(s.root, 'usr/local/lib', MINOR, 'dist-packages/m6_lib2'))).toBe(false);
    const d = diff(before, await listing(s.root));
    for (const x of d.removed) expect(x).toMatch(/^usr\/local\/lib\/python3\.11\/dist-packages\/m6_lib2/);
    for (const x of d.added) expect(x).toMatch(/^home\/u\/proj\/\.venv\/lib\/python3\.11\/site-packages\/m6_lib2/);

    const u = await cli(s, ['undo', '--yes']);
    expect(u.code, u.stdout + u.stderr).toBe(0);
    expect(await listing(s.root)).toEqual(before);
  });
});

describe('migrate refuses', () => {
  it('changes nothing without --yes when there is no terminal, and says so', { timeout: 300_000 }, async () => {
    const s = makeSandbox();
    await pipUserInstall(s, 'm6-lib');
    const before = await listing(s.root);
    const r = await cli(s, ['migrate', 'm6-lib', '--to', 'venv', '--offline', '--root', s.root]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('nothing was changed');
    expect(r.stdout).toContain('python -m pip install');
    expect(await listing(s.root)).toEqual(before);
    expect(existsSync(s.state)).toBe(false);
  });

  it('refuses names with shell metacharacters before reading anything', { timeout: 300_000 }, async () => {
    const s = makeSandbox();
    for (const bad of ['m6;touch /tmp/pwned', '$(id)', 'a b', '`x`']) {
      const r = await cli(s, ['migrate', bad, '--to', 'pipx', '--root', s.root]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('not a valid distribution name');
    }
  });

  it('refuses a distribution whose name on disk is not a valid name', { timeout: 300_000 }, async () => {
    const s = makeSandbox();
    await pipUserInstall(s, 'm6-lib');
    // Corrupt the metadata so the name read from disk carries a shell metacharacter.
    const meta = path.join(s.home, '.local/lib', MINOR, 'site-packages/m6_lib-1.0.dist-info/METADATA');
    const { readFile, writeFile } = await import('node:fs/promises');
    await writeFile(meta, (await readFile(meta, 'utf8')).replace('Name: m6-lib', 'Name: m6-lib;rm'));
    const r = await cli(s, ['migrate', 'm6-lib', '--to', 'venv', '--yes', '--root', s.root]);
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toContain('refusing "m6-lib;rm": not a valid distribution name');
  });
});
