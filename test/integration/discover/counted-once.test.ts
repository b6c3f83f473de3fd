// Issue 11 item 3 and the "done when": a machine with Debian's python3-cryptography (a .dist-info
// and an .egg-info in one site, byte-exact from the Debian package), a user site read by Debian's 3.11
// and pyenv's 3.11.7 (real `pip install --user`), and pipx metadata 0.1 … 0.12: `pyenvtui scan --json`
// shows each tool healthy and each package once, as real pip counts them.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanContext } from '../../../src/context/scan-context.js';
import { scan } from '../../../src/discover/index.js';
import { analyze } from '../../../src/analyze.js';
import type { Environment, Inventory } from '../../../src/model.js';
import { cli, createSandbox, DEMO, plantDebianCryptography, requirePython, type Sandbox } from '../../helpers/sandbox/index.js';
import { PIPX_VERSIONS, plantPipxVersions } from '../../helpers/sandbox/pipx-versions.js';

let sb: Sandbox;
let inv: Inventory;
const USER_SITE = '/home/tester/.local/lib/python3.11/site-packages';
const DIST = '/usr/lib/python3/dist-packages';

async function scanAndAnalyze(): Promise<Inventory> {
  const ctx = new ScanContext({ root: sb.root, env: sb.env, platform: 'linux' });
  const i = await scan(ctx);
  await analyze(i, ctx);
  return i;
}

/** Real pip's view of one directory: `pip list --path DIR --format json`, names normalised. */
async function pipList(hostDir: string): Promise<string[]> {
  const r = await sb.exec(requirePython(), ['-m', 'pip', 'list', '--path', hostDir, '--format', 'json']);
  return (JSON.parse(r.stdout) as Array<{ name: string; version: string }>)
    .map((d) => `${d.name.replace(/[-_.]+/g, '-').toLowerCase()}==${d.version}`)
    .sort();
}

beforeAll(async () => {
  sb = await createSandbox();
  await sb.distroRoot();
  await plantDebianCryptography(sb);
  await sb.pipUser([`${DEMO.tool}==${DEMO.toolVersion}`]);
  await sb.pyenv({ versions: ['3.11.7'], global: '3.11.7' });
  await plantPipxVersions(sb, PIPX_VERSIONS);
  inv = await scanAndAnalyze();
}, 180_000);

afterAll(() => sb?.cleanup());

const sys = (): Environment => inv.environments.find((e) => e.id === 'system:/usr/bin/python3.11')!;
const pyenv = (): Environment => inv.environments.find((e) => e.kind === 'pyenv' && e.name === '3.11.7')!;

describe('counted once', () => {
  it("Debian's cryptography (.dist-info + .egg-info in one site) is one package, as `pip list --path` says", async () => {
    const ours = sys().packages.filter((d) => d.site === DIST).map((d) => `${d.name}==${d.version}`).sort();
    expect(ours).toEqual(await pipList(sb.path(DIST)));
    const c = sys().packages.filter((d) => d.name === 'cryptography');
    expect(c).toHaveLength(1);
    expect(c[0]).toMatchObject({
      format: 'dist-info',
      version: '38.0.4',
      dpkgPackage: 'python3-cryptography',
      ignoredCopies: [`${DIST}/cryptography.egg-info`],
    });
  });

  it('the user site shared by Debian 3.11 and pyenv 3.11.7 is listed once, with both readers', async () => {
    expect(await pipList(sb.path(USER_SITE))).toEqual([`${DEMO.tool}==${DEMO.toolVersion}`]);
    const holders = inv.environments.filter((e) => e.packages.some((d) => d.site === USER_SITE));
    expect(holders.map((e) => e.id)).toEqual([sys().id]);
    const readers = [sys().id, pyenv().id];
    expect(sys().sites.find((s) => s.path === USER_SITE)).toMatchObject({ scope: 'user', readers });
    expect(pyenv().sites.find((s) => s.path === USER_SITE)).toMatchObject({ scope: 'user', readers, packagesIn: sys().id });
  });

  it('findings on the shared site are credited to the same interpreter on every scan', async () => {
    const credit = (i: Inventory) =>
      (i.findings ?? []).filter((f) => f.package === DEMO.tool).map((f) => `${f.rule}@${f.environment}`).sort();
    const first = credit(inv);
    expect(first.length).toBeGreaterThan(0);
    expect(first.every((c) => c.endsWith(`@${sys().id}`))).toBe(true);
    expect(credit(await scanAndAnalyze())).toEqual(first);
  });

  it('`pyenvtui scan --json`: every pipx tool (metadata 0.1 … 0.12) healthy, every package once', async () => {
    const r = await cli(sb, ['scan', '--json', '--root', sb.root]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Inventory;
    const tools = out.environments.filter((e) => e.kind === 'pipx');
    expect(tools.map((e) => e.meta!.metadataVersion).sort()).toEqual([...PIPX_VERSIONS].sort());
    for (const t of tools) expect([t.name, t.health]).toEqual([t.name, { ok: true, problems: [] }]);
    expect((out.findings ?? []).filter((f) => f.rule === 'broken-environment')).toEqual([]);
    // Each distribution directory on the machine is listed once, under one environment.
    const seen = out.environments.flatMap((e) => e.packages.map((d) => d.metadataPath));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((p) => path.basename(p).startsWith('cryptography'))).toEqual([`${DIST}/cryptography-38.0.4.dist-info`]);
  });
});
