// Dependents and blast radius on a sandbox machine: real venvs and a real pipx tool on the distro's
// Python, a pyenv root in pyenv's own layout with a pyenv-virtualenv and a venv made from one of its
// versions. `impact` must list exactly what breaks, and removing (the sandbox's copy of) that version
// must break exactly those environments.
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanContext } from '../../../src/context/scan-context.js';
import { scan } from '../../../src/discover/index.js';
import type { Inventory } from '../../../src/model.js';
import { DEMO, cli, createSandbox, type Sandbox } from '../../helpers/sandbox/index.js';

const V312 = '/home/tester/.pyenv/versions/3.12.1';

async function inventory(sb: Sandbox): Promise<Inventory> {
  return scan(new ScanContext({ root: sb.root, env: sb.env }));
}

describe('dependents and impact', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await createSandbox();
    await sb.distroRoot();
    await sb.venv('.venvs/app', { packages: [`${DEMO.lib}==${DEMO.libVersion}`] });
    await sb.pipx(`${DEMO.tool}==${DEMO.toolVersion}`);
    await sb.pyenv({ versions: ['3.11.7', '3.12.1'], virtualenvs: [{ name: 'proj', version: '3.12.1' }] });
    // A venv made with `~/.pyenv/versions/3.12.1/bin/python -m venv ~/.venvs/on312`, as venv writes it.
    const on = sb.path('~/.venvs/on312');
    mkdirSync(`${on}/bin`, { recursive: true });
    mkdirSync(`${on}/lib/python3.12/site-packages`, { recursive: true });
    writeFileSync(`${on}/pyvenv.cfg`, `home = ${V312}/bin\ninclude-system-site-packages = false\nversion = 3.12.1\nexecutable = ${V312}/bin/python3.12\ncommand = ${V312}/bin/python -m venv /home/tester/.venvs/on312\n`);
    symlinkSync(`${V312}/bin/python3.12`, `${on}/bin/python`);
    symlinkSync('python', `${on}/bin/python3`);
  });
  afterAll(() => sb.cleanup());

  it('links every venv and tool to the interpreter it was made from, in scan --json', async () => {
    const r = await cli(sb, ['scan', '--json', '--root', sb.root]);
    expect(r.code, r.stderr).toBe(0);
    const inv = JSON.parse(r.stdout) as Inventory;
    const byPrefix = (p: string) => inv.environments.find((e) => e.prefix === p)!;
    const sys = inv.environments.find((e) => e.kind === 'system')!;
    expect(byPrefix('/home/tester/.venvs/app').builtOn).toBe(sys.id);
    expect(byPrefix(`/home/tester/.local/pipx/venvs/${DEMO.tool}`).builtOn).toBe(sys.id);
    expect(byPrefix('/home/tester/.venvs/on312').builtOn).toBe(byPrefix(V312).id);
    expect(byPrefix(V312).dependents).toEqual([`pyenv-virtualenv:${V312}/envs/proj`, 'venv:/home/tester/.venvs/on312'].sort());
    expect(byPrefix('/home/tester/.pyenv/versions/3.11.7').dependents).toEqual([]);
  });

  it('impact lists exactly what breaks, and removing that version breaks exactly those', async () => {
    const r = await cli(sb, ['impact', V312, '--json', '--root', sb.root]);
    expect(r.code, r.stderr).toBe(1);
    const listed = (JSON.parse(r.stdout) as { items: { id: string }[] }).items.map((i) => i.id).sort();
    expect(listed).toEqual([`pyenv-virtualenv:${V312}/envs/proj`, 'venv:/home/tester/.venvs/on312'].sort());
    const healthyBefore = (await inventory(sb)).environments.filter((e) => e.health.cannotRun === undefined).map((e) => e.id);
    // Remove the sandbox's copy of the version and look again.
    const copy = sb.path(V312);
    const aside = `${copy}.gone`;
    const { renameSync } = await import('node:fs');
    renameSync(copy, aside);
    try {
      const after = await inventory(sb);
      const ids = new Set(after.environments.map((e) => e.id));
      // Broken now, or gone with the version (pyenv-virtualenv keeps its envs inside versions/<v>/envs).
      const broken = healthyBefore.filter((id) => id !== `pyenv:${V312}` && (!ids.has(id) || after.environments.find((e) => e.id === id)!.health.cannotRun !== undefined)).sort();
      expect(broken).toEqual(listed);
    } finally {
      renameSync(aside, copy);
    }
  });

  it('a Python nothing depends on exits 0; text output names the dependents', async () => {
    const none = await cli(sb, ['impact', '3.11.7', '--root', sb.root]);
    expect(none.code, none.stderr).toBe(0);
    expect(none.stdout).toContain('nothing on this machine depends on it');
    const some = await cli(sb, ['impact', 'system:/usr/bin/python3.11', '--root', sb.root]);
    expect(some.code).toBe(1);
    expect(some.stdout).toContain('/home/tester/.venvs/app');
    expect(some.stdout).toContain(`fix: pipx reinstall ${DEMO.tool}`);
  });

  it('previews a Debian release upgrade (bookworm → trixie: 3.11 → 3.13)', async () => {
    const r = await cli(sb, ['impact', '--upgrade', 'trixie', '--json', '--root', sb.root]);
    expect(r.code, r.stderr).toBe(1);
    const im = JSON.parse(r.stdout) as { items: { id: string }[]; notes: string[] };
    expect(im.items.map((i) => i.id).sort()).toEqual(['venv:/home/tester/.venvs/app', `pipx:/home/tester/.local/pipx/venvs/${DEMO.tool}`].sort());
    expect(im.notes.join('\n')).toContain('pipx reinstall-all');
  });

  it('refuses what it cannot answer with exit 2', async () => {
    expect((await cli(sb, ['impact', '--root', sb.root])).code).toBe(2);
    expect((await cli(sb, ['impact', 'nope', '--root', sb.root])).stderr).toContain("no interpreter 'nope'");
    expect((await cli(sb, ['impact', '--upgrade', 'sid', '--root', sb.root])).stderr).toContain('unknown release');
    expect((await cli(sb, ['impact', '3.11', '--bogus', '--root', sb.root])).code).toBe(2);
  });
});
