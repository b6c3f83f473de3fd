// Libraries move into venvs (a new one, an existing one) with real pip; undo restores the tree.
// Refusals change nothing. One sandbox per describe where the tests leave it as they found it.
import { existsSync, promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, cli, createSandbox, diffListings, listing, operatorState, tryRun, type Sandbox } from '../helpers/sandbox/index.js';

describe('migrate a user-site library', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await createSandbox();
    await sb.pipUser([`${DEMO.lib}==${DEMO.libVersion}`]);
  });
  afterAll(() => sb.cleanup());

  it('moves it into a new venv under ~/.venvs and undo removes the venv and restores the source', { timeout: 300_000 }, async () => {
    const before = await listing(sb.root);
    const r = await cli(sb, ['migrate', DEMO.lib, '--to', 'venv', '--offline', '--yes', '--root', sb.root]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const py = sb.path(`~/.venvs/${DEMO.lib}/bin/python`);
    expect(await tryRun(sb, py, ['-c', 'import pyenvtui_demo_lib as m; print(m.greet("x"))'])).toBe(`hello from x (pyenvtui-demo-lib ${DEMO.libVersion})\n`);
    expect(existsSync(sb.path('~/.local/lib/python3.11/site-packages/pyenvtui_demo_lib'))).toBe(false);
    const d = diffListings(before, await listing(sb.root));
    for (const x of d.removed) expect(x).toMatch(/^home\/tester\/\.local\/lib\/python3\.11\/site-packages\/pyenvtui_demo_lib/);
    for (const x of d.added) expect(x).toMatch(/^home\/tester\/\.venvs(\/|$)/);

    const u = await cli(sb, ['undo', '--yes']);
    expect(u.code, u.stdout + u.stderr).toBe(0);
    expect(await listing(sb.root)).toEqual(before);
  });

  it('changes nothing without --yes when there is no terminal, and says so', { timeout: 300_000 }, async () => {
    const before = await listing(sb.root);
    const state = path.join(sb.base, 'state-no-tty');
    const r = await cli(sb, ['migrate', DEMO.lib, '--to', 'venv', '--offline', '--root', sb.root], { env: { XDG_STATE_HOME: state } });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('nothing was changed');
    expect(r.stdout).toContain('python -m pip install');
    expect(await listing(sb.root)).toEqual(before);
    // No journal and no lock left behind: at most the empty locks directory the per-package lock used.
    const left = existsSync(state) ? await listing(state) : [];
    expect(left.filter((l) => !l.endsWith('/'))).toEqual([]);
  });

  it('refuses a distribution whose name on disk is not a valid name', { timeout: 300_000 }, async () => {
    // Corrupt the metadata so the name read from disk carries a shell metacharacter (runs last: it edits the sandbox).
    const meta = sb.path(`~/.local/lib/python3.11/site-packages/pyenvtui_demo_lib-${DEMO.libVersion}.dist-info/METADATA`);
    await fsp.writeFile(meta, (await fsp.readFile(meta, 'utf8')).replace(`Name: ${DEMO.lib}`, `Name: ${DEMO.lib};rm`));
    const r = await cli(sb, ['migrate', DEMO.lib, '--to', 'venv', '--yes', '--root', sb.root]);
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toContain(`refusing "${DEMO.lib};rm": not a valid distribution name`);
  });
});

describe('migrate into an existing venv', () => {
  it('moves a library from /usr/local into an existing venv; undo uninstalls only what it added', { timeout: 300_000 }, async () => {
    const sb = await createSandbox();
    const venv = await sb.venv('~/proj/.venv');
    await sb.sudoPip([`${DEMO.extra}==${DEMO.extraVersion}`]);
    const before = await listing(sb.root);
    const r = await cli(sb, ['migrate', DEMO.extra, '--to', 'venv:/home/tester/proj/.venv', '--offline', '--yes', '--root', sb.root]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).not.toContain('-m venv');
    expect(await tryRun(sb, venv.python, ['-c', 'import pyenvtui_demo_extra as m; print(m.sparkle("x"))'])).toBe('*x*\n');
    expect(existsSync(sb.path('/usr/local/lib/python3.11/dist-packages/pyenvtui_demo_extra'))).toBe(false);
    const d = diffListings(before, await listing(sb.root));
    for (const x of d.removed) expect(x).toMatch(/^usr\/local\/lib\/python3\.11\/dist-packages\/pyenvtui_demo_extra/);
    for (const x of d.added) expect(x).toMatch(/^home\/tester\/proj\/\.venv\/lib\/python3\.11\/site-packages\/pyenvtui_demo_extra/);

    const u = await cli(sb, ['undo', '--yes']);
    expect(u.code, u.stdout + u.stderr).toBe(0);
    expect(await listing(sb.root)).toEqual(before);
    expect(existsSync(operatorState(sb))).toBe(true);
    await sb.cleanup();
  });
});

describe('migrate refuses', () => {
  it('refuses names with shell metacharacters before reading anything', { timeout: 300_000 }, async () => {
    const sb = await createSandbox();
    for (const bad of ['m6;touch /tmp/pwned', '$(id)', 'a b', '`x`']) {
      const r = await cli(sb, ['migrate', bad, '--to', 'pipx', '--root', sb.root]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('not a valid distribution name');
    }
    await sb.cleanup();
  });
});
