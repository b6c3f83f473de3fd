// Listings of the host's own Python directories, taken before and after the harness runs, to
// prove the sandboxes never write into the real machine.
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Host directories the harness must never touch. */
export function guardedHostDirs(): string[] {
  const dirs = [
    '/usr/lib/python3/dist-packages',
    '/usr/local/lib/python3.11',
    '/usr/local/bin',
    '/root/.local',
    path.join(os.homedir(), '.local'),
  ];
  return [...new Set(dirs)];
}

/**
 * One line per entry: path, type, size, mtime. Symlinks are not followed. `__pycache__` is
 * skipped: any Python run on the host may refresh bytecode there; installs show up as files.
 */
export async function listTree(dir: string, limit = 200_000): Promise<string[]> {
  const out: string[] = [];
  async function walk(d: string): Promise<void> {
    let entries;
    try {
      entries = await fsp.readdir(d, { withFileTypes: true });
    } catch (e) {
      out.push(`${d} <${(e as NodeJS.ErrnoException).code ?? 'error'}>`);
      return;
    }
    for (const e of entries) {
      if (out.length >= limit) return;
      if (e.name === '__pycache__') continue;
      const p = path.join(d, e.name);
      const st = await fsp.lstat(p).catch(() => null);
      if (!st) continue;
      const kind = st.isSymbolicLink() ? 'l' : st.isDirectory() ? 'd' : 'f';
      out.push(`${p} ${kind} ${st.isDirectory() ? '' : st.size} ${Math.trunc(st.mtimeMs)}`);
      if (kind === 'd') await walk(p);
    }
  }
  await walk(dir);
  return out.sort();
}

export async function snapshotHost(): Promise<Record<string, string[]>> {
  const snap: Record<string, string[]> = {};
  for (const d of guardedHostDirs()) snap[d] = await listTree(d);
  return snap;
}
