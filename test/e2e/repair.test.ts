// `pyenvtui repair` through the planner, with the real tools in a throwaway sandbox: a venv whose base
// interpreter was moved away is rebuilt with the same minor version and the same packages at the same
// versions (imports work), and `undo` restores the broken state byte for byte; a pipx tool whose Python
// was removed is reinstalled and runs, and undo puts the broken copy back. A healthy neighbour is never
// touched. Every command the CLI prints here (the plan's steps, `pyenvtui undo ID`) is run.
import { rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, createSandbox, DEMO, diffListings, listing, tryRun, type Sandbox } from '../helpers/sandbox/index.js';

/** Break a venv the way removing its base Python does: the interpreter link dangles, pyvenv.cfg home is gone. */
function breakVenv(prefix: string, version: string, home: string): void {
  for (const n of ['python', 'python3', 'python3.11']) rmSync(path.join(prefix, 'bin', n), { force: true });
  symlinkSync(`${home}/python3`, path.join(prefix, 'bin', 'python'));
  symlinkSync('python', path.join(prefix, 'bin', 'python3'));
  writeFileSync(path.join(prefix, 'pyvenv.cfg'), `home = ${home}\ninclude-system-site-packages = false\nversion = ${version}\n`);
}

const VERSION_OF = 'import sys, importlib.metadata as m; print(m.version(sys.argv[1]))';

