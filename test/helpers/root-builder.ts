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
