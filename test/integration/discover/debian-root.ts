// A Debian-like machine under a temp root, built with real tools: the host's EXTERNALLY-MANAGED marker,
// apt-style egg-info/dist-info owned by dpkg lists, real `pip install --root` pollution of
// /usr/local/lib/python3.11/dist-packages, real `pip install --user` into a sandbox HOME.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, symlinkSync } from 'node:fs';
import { pipEnv, SYS_PY, tmp, write } from './fixtures.js';

export interface DebianRoot {
  root: string;
  home: string;
}

export function buildDebianRoot(): DebianRoot {
  const root = tmp('pyenvtui-root-');
  const home = `${root}/home/alice`;
  mkdirSync(home, { recursive: true });
  write(`${root}/etc/debian_version`, '12.8\n');
  write(`${root}/usr/bin/python3.11`, '');
  chmodSync(`${root}/usr/bin/python3.11`, 0o755);
  symlinkSync('python3.11', `${root}/usr/bin/python3`);
  mkdirSync(`${root}/usr/lib/python3.11`, { recursive: true });
  copyFileSync('/usr/lib/python3.11/EXTERNALLY-MANAGED', `${root}/usr/lib/python3.11/EXTERNALLY-MANAGED`);
  // merged /usr, as on Debian 12
  symlinkSync('usr/bin', `${root}/bin`);
  // apt's packages: an egg-info (no RECORD, no INSTALLER) and a dist-info, both owned by dpkg
  const dp = `${root}/usr/lib/python3/dist-packages`;
  write(`${dp}/six-1.16.0.egg-info/PKG-INFO`, 'Metadata-Version: 1.2\nName: six\nVersion: 1.16.0\nSummary: Python 2 and 3 compatibility utilities\n');
  write(`${dp}/six.py`, '');
  write(`${dp}/attrs-22.2.0.dist-info/METADATA`, 'Metadata-Version: 2.1\nName: attrs\nVersion: 22.2.0\n\n');
  write(`${dp}/attrs-22.2.0.dist-info/RECORD`, 'attr/__init__.py,,\n');
  write(`${root}/var/lib/dpkg/info/python3-six.list`,
    '/.\n/usr\n/usr/lib/python3/dist-packages\n/usr/lib/python3/dist-packages/six-1.16.0.egg-info\n/usr/lib/python3/dist-packages/six-1.16.0.egg-info/PKG-INFO\n/usr/lib/python3/dist-packages/six.py\n');
  write(`${root}/var/lib/dpkg/info/python3-attr.list`, '/usr/lib/python3/dist-packages/attrs-22.2.0.dist-info\n');
  write(`${root}/var/lib/dpkg/info/libpython3.11-stdlib:amd64.list`, '/usr/lib/python3.11/EXTERNALLY-MANAGED\n');
  write(`${root}/var/lib/dpkg/status`,
    'Package: python3.11-minimal\nStatus: install ok installed\nVersion: 3.11.2-6+deb12u6\n\nPackage: python3-six\nVersion: 1.16.0-4\n\n');
  // `sudo pip install` (Debian's posix_local scheme writes /usr/local/lib/python3.11/dist-packages)
  execFileSync(SYS_PY, ['-m', 'pip', 'install', '-q', '--root', root, '--no-warn-script-location', '--ignore-installed', 'pyenvtui-demo-cli', 'six'], { env: pipEnv(home) });
  // `pip install --user` with the sandbox HOME
  execFileSync(SYS_PY, ['-m', 'pip', 'install', '-q', '--user', '--break-system-packages', '--no-warn-script-location', 'pyenvtui-demo-tool'], {
    env: pipEnv(home),
  });
  return { root, home };
}
