// Tiny builder of fake machine roots for platform/guidance tests: real files in a temp dir.
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
