// Raspberry Pi rules on a Pi-like sandbox root: piwheels in /etc/pip.conf on a 64-bit userland, and a
// real venv holding a real wheel that needs RPi.GPIO (an apt-only module) without system site packages.
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanContext } from '../../../src/context/scan-context.js';
import { scan } from '../../../src/discover/index.js';
import type { Finding } from '../../../src/model.js';
import { evaluate } from '../../../src/risk/index.js';
import { buildWheels, createSandbox, type Sandbox } from '../../helpers/sandbox/index.js';

let sb: Sandbox;
const findings = async (): Promise<Finding[]> => {
  const ctx = new ScanContext({ root: sb.root, env: sb.env });
  return evaluate(await scan(ctx), ctx);
};

beforeAll(async () => {
  sb = await createSandbox();
  await sb.distroRoot();
  await sb.writeFile('/proc/device-tree/model', 'Raspberry Pi 4 Model B Rev 1.4\0');
  await sb.writeFile('/etc/pip.conf', '[global]\nextra-index-url=https://www.piwheels.org/simple\n');
  const wheels = path.join(sb.base, 'pi-wheels');
  await buildWheels([{ name: 'pi-blinker', version: '1.0.0', requires: ['RPi.GPIO>=0.7'], files: { 'pi_blinker/__init__.py': 'import RPi.GPIO\n' } }], wheels);
  const isolated = await sb.venv('.venvs/blink');
  await sb.exec(isolated.python, ['-m', 'pip', 'install', '--no-index', '--find-links', wheels, '--no-deps', 'pi-blinker']);
  const shared = await sb.venv('.venvs/blink-sys', { systemSite: true });
  await sb.exec(shared.python, ['-m', 'pip', 'install', '--no-index', '--find-links', wheels, '--no-deps', 'pi-blinker']);
});
afterAll(() => sb.cleanup());

describe('piwheels-on-64bit', () => {
  it('flags /etc/pip.conf line 2 on 64-bit Pi OS', async () => {
    writeFileSync(sb.path('/var/lib/dpkg/arch'), 'arm64\n');
    const f = (await findings()).filter((x) => x.rule === 'piwheels-on-64bit');
    expect(f).toHaveLength(1);
    expect(f[0]!.evidence[0]).toMatchObject({ path: '/etc/pip.conf', line: 2 });
    expect(f[0]!.fix).toEqual(['Delete line 2 (extra-index-url) in /etc/pip.conf']);
  });
  it('stays quiet on 32-bit Pi OS, where piwheels is right', async () => {
    writeFileSync(sb.path('/var/lib/dpkg/arch'), 'armhf\n');
    expect((await findings()).filter((x) => x.rule === 'piwheels-on-64bit')).toEqual([]);
    rmSync(sb.path('/var/lib/dpkg/arch'));
  });
});

describe('pi-apt-only-module', () => {
  it('flags the isolated venv only, not the one with system site packages', async () => {
    const f = (await findings()).filter((x) => x.rule === 'pi-apt-only-module');
    expect(f.map((x) => x.environment)).toEqual([expect.stringMatching(/\/home\/tester\/\.venvs\/blink$/)]);
    expect(f[0]!.title).toContain('rpi-gpio');
    expect(f[0]!.fix[0]).toBe('python3 -m venv --system-site-packages /home/tester/.venvs/blink   # upgrade in place; or set include-system-site-packages = true in pyvenv.cfg');
  });
});
