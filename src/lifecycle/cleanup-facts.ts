// What the clean-up needs from the disk and /proc, read only: an environment's size (as `du -sb` counts
// it: the apparent size of every entry, hard links once), when it was last used (the newest access or
// change of its interpreter links, scripts, pyvenv.cfg and site directory), the links a tool manager made
// into it, and whether a running process uses it (its executable, argv[0], working directory or a mapped
// file lies inside the prefix, as killpy checks) or the shell's VIRTUAL_ENV names it.
import { promises as fsp } from 'node:fs';
import path from 'node:path';

/** `du -sb DIR`: apparent bytes of the tree, each inode once, symlinks not followed. */
export async function treeBytes(dir: string, max = 2_000_000): Promise<number> {
  const seen = new Set<string>();
  let total = 0;
  let n = 0;
  const walk = async (p: string): Promise<void> => {
    const st = await fsp.lstat(p).catch(() => null);
    if (!st || ++n > max) return;
    const key = `${st.dev}:${st.ino}`;
    if (st.nlink > 1 && !st.isDirectory()) {
      if (seen.has(key)) return;
      seen.add(key);
    }
    total += st.size;
    if (st.isDirectory()) for (const e of await fsp.readdir(p).catch(() => [] as string[])) await walk(path.join(p, e));
  };
  await walk(dir);
  return total;
}

/** Newest atime/mtime (ms) of the files that using an environment touches. */
export async function lastUsed(prefix: string, sites: string[], project?: string): Promise<number> {
  const paths = [path.join(prefix, 'pyvenv.cfg'), ...sites];
  for (const e of await fsp.readdir(path.join(prefix, 'bin')).catch(() => [] as string[])) paths.push(path.join(prefix, 'bin', e));
  // The project it belongs to counts too (a venv untouched while its project is edited daily is in use): the
  // modification times of the project directory and its top-level entries (not its whole tree, not the venv
  // itself, and not access times, which any reader of the directory, a scan included, moves).
  const edited: string[] = [];
  if (project && path.isAbsolute(project)) {
    edited.push(project);
    const top = await fsp.readdir(project).catch(() => [] as string[]);
    for (const e of top.slice(0, 256)) if (path.join(project, e) !== prefix) edited.push(path.join(project, e));
  }
  let newest = 0;
  for (const p of paths) {
    const st = await fsp.lstat(p).catch(() => null);
    if (st) newest = Math.max(newest, st.atimeMs, st.mtimeMs);
  }
  for (const p of edited) {
    const st = await fsp.lstat(p).catch(() => null);
    if (st) newest = Math.max(newest, st.mtimeMs);
  }
  return newest;
}

/** Symlinks in `binDir` pointing into `prefix` (pipx/uv app links), as host paths. */
export async function linksInto(binDir: string, prefix: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of await fsp.readdir(binDir).catch(() => [] as string[])) {
    const p = path.join(binDir, name);
    const to = await fsp.readlink(p).catch(() => null);
    if (to === null) continue;
    const abs = path.resolve(binDir, to);
    if (abs === prefix || abs.startsWith(`${prefix}/`)) out.push(p);
  }
  return out.sort();
}

export interface ProcessUse {
  pid: number;
  what: string;
}

const inside = (p: string, prefix: string): boolean => p === prefix || p.startsWith(`${prefix}/`);

/** Running processes that use something inside one of `prefixes` (this process excluded). */
export async function processesUsing(prefixes: string[], procDir = '/proc'): Promise<Map<string, ProcessUse[]>> {
  const out = new Map<string, ProcessUse[]>();
  const add = (prefix: string, u: ProcessUse): void => {
    const l = out.get(prefix) ?? [];
    if (!l.some((x) => x.pid === u.pid)) out.set(prefix, [...l, u]);
  };
  const pids = (await fsp.readdir(procDir).catch(() => [] as string[])).filter((n) => /^\d+$/.test(n)).map(Number);
  for (const pid of pids) {
    if (pid === process.pid) continue;
    const dir = path.join(procDir, String(pid));
    const exe = await fsp.readlink(path.join(dir, 'exe')).catch(() => null);
    const cwd = await fsp.readlink(path.join(dir, 'cwd')).catch(() => null);
    const argv0 = (await fsp.readFile(path.join(dir, 'cmdline'), 'utf8').catch(() => '')).split('\0')[0] ?? '';
    const arg = argv0 && cwd ? path.resolve(cwd, argv0) : argv0;
    const maps = (await fsp.readFile(path.join(dir, 'maps'), 'utf8').catch(() => ''))
      .split('\n')
      .map((l) => /\s(\/\S.*)$/.exec(l)?.[1])
      .filter((x): x is string => !!x);
    for (const prefix of prefixes) {
      if (exe && inside(exe, prefix)) add(prefix, { pid, what: `runs ${exe}` });
      else if (arg.startsWith('/') && inside(arg, prefix)) add(prefix, { pid, what: `runs ${arg}` });
      else if (cwd && inside(cwd, prefix)) add(prefix, { pid, what: `works in ${cwd}` });
      else {
        const m = maps.find((f) => inside(f, prefix));
        if (m) add(prefix, { pid, what: `has ${m} loaded` });
      }
    }
  }
  return out;
}
