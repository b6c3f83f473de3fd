// Every rule on sandbox machines made by the real tools (pip --root/--user, pipx, venv, pip.conf,
// variables): each one fires where its problem was planted and stays quiet on a clean machine.
import { chmodSync, chownSync, mkdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanContext } from '../../../src/context/scan-context.js';
import { LOCATORS, scan } from '../../../src/discover/index.js';
import { pipxLocator } from '../../../src/discover/pipx.js';
import type { Finding } from '../../../src/model.js';
import { evaluate } from '../../../src/risk/index.js';
import { createSandbox, DEMO, run, standardMachine, type Sandbox } from '../../helpers/sandbox/index.js';

async function findings(sb: Sandbox, extraEnv: Record<string, string> = {}): Promise<Finding[]> {
  const ctx = new ScanContext({ root: sb.root, env: { ...sb.env, ...extraEnv } });
  const inv = await scan(ctx, { locators: [...LOCATORS, pipxLocator] });
  return evaluate(inv, ctx);
}
const rules = (fs: Finding[]): string[] => [...new Set(fs.map((f) => f.rule))].sort();

describe('a clean distro root', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await createSandbox();
    await sb.distroRoot();
    await sb.venv('.venvs/clean', { packages: [`${DEMO.cli}==${DEMO.cliVersion}`] });
    await sb.pipx(`${DEMO.tool}==${DEMO.toolVersion}`);
  });
  afterAll(() => sb.cleanup());
  it('gives no finding at all (every rule stays quiet)', async () => {
    expect(await findings(sb)).toEqual([]);
  });
  it('says nothing about break-system-packages = false or an empty variable', async () => {
    await sb.pipConf('[install]\nbreak-system-packages = false\n');
    expect(await findings(sb, { PIP_BREAK_SYSTEM_PACKAGES: '' })).toEqual([]);
    rmSync(sb.path('~/.config/pip/pip.conf'));
  });
});

describe('the standard messy machine', () => {
  const { sandbox: sb, manifest } = standardMachine();
  let fs: Finding[];
  beforeAll(async () => {
    fs = await findings(sb);
  });
  it('flags sudo pip, pip --user, the apt shadow, scripts and pip.conf', () => {
    expect(rules(fs)).toEqual(expect.arrayContaining(['break-system-packages-config', 'pip-in-system-site', 'pip-in-user-site', 'script-in-system-bin', 'shadowed-command', 'shadows-distro-package']));
    const bsp = fs.find((f) => f.rule === 'break-system-packages-config')!;
    expect(bsp.severity).toBe('high');
    expect(bsp.evidence[0]).toMatchObject({ path: manifest.pipConf, line: 2 });
    expect(bsp.fix[0]).toContain(`Delete line 2`);
    const shadow = fs.find((f) => f.rule === 'shadows-distro-package')!;
    expect(shadow.package).toBe('six');
    expect(shadow.evidence.map((e) => e.path)).toEqual([`${manifest.distro.localSite}/six-1.16.0.dist-info`, `${manifest.distro.distSite}/six-1.16.0.egg-info`]);
  });
  it('reports a script that hides an apt command as medium', () => {
    const s = fs.filter((f) => f.rule === 'script-in-system-bin');
    expect(s.map((f) => f.evidence[0]!.path)).toEqual(expect.arrayContaining([`${manifest.distro.localBin}/demo-cli`, `${manifest.user.bin}/demo-tool`]));
    // The fix names the package and where it is (a bare `pyenvtui migrate` was a usage error when pasted).
    const fixOf = (p: string) => s.find((f) => f.evidence[0]!.path === p)!.fix;
    expect(fixOf(`${manifest.distro.localBin}/demo-cli`)).toEqual(['pyenvtui migrate pyenvtui-demo-cli --from local --to pipx']);
    expect(fixOf(`${manifest.user.bin}/demo-tool`)).toEqual(['pyenvtui migrate pyenvtui-demo-tool --from user --to pipx']);
  });
});

