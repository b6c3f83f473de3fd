// `pyenvtui doctor` end to end on sandbox machines built with the real tools: the standard messy
// machine (sudo pip, pip --user, pipx, pip.conf with break-system-packages) and a clean distro root.
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDoctor } from '../../../src/commands/doctor.js';
import { createSandbox, standardMachine, type Sandbox } from '../../helpers/sandbox/index.js';

async function doctor(argv: string[], env: Record<string, string | undefined>, isTTY = false): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await runDoctor(argv, { stdout, stderr, env, isTTY });
  return { code, out, err };
}

describe('pyenvtui doctor on the standard messy machine', () => {
  const { sandbox: sb, manifest } = standardMachine();
  it('exits 1 and names each planted problem with its file and line', async () => {
    const r = await doctor(['--root', sb.root], sb.env);
    expect(r.err).toBe('');
    expect(r.code).toBe(1);
    // break-system-packages = true on line 2 of ~/.config/pip/pip.conf
    expect(r.out).toContain(`[break-system-packages-config]`);
    expect(r.out).toContain(`${manifest.pipConf}:2`);
    // sudo pip install pyenvtui-demo-cli six → /usr/local, six hides apt's python3-six
    expect(r.out).toMatch(/\[pip-in-system-site\] pyenvtui-demo-cli 1\.2\.0/);
    expect(r.out).toContain(`${manifest.distro.localSite}/pyenvtui_demo_cli-1.2.0.dist-info/INSTALLER:1`);
    expect(r.out).toMatch(/\[shadows-distro-package\] six 1\.16\.0 \(local site\) hides apt's python3-six/);
    // pip --user pyenvtui-demo-tool
    expect(r.out).toMatch(/\[pip-in-user-site\] pyenvtui-demo-tool 2\.0\.0/);
    expect(r.out).toContain(manifest.user.site);
    // no colour when not a TTY
    expect(r.out).not.toContain('\x1b[');
  });
  it('--json gives the findings and the same exit code', async () => {
    const r = await doctor(['--root', sb.root, '--json'], sb.env);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out) as { exitCode: number; findings: Array<{ rule: string; evidence: Array<{ path?: string; line?: number }> }> };
    expect(j.exitCode).toBe(1);
    const bsp = j.findings.find((f) => f.rule === 'break-system-packages-config');
    expect(bsp?.evidence[0]).toMatchObject({ path: manifest.pipConf, line: 2 });
  });
  it('--fail-on critical exits 0 when nothing is critical', async () => {
    // The standard machine's worst findings are high (break-system-packages, sudo pip): none critical.
    const j = JSON.parse((await doctor(['--root', sb.root, '--json'], sb.env)).out) as { counts: Record<string, number> };
    expect(j.counts.critical).toBe(0);
    expect(j.counts.high).toBeGreaterThan(0);
    const r = await doctor(['--root', sb.root, '--fail-on', 'critical'], sb.env);
    expect(r.code).toBe(0);
  });
  it('colours severity headers only on a TTY without NO_COLOR', async () => {
    expect((await doctor(['--root', sb.root], sb.env, true)).out).toContain('\x1b[');
    expect((await doctor(['--root', sb.root], { ...sb.env, NO_COLOR: '1' }, true)).out).not.toContain('\x1b[');
  });
});

describe('pyenvtui doctor on a clean distro root', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await createSandbox();
    await sb.distroRoot();
  });
  afterAll(() => sb.cleanup());
  it('exits 0 and says so', async () => {
    const r = await doctor(['--root', sb.root], sb.env);
    expect(r.out).toContain('No risks found.');
    expect(r.code).toBe(0);
  });
});

describe('pyenvtui doctor usage errors', () => {
  it('exits 2 on an unknown option or bad severity', async () => {
    expect((await doctor(['--bogus'], {})).code).toBe(2);
    const r = await doctor(['--fail-on', 'severe'], {});
    expect(r.code).toBe(2);
    expect(r.err).toContain('--fail-on must be one of');
  });
});
