import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ScanContext } from '../../../src/context/scan-context.js';
import { detectPlatform } from '../../../src/platform/detect.js';
import { parseOsRelease } from '../../../src/platform/os-release.js';
import { osRelease, tempRoot, type TempRoot } from '../../helpers/root-builder.js';

const roots: TempRoot[] = [];
afterEach(() => roots.splice(0).forEach((r) => r.cleanup()));

function machine(files: Record<string, string | Buffer>, env: Record<string, string> = {}, uid = 1000): ScanContext {
  const r = tempRoot(files);
  roots.push(r);
  return new ScanContext({ root: r.root, env: { PATH: '/usr/bin:/bin', HOME: '/home/u', ...env }, platform: 'linux', uid });
}

describe('detectPlatform', () => {
  it.each([
    ['debian-12', 'debian', 'apt', 'Debian GNU/Linux 12 (bookworm)'],
    ['ubuntu-24.04', 'debian', 'apt', 'Ubuntu 24.04.4 LTS'],
    ['fedora-41', 'fedora', 'dnf', 'Fedora Linux 41 (Server Edition)'],
    ['arch', 'arch', 'pacman', 'Arch Linux'],
    ['opensuse-tumbleweed', 'suse', 'zypper', 'openSUSE Tumbleweed'],
    ['alpine-3.19', 'alpine', 'apk', 'Alpine Linux v3.19'],
  ])('identifies %s from /etc/os-release', async (fixture, family, pm, name) => {
    const p = await detectPlatform(machine({ 'etc/os-release': osRelease(fixture) }));
    expect(p).toMatchObject({ os: 'linux', family, packageManager: pm, name, container: null, wsl: null, raspberryPi: null, sudo: true });
    expect(p.evidence[0]).toMatchObject({ path: '/etc/os-release' });
  });

  it('falls back to /usr/lib/os-release', async () => {
    const p = await detectPlatform(machine({ 'usr/lib/os-release': osRelease('fedora-41') }));
    expect(p.family).toBe('fedora');
    expect(p.evidence[0]?.path).toBe('/usr/lib/os-release');
  });

  it('recognises Raspberry Pi OS bookworm (ID=debian) by /etc/rpi-issue', async () => {
    const p = await detectPlatform(machine({ 'etc/os-release': osRelease('debian-12'), 'etc/rpi-issue': osRelease('raspios-bookworm.rpi-issue') }));
    expect(p.family).toBe('debian');
    expect(p.raspberryPi).toEqual({});
    expect(p.name).toBe('Raspberry Pi OS (Debian GNU/Linux 12 (bookworm))');
    expect(p.evidence).toContainEqual({ path: '/etc/rpi-issue', line: 1, detail: 'Raspberry Pi reference 2023-05-03' });
  });

  it('reads the board model from /proc/device-tree/model (NUL-terminated)', async () => {
    const p = await detectPlatform(machine({ 'etc/os-release': osRelease('debian-12'), 'proc/device-tree/model': 'Raspberry Pi 4 Model B Rev 1.4\0' }));
    expect(p.raspberryPi).toEqual({ model: 'Raspberry Pi 4 Model B Rev 1.4' });
  });

  it('treats ID=raspbian as a Pi even without the other files, and ignores non-Pi boards', async () => {
    expect((await detectPlatform(machine({ 'etc/os-release': osRelease('raspbian-11') }))).raspberryPi).toEqual({});
    const other = await detectPlatform(machine({ 'etc/os-release': osRelease('debian-12'), 'proc/device-tree/model': 'Pine64 RockPro64\0' }));
    expect(other.raspberryPi).toBeNull();
  });

  it('detects WSL 2 from /proc/version and WSL from WSL_DISTRO_NAME', async () => {
    const v2 = 'Linux version 6.6.87.2-microsoft-standard-WSL2 (root@439a258ad544) (gcc (GCC) 11.2.0) #1 SMP PREEMPT_DYNAMIC Thu Jun  5 18:30:46 UTC 2025\n';
    const p = await detectPlatform(machine({ 'etc/os-release': osRelease('ubuntu-24.04'), 'proc/version': v2 }));
    expect(p.wsl).toEqual({ version: 2 });
    const e = await detectPlatform(machine({ 'etc/os-release': osRelease('ubuntu-24.04') }, { WSL_DISTRO_NAME: 'Ubuntu-24.04' }));
    expect(e.wsl).toEqual({ version: null, distro: 'Ubuntu-24.04' });
    const plain = await detectPlatform(machine({ 'etc/os-release': osRelease('ubuntu-24.04'), 'proc/version': 'Linux version 6.8.0-31-generic (buildd@lcy02-amd64-080)\n' }));
    expect(plain.wsl).toBeNull();
  });

  it('detects Docker, Podman and cgroup-v1 containers when PID 1 is no init; root in a container gets no sudo', async () => {
    const docker = await detectPlatform(machine({ 'etc/os-release': osRelease('debian-12'), '.dockerenv': '', 'proc/1/comm': 'python3\n' }, {}, 0));
    expect(docker.container).toEqual({ kind: 'docker' });
    expect(docker.context).toMatchObject({ assumed: 'container', runtime: 'docker', source: 'detected' });
    expect(docker.sudo).toBe(false);
    const podman = await detectPlatform(machine({ 'etc/os-release': osRelease('fedora-41'), 'run/.containerenv': 'engine="podman-4.9.3"\n', 'proc/1/comm': 'sleep\n' }));
    expect(podman.container).toEqual({ kind: 'podman' });
    expect(podman.sudo).toBe(true); // not root
    const k8s = await detectPlatform(machine({ 'etc/os-release': osRelease('debian-12'), 'proc/1/cgroup': '12:memory:/kubepods/besteffort/pod1/abc\n', 'proc/1/comm': 'node\n' }));
    expect(k8s.container).toEqual({ kind: 'kubernetes' });
    const host = await detectPlatform(machine({ 'etc/os-release': osRelease('debian-12'), 'proc/1/cgroup': '0::/init.scope\n' }));
    expect(host.container).toBeNull();
    expect(host.context).toEqual({ assumed: 'host', runtime: null, why: 'no container runtime detected', source: 'detected' });
  });

  it('/.dockerenv alone, system containers, dev containers and Docker with an init are hosts, with the reason', async () => {
    const os = { 'etc/os-release': osRelease('debian-12') };
    const cases: Array<[Record<string, string>, Record<string, string>, string, RegExp]> = [
      [{ '.dockerenv': '' }, {}, 'docker', /PID 1 cannot be read/],
      [{ '.dockerenv': '', 'proc/1/comm': 'systemd\n' }, {}, 'docker', /PID 1 is systemd \(an init system\)/],
      [{ 'run/systemd/container': 'lxc\n', 'proc/1/comm': 'systemd\n' }, {}, 'lxc', /system container \(lxc\)/],
      [{ 'run/systemd/container': 'systemd-nspawn\n' }, {}, 'nspawn', /system container \(systemd-nspawn\)/],
      [{ 'proc/1/environ': 'PATH=/bin\0container=lxc\0' }, {}, 'lxc', /system container/],
      [{ 'proc/1/cgroup': '12:pids:/lxc/ct101\n' }, {}, 'lxc', /lxc in \/proc\/1\/cgroup/],
      [{ '.dockerenv': '', 'proc/1/comm': 'sh\n' }, { REMOTE_CONTAINERS: 'true' }, 'devcontainer', /dev container \(REMOTE_CONTAINERS\)/],
    ];
    for (const [files, env, runtime, why] of cases) {
      const p = await detectPlatform(machine({ ...os, ...files }, env, 0));
      expect([files, p.container]).toEqual([files, null]);
      expect(p.context).toMatchObject({ assumed: 'host', runtime, source: 'detected' });
      expect(p.context.why).toMatch(why);
      expect(p.sudo).toBe(true);
    }
  });

  it('PYENVTUI_CONTEXT (and --context, through the CLI) overrides the evidence both ways', async () => {
    const box = { 'etc/os-release': osRelease('debian-12'), '.dockerenv': '', 'proc/1/comm': 'bash\n' };
    const asHost = await detectPlatform(machine(box, { PYENVTUI_CONTEXT: 'host' }, 0));
    expect(asHost.container).toBeNull();
    expect(asHost.context).toMatchObject({ assumed: 'host', source: 'env', why: 'PYENVTUI_CONTEXT=host (as told)' });
    const asBox = await detectPlatform(machine({ 'etc/os-release': osRelease('debian-12') }, { PYENVTUI_CONTEXT: 'container', PYENVTUI_CONTEXT_FROM_FLAG: '1' }, 0));
    expect(asBox.container).toEqual({ kind: 'container' });
    expect(asBox.context).toMatchObject({ assumed: 'container', source: 'flag', why: '--context container (as told)' });
  });

  it('detects macOS with Homebrew from SystemVersion.plist and bin/brew', async () => {
    const plist = '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n\t<key>ProductName</key>\n\t<string>macOS</string>\n\t<key>ProductVersion</key>\n\t<string>14.4.1</string>\n</dict>\n</plist>\n';
    const brew = tempRoot({ 'System/Library/CoreServices/SystemVersion.plist': plist, 'opt/homebrew/bin/brew': '#!/bin/sh\n' });
    roots.push(brew);
    const p = await detectPlatform(new ScanContext({ root: brew.root, env: { PATH: '/opt/homebrew/bin:/usr/bin' }, platform: 'darwin' }));
    expect(p).toMatchObject({ os: 'darwin', family: 'macos', packageManager: 'brew', name: 'macOS 14.4.1', homebrew: { prefix: '/opt/homebrew' }, sudo: false });
  });

  it('says unknown, with no package manager, when there is no os-release', async () => {
    const p = await detectPlatform(machine({}));
    expect(p).toMatchObject({ family: 'unknown', packageManager: null, id: 'linux' });
  });

  it('identifies this live machine as what its own /etc/os-release says', async () => {
    const rel = parseOsRelease(readFileSync('/etc/os-release', 'utf8'));
    const p = await detectPlatform(new ScanContext());
    expect(p.id).toBe(rel.ID);
    expect(p.name).toContain(rel.PRETTY_NAME ?? '');
  });
});
