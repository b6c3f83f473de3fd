// Tiny builder of fake machine roots for platform/guidance tests: real files in a temp dir.
import { mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const OS_RELEASE_DIR = path.resolve(import.meta.dirname, '../fixtures/os-release');

export function osRelease(name: string): string {
  return readFileSync(path.join(OS_RELEASE_DIR, name), 'utf8');
}

export interface TempRoot {
  root: string;
  put(machinePath: string, text: string | Buffer): string;
  cleanup(): void;
}

export function tempRoot(files: Record<string, string | Buffer> = {}): TempRoot {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pyenvtui-platform-'));
  const put = (p: string, text: string | Buffer): string => {
    const host = path.join(root, p);
    mkdirSync(path.dirname(host), { recursive: true });
    writeFileSync(host, text);
    return host;
  };
  for (const [p, t] of Object.entries(files)) put(p, t);
  return { root, put, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/**
 * The files of a Debian 12 machine with an externally-managed (PEP 668) system python3.11, as far as a scan reads
 * them: os-release, the interpreter, its stdlib landmark and the marker. Spread into `tempRoot({...})`.
 */
export function debianPython311(): Record<string, string> {
  return {
    '/etc/os-release': osRelease('debian-12'),
    '/etc/debian_version': '12.8\n',
    '/usr/bin/python3.11': '#!/bin/false\n',
    '/usr/lib/python3.11/os.py': '',
    '/usr/lib/python3.11/EXTERNALLY-MANAGED': '[externally-managed]\nError=use apt\n',
  };
}

/**
 * A root with `n` virtualenvwrapper venvs on a system python3.11 (whose binary has bytes, so it sizes), each with one
 * 12 KB package `demo-<i>`: for loader and sizing tests. `name(i)` names the venv directories.
 */
export function venvsRoot(n: number, name: (i: number) => string = (i) => `env${i}`): TempRoot {
  const files: Record<string, string> = { '/usr/bin/python3.11': '\x7fELF'.padEnd(8192, '\0') };
  for (let i = 0; i < n; i++) {
    const v = `/home/u/.virtualenvs/${name(i)}`;
    files[`${v}/pyvenv.cfg`] = 'home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.11.2\n';
    files[`${v}/lib/python3.11/site-packages/demo_${i}-1.0.dist-info/METADATA`] = `Metadata-Version: 2.1\nName: demo-${i}\nVersion: 1.0\n\n`;
    files[`${v}/lib/python3.11/site-packages/demo_${i}-1.0.dist-info/INSTALLER`] = 'pip\n';
    files[`${v}/lib/python3.11/site-packages/demo_${i}/__init__.py`] = 'x = 1\n'.repeat(2000);
  }
  const r = tempRoot(files);
  for (let i = 0; i < n; i++) {
    const bin = path.join(r.root, `home/u/.virtualenvs/${name(i)}/bin`);
    mkdirSync(bin);
    symlinkSync('/usr/bin/python3.11', path.join(bin, 'python'));
  }
  return r;
}
