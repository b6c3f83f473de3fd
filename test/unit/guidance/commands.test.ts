import { afterAll, describe, expect, it } from 'vitest';
import { ScanContext } from '../../../src/context/scan-context.js';
import { containerSeverity, dockerfileInstall, fixCommand, requirement, shellQuote } from '../../../src/guidance/commands.js';
import { distroPackageName } from '../../../src/guidance/naming.js';
import { detectPlatform } from '../../../src/platform/detect.js';
import type { Platform } from '../../../src/platform/types.js';
import { osRelease, tempRoot, type TempRoot } from '../../helpers/root-builder.js';

const roots: TempRoot[] = [];
afterAll(() => roots.forEach((r) => r.cleanup()));

async function platformOf(fixture: string, extra: Record<string, string> = {}, uid = 1000): Promise<Platform> {
  const r = tempRoot({ 'etc/os-release': osRelease(fixture), ...extra });
  roots.push(r);
  return detectPlatform(new ScanContext({ root: r.root, env: { PATH: '/usr/bin' }, platform: 'linux', uid }));
}

// Each platform's real commands, from the real os-release of that distribution.
const TABLE = [
  ['debian-12', 'sudo apt install python3-venv', 'sudo apt install pipx', 'sudo apt install python3-requests', 'sudo apt install --reinstall libpython3.11-stdlib'],
  ['ubuntu-24.04', 'sudo apt install python3-venv', 'sudo apt install pipx', 'sudo apt install python3-requests', 'sudo apt install --reinstall libpython3.11-stdlib'],
  ['raspbian-11', 'sudo apt install python3-venv', 'sudo apt install pipx', 'sudo apt install python3-requests', 'sudo apt install --reinstall libpython3.11-stdlib'],
  ['fedora-41', 'sudo dnf install python3-libs', 'sudo dnf install pipx', 'sudo dnf install python3-requests', 'sudo dnf reinstall python3-libs'],
  ['arch', 'sudo pacman -S python', 'sudo pacman -S python-pipx', 'sudo pacman -S python-requests', 'sudo pacman -S python'],
  ['opensuse-tumbleweed', 'sudo zypper install python311', 'sudo zypper install python3-pipx', 'sudo zypper install python311-requests', 'sudo zypper install --force python311-base'],
  ['alpine-3.19', 'sudo apk add python3', 'sudo apk add pipx', 'sudo apk add py3-requests', 'sudo apk fix python3'],
] as const;

describe('fixCommand per platform', () => {
  it.each(TABLE)('%s', async (fixture, venv, pipx, requests, stdlib) => {
    const p = await platformOf(fixture);
    expect(fixCommand(p, { installVenv: { pythonVersion: '3.11.2', isDefault: true } })).toBe(venv);
    expect(fixCommand(p, { installPipx: true })).toBe(pipx);
    expect(fixCommand(p, { installPypi: 'requests', pythonVersion: '3.11.2' })).toBe(requests);
    expect(fixCommand(p, { reinstallStdlib: { pythonVersion: '3.11.2' } })).toBe(stdlib);
    expect(fixCommand(p, { installPackage: 'python3-venv' })).toMatch(/^sudo (apt install|dnf install|pacman -S|zypper install|apk add) python3-venv$/);
  });

  it('names a non-default Debian interpreter\'s own venv package', async () => {
    const p = await platformOf('debian-12');
    expect(fixCommand(p, { installVenv: { pythonVersion: '3.12.1', isDefault: false } })).toBe('sudo apt install python3.12-venv');
  });

  it('drops sudo for root inside a container, where sudo is usually missing', async () => {
    const p = await platformOf('debian-12', { '.dockerenv': '', 'proc/1/comm': 'bash\n' }, 0);
    expect(fixCommand(p, { installVenv: { pythonVersion: '3.11', isDefault: true } })).toBe('apt install python3-venv');
    expect(containerSeverity(p, 'high')).toBe('low');
    expect(containerSeverity(await platformOf('debian-12'), 'high')).toBe('high');
  });

  it('uses brew without sudo on macOS and describes the package on unknown systems', async () => {
    const r = tempRoot({ 'System/Library/CoreServices/SystemVersion.plist': '<key>ProductVersion</key><string>14.4</string>', 'usr/local/bin/brew': '' });
    roots.push(r);
    const mac = await detectPlatform(new ScanContext({ root: r.root, env: {}, platform: 'darwin' }));
    expect(fixCommand(mac, { installPipx: true })).toBe('brew install pipx');
    expect(fixCommand(mac, { installVenv: { pythonVersion: '3.12.2' } })).toBe('brew install python@3.12');
    expect(distroPackageName(mac, 'requests')).toBeNull();
    const unknown = await platformOf('debian-12').then((p) => ({ ...p, family: 'unknown' as const, packageManager: null }));
    expect(fixCommand(unknown, { installPackage: 'python3-venv' })).toBe("install python3-venv with your distribution's package manager");
    expect(fixCommand(unknown, { installPipx: true })).toBe('python3 -m pip install --user pipx');
  });

  it('quotes requirements and refuses names that are not distribution names', async () => {
    expect(requirement('httpie', '3.2.2')).toBe('httpie==3.2.2');
    expect(requirement('foo', '1.0+local')).toBe('foo==1.0+local');
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(() => requirement('x; rm -rf /', '1')).toThrow(/not a valid distribution name/);
    expect(fixCommand(await platformOf('debian-12'), { pipxInstall: 'black', version: '24.1.0' })).toBe('pipx install black==24.1.0');
    expect(dockerfileInstall('flask', '3.0.0')).toBe('RUN python3 -m venv /opt/venv && /opt/venv/bin/pip install flask==3.0.0');
  });
});