describe('problems planted with the real tools', () => {
  let sb: Sandbox;
  let fs: Finding[];
  const env: Record<string, string> = {};
  beforeAll(async () => {
    sb = await createSandbox();
    await sb.distroRoot();
    // R6: pip told to use Debian's own layout writes into /usr/lib/python3/dist-packages.
    await run('/usr/bin/python3', ['-m', 'pip', 'install', '--root', sb.root, '--break-system-packages', '--ignore-installed', '--no-index', '--find-links', sb.wheels, '--no-deps', `${DEMO.lib}==${DEMO.libVersion}`], { env: { ...sb.env, DEB_PYTHON_INSTALL_LAYOUT: 'deb' }, cwd: sb.home });
    // R10: a venv whose base interpreter was removed.
    const broken = await sb.venv('.venvs/broken', { withPip: false });
    for (const n of ['python', 'python3', 'python3.11']) rmSync(path.join(broken.prefix, 'bin', n), { force: true });
    symlinkSync('/opt/python-removed/bin/python3', path.join(broken.prefix, 'bin', 'python'));
    // R11: a dependency uninstalled from under its dependent.
    const app = await sb.venv('.venvs/app', { packages: [`${DEMO.cli}==${DEMO.cliVersion}`] });
    await sb.exec(app.python, ['-m', 'pip', 'uninstall', '-y', DEMO.lib]);
    // R12: a .pth that runs code at start-up.
    writeFileSync(path.join(app.prefix, 'lib/python3.11/site-packages/zz-hook.pth'), '# hook\nimport os; os.environ.setdefault("X", "1")\n');
    // R13: pipx app link overwritten by a plain file.
    await sb.pipx(`${DEMO.tool}==${DEMO.toolVersion}`);
    unlinkSync(sb.path('~/.local/bin/demo-tool'));
    writeFileSync(sb.path('~/.local/bin/demo-tool'), '#!/bin/sh\necho hijacked\n');
    chmodSync(sb.path('~/.local/bin/demo-tool'), 0o755);
    // R9: `sudo pip install --user` keeping HOME of a non-root user leaves root-owned files.
    chownSync(sb.home, 1000, 1000);
    await sb.exec('/usr/bin/python3', ['-m', 'pip', 'install', '--user', '--break-system-packages', '--no-index', '--find-links', sb.wheels, `${DEMO.tool}==${DEMO.toolVersion}`]);
    // R14: an egg-info with no file list.
    mkdirSync(sb.path('~/.local/lib/python3.11/site-packages/oldthing-0.1-py3.11.egg-info'), { recursive: true });
    writeFileSync(sb.path('~/.local/lib/python3.11/site-packages/oldthing-0.1-py3.11.egg-info/PKG-INFO'), 'Metadata-Version: 1.1\nName: oldthing\nVersion: 0.1\n');
    // R1 (uv): uv.toml [pip] break-system-packages.
    await sb.writeFile('~/.config/uv/uv.toml', '[pip]\nbreak-system-packages = true\n');
    env.PIP_BREAK_SYSTEM_PACKAGES = '1';
    fs = await findings(sb, env);
  });
  afterAll(() => sb.cleanup());
  const one = (rule: string): Finding => {
    const f = fs.find((x) => x.rule === rule);
    if (!f) throw new Error(`no ${rule} in ${rules(fs).join(', ')}`);
    return f;
  };
  it('R1: PIP_BREAK_SYSTEM_PACKAGES and uv.toml', () => {
    const envF = fs.filter((f) => f.rule === 'break-system-packages-env');
    expect(envF[0]!.evidence[0]).toMatchObject({ env: 'PIP_BREAK_SYSTEM_PACKAGES' });
    const uv = fs.find((f) => f.rule === 'break-system-packages-config' && f.title.includes('uv'))!;
    expect(uv.evidence[0]).toMatchObject({ path: `${sb.machineHome}/.config/uv/uv.toml`, line: 2 });
  });
  it('R6: pip files in apt\'s directory (DEB_PYTHON_INSTALL_LAYOUT=deb)', () => {
    const f = fs.find((x) => x.rule === 'pip-in-distro-dir' && x.package === DEMO.lib)!;
    expect(f.severity).toBe('critical');
    expect(f.evidence[0]).toMatchObject({ path: '/usr/lib/python3/dist-packages/pyenvtui_demo_lib-0.3.1.dist-info/INSTALLER', line: 1 });
  });
  it('R9: root-owned files in a user home', () => {
    expect(one('root-owned-in-home').evidence[0]!.path).toMatch(/^\/home\/tester\/\.(local|cache)/);
  });
  it('R10: venv with a dangling interpreter', () => {
    expect(one('broken-environment').environment).toContain('/home/tester/.venvs/broken');
  });
  it('R11: missing requirement in a venv', () => {
    const f = one('broken-requirements');
    expect(f.title).toContain(`requires ${DEMO.lib}>=0.3, which is not installed`);
    expect(f.evidence[0]!.path).toMatch(/pyenvtui_demo_cli-1\.2\.0\.dist-info\/METADATA$/);
  });
  it('R12: start-up .pth with its line', () => {
    expect(one('startup-pth').evidence[0]).toMatchObject({ line: 2, path: expect.stringMatching(/zz-hook\.pth$/) });
  });
  it('R13: hijacked pipx link', () => {
    expect(one('pipx-link-broken').evidence[0]!.path).toBe('/home/tester/.local/bin/demo-tool');
    expect(one('pipx-link-broken').fix).toEqual([`pipx reinstall ${DEMO.tool}`]);
  });
  it('R14: egg-info without a file list', () => {
    expect(one('no-uninstall-record').package).toBe('oldthing');
  });
  it('R1 inside a container is only low', async () => {
    writeFileSync(path.join(sb.root, '.dockerenv'), '');
    mkdirSync(path.join(sb.root, 'proc/1'), { recursive: true });
    writeFileSync(path.join(sb.root, 'proc/1/comm'), 'sh\n');
    const inC = await findings(sb, env);
    rmSync(path.join(sb.root, '.dockerenv'));
    rmSync(path.join(sb.root, 'proc'), { recursive: true });
    const bsp = inC.filter((f) => f.rule.startsWith('break-system-packages'));
    expect(bsp.length).toBeGreaterThan(0);
    expect(bsp.every((f) => f.severity === 'low')).toBe(true);
  });
});

describe('marker diverted with dpkg-divert', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await createSandbox();
    await sb.distroRoot({ divertMarker: true });
  });
  afterAll(() => sb.cleanup());
  it('R2: names the diversion and the undo command', async () => {
    const f = (await findings(sb)).find((x) => x.rule === 'marker-missing')!;
    expect(f.severity).toBe('high');
    expect(f.evidence.map((e) => e.path)).toContain('/var/lib/dpkg/diversions');
    expect(f.fix).toEqual(['sudo dpkg-divert --rename --remove /usr/lib/python3.11/EXTERNALLY-MANAGED']);
  });
});