describe('pyenvtui repair', () => {
  let sb: Sandbox;
  let broken: string;
  let tool: string;
  let old310: string;
  // pyenvtui's own cache and the pip/pipx caches and logs are not what repair and undo manage.
  const mine = (rel: string) => /^home\/tester\/(\.cache|\.local\/state|\.local\/pipx\/(logs|\.cache|shared))/.test(rel);

  beforeAll(async () => {
    sb = await createSandbox();
    await sb.venv('.venvs/keep', { packages: [`${DEMO.cli}==${DEMO.cliVersion}`] });
    const v = await sb.venv('.venvs/broken311', { packages: [`${DEMO.lib}==${DEMO.libOldVersion}`, `${DEMO.tool}==${DEMO.toolVersion}`] });
    broken = v.prefix;
    breakVenv(broken, '3.11.2', '/opt/python3.11-removed/bin');
    await sb.pipx(`${DEMO.tool}==${DEMO.toolVersion}`);
    tool = sb.path(`~/.local/pipx/venvs/${DEMO.tool}`);
    for (const n of ['python', 'python3', 'python3.11']) rmSync(path.join(tool, 'bin', n), { force: true });
    symlinkSync('/opt/python3.11-removed/bin/python3', path.join(tool, 'bin', 'python'));
    // Made with a 3.10 that is gone; this machine has no 3.10.
    old310 = (await sb.venv('.venvs/old310', { packages: [`${DEMO.lib}==${DEMO.libVersion}`] })).prefix;
    breakVenv(old310, '3.10.13', '/opt/python3.10/bin');
  }, 300_000);
  afterAll(() => sb?.cleanup());

  it('--all --dry-run plans both and changes nothing; without --yes and no terminal it refuses', { timeout: 300_000 }, async () => {
    const before = await listing(sb.root, { exclude: mine });
    const dry = await cli(sb, ['repair', '--all', '--dry-run']);
    expect(dry.code, dry.stdout + dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/^Repair \S+ \(offline/);
    expect(dry.stdout).toContain(`$ mv -T ${broken} `);
    expect(dry.stdout).toContain(`/usr/bin/python3.11 -m venv ${broken}`);
    expect(dry.stdout).toContain(`reinstall --python /usr/bin/python3.11 ${DEMO.tool}`);
    expect(dry.stdout).not.toContain('.venvs/keep');
    // --all includes the 3.10 venv this machine cannot rebuild: left out, saying why and what to do.
    expect(dry.stdout).toContain(`not repaired: ${old310}: no Python 3.10 on this machine to rebuild it with`);
    const no = await cli(sb, ['repair', broken]);
    expect(no.code).toBe(3);
    expect(no.stderr).toContain('nothing was changed');
    expect(diffListings(before, await listing(sb.root, { exclude: mine }))).toEqual({ added: [], removed: [] });
    const healthy = await cli(sb, ['repair', sb.path('~/.venvs/keep')]);
    expect(healthy.stdout).toContain('not broken (its interpreter runs)');
    expect(healthy.code).toBe(1);
  });

  it('rebuilds the venv with the same minor and the same packages; undo restores the broken state byte for byte', { timeout: 300_000 }, async () => {
    const brokenState = await listing(sb.root, { exclude: mine });
    const r = await cli(sb, ['repair', broken, '--yes']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`ok +${DEMO.lib} version is ${DEMO.libOldVersion.replace(/\./g, "\\.")}`));
    const py = path.join(broken, 'bin', 'python');
    expect((await tryRun(sb, py, ['-c', VERSION_OF, DEMO.lib]))?.trim()).toBe(DEMO.libOldVersion);
    expect((await tryRun(sb, py, ['-c', VERSION_OF, DEMO.tool]))?.trim()).toBe(DEMO.toolVersion);
    expect(await tryRun(sb, py, ['-c', 'import pyenvtui_demo_lib'])).not.toBeNull();
    expect(await tryRun(sb, path.join(broken, 'bin', 'demo-tool'), ['--version'])).toContain(DEMO.toolVersion);
    const id = /undo with: pyenvtui undo (\S+)/.exec(r.stdout)![1]!;
    // The repaired venv is no longer broken: repairing it again has nothing to do.
    const again = await cli(sb, ['repair', broken, '--dry-run']);
    expect(again.stdout).toContain('not broken');

    const u = await cli(sb, ['undo', id, '--yes']);
    expect(u.code, u.stdout + u.stderr).toBe(0);
    expect(diffListings(brokenState, await listing(sb.root, { exclude: mine }))).toEqual({ added: [], removed: [] });
  });

  it('without the same minor it is not repaired; --python picks another, the plan says what changes; undo restores', { timeout: 300_000 }, async () => {
    const before = await listing(sb.root, { exclude: mine });
    const blocked = await cli(sb, ['repair', old310]);
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toContain('no Python 3.10 on this machine to rebuild it with');
    expect(blocked.stdout).toContain('nothing to repair');
    const r = await cli(sb, ['repair', old310, '--python', '/usr/bin/python3.11', '--yes']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/warning: .*no Python 3\.10 here; rebuilt with \/usr\/bin\/python3\.11 \(Python 3\.11\.\d+\)/);
    expect((await tryRun(sb, path.join(old310, 'bin', 'python'), ['-c', VERSION_OF, DEMO.lib]))?.trim()).toBe(DEMO.libVersion);
    const id = /undo with: pyenvtui undo (\S+)/.exec(r.stdout)![1]!;
    expect((await cli(sb, ['undo', id, '--yes'])).code).toBe(0);
    expect(diffListings(before, await listing(sb.root, { exclude: mine }))).toEqual({ added: [], removed: [] });
  });

  it('reinstalls a pipx tool whose Python was removed; it runs; undo puts the broken copy back', { timeout: 300_000 }, async () => {
    const brokenTool = await listing(tool);
    const r = await cli(sb, ['repair', tool, '--yes']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(await tryRun(sb, sb.path('~/.local/bin/demo-tool'), ['--version'])).toContain(`pyenvtui-demo-tool ${DEMO.toolVersion}`);
    const id = /undo with: pyenvtui undo (\S+)/.exec(r.stdout)![1]!;
    const u = await cli(sb, ['undo', id, '--yes']);
    expect(u.code, u.stdout + u.stderr).toBe(0);
    expect(await listing(tool)).toEqual(brokenTool);
  });
});
