// The playbook on the standard messy machine (real sudo pip, pip --user, pipx, venvs, conda,
// pyenv; Debian-12 files): every global package gets advice with a reason, and the prerequisite
// fixes are Debian's — or Fedora's when a real Fedora os-release is put under the same --root.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanContext } from '../../../src/context/scan-context.js';
import { scan } from '../../../src/discover/index.js';
import { adviseInventory } from '../../../src/guidance/advice.js';
import { prerequisiteFindings } from '../../../src/guidance/prerequisites.js';
import type { Distribution, Inventory } from '../../../src/model.js';
import { gatherMachineFacts } from '../../../src/facts/index.js';
import { DEMO, standardMachine, type Sandbox } from '../../helpers/sandbox/index.js';
import { osRelease } from '../../helpers/root-builder.js';

const REAL_LIST = readFileSync(path.join(import.meta.dirname, '../../unit/guidance/fixtures/bookworm-main-python_Packages'), 'utf8');
const haveMachine = Boolean(process.env.PYENVTUI_STANDARD_MACHINE);

function globals(inv: Inventory): Distribution[] {
  return inv.environments.flatMap((e) => e.packages.filter((d) => d.scope !== 'env'));
}

async function advised(sb: Sandbox) {
  const ctx = new ScanContext({ root: sb.root, env: sb.env, platform: 'linux', uid: 1000 });
  const inv = await scan(ctx);
  const facts = await gatherMachineFacts(inv, ctx);
  const platform = facts.platform;
  await adviseInventory(inv, facts);
  const findings = prerequisiteFindings(inv, facts);
  const find = (name: string, scope?: string) => globals(inv).find((d) => d.name === name && (!scope || d.scope === scope));
  return { inv, platform, findings, find };
}

describe.skipIf(!haveMachine)('advice on the standard messy machine', () => {
  let copy: Sandbox;
  beforeAll(async () => {
    copy = await standardMachine().sandbox.copy();
  }, 240_000);
  afterAll(async () => copy?.cleanup());

  it('gives every global package an advice with a one-line reason', async () => {
    const { inv, platform } = await advised(standardMachine().sandbox);
    expect(platform.family).toBe('debian');
    const all = globals(inv);
    expect(all.length).toBeGreaterThan(3);
    for (const d of all) {
      expect(d.advice, `${d.name} in ${d.site}`).toBeDefined();
      expect(d.advice!.reason.length).toBeGreaterThan(10);
      expect(d.advice!.reason).not.toContain('\n');
    }
    // Nothing in an isolated environment gets advice.
    expect(inv.environments.flatMap((e) => e.packages).filter((d) => d.scope === 'env' && d.advice)).toEqual([]);
  });

  it('sends the --user tool to pipx, removes the sudo-pip copy pipx already has (with its library), keeps apt-owned packages', async () => {
    const { find } = await advised(standardMachine().sandbox);
    // pipx already has demo-cli: the /usr/local copy is removed, not migrated (issue 11 item 8).
    expect(find(DEMO.cli, 'local')?.advice).toMatchObject({
      action: 'remove-copy',
      command: `sudo /usr/bin/python3.11 -m pip uninstall -y --break-system-packages ${DEMO.cli} && pipx reinstall ${DEMO.cli}`,
    });
    expect(find(DEMO.tool, 'user')?.advice).toMatchObject({ action: 'pipx' });
    expect(find('pyyaml', 'distro')?.advice?.action).toBe('keep');
    expect(find('six', 'distro')?.advice?.action).toBe('keep');
    expect(find(DEMO.lib, 'local')?.advice).toMatchObject({
      action: 'remove-copy',
      command: `sudo /usr/bin/python3.11 -m pip uninstall -y --break-system-packages ${DEMO.lib}`,
    });
    expect(find(DEMO.lib, 'local')?.advice?.reason).toMatch(new RegExp(`dependency of ${DEMO.cli} only`));
  });

  it('points six at apt when the local lists have python3-six, and shows both versions', async () => {
    await copy.writeFile('/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages', REAL_LIST);
    const { find } = await advised(copy);
    expect(find('six', 'local')?.advice).toMatchObject({
      action: 'distro',
      distroPackage: { manager: 'apt', name: 'python3-six', version: '1.16.0-4' },
      command: 'sudo apt install python3-six',
    });
    expect(find('six', 'local')?.advice?.reason).toBe('apt has python3-six 1.16.0-4 (pip copy is 1.16.0)');
    rmSync(copy.path('/var/lib/apt/lists'), { recursive: true, force: true });
    expect((await advised(copy)).find('six', 'local')?.advice?.action).toBe('venv');
  });

  it('prints Debian fixes, and dnf fixes for the same findings under a Fedora os-release', async () => {
    // A Debian without python3-venv, so venv-unavailable is among the findings too.
    rmSync(copy.path('/usr/lib/python3.11/ensurepip'), { recursive: true, force: true });
    const deb = await advised(copy);
    const debFix = Object.fromEntries(deb.findings.map((f) => [f.rule, f.fix[0]]));
    expect(debFix['venv-unavailable']).toBe('sudo apt install python3-venv');
    expect(debFix['pipx-missing']).toBe('sudo apt install pipx');

    rmSync(copy.path('/etc/os-release'), { force: true });
    writeFileSync(copy.path('/etc/os-release'), osRelease('fedora-41'));
    const fed = await advised(copy);
    expect(fed.platform.family).toBe('fedora');
    const fedFix = Object.fromEntries(fed.findings.map((f) => [f.rule, f.fix[0]]));
    expect(Object.keys(fedFix).sort()).toEqual(Object.keys(debFix).sort());
    expect(fedFix['venv-unavailable']).toBe('sudo dnf install python3-libs');
    expect(fedFix['pipx-missing']).toBe('sudo dnf install pipx');
    expect(fed.findings.flatMap((f) => f.fix).join('\n')).not.toMatch(/\bapt\b/);
  });

  it('inside a container, global pip packages get container advice with the Dockerfile venv pattern', async () => {
    // A throwaway container: the Docker marker and a PID 1 that is no init (/.dockerenv alone is a host).
    await copy.writeFile('/.dockerenv', '');
    await copy.writeFile('/proc/1/comm', 'python3\n');
    try {
      const { find, findings, platform } = await advised(copy);
      expect(platform.container).toEqual({ kind: 'docker' });
      expect(find(DEMO.cli, 'local')?.advice).toMatchObject({ action: 'container', command: `RUN python3 -m venv /opt/venv && /opt/venv/bin/pip install ${DEMO.cli}==${DEMO.cliVersion}` });
      expect(find('six', 'distro')?.advice?.action).toBe('keep');
      expect(findings.find((f) => f.rule === 'container-venv-pattern')?.fix).toEqual(['RUN python3 -m venv /opt/venv', 'ENV PATH=/opt/venv/bin:$PATH']);
    } finally {
      rmSync(copy.path('/.dockerenv'), { force: true });
      rmSync(copy.path('/proc'), { recursive: true, force: true });
    }
  });
});
