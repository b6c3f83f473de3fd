// Where a ScanContext looks for people and keeps its cache: the homes under an image root, and the
// cache directory (never inside a scanned --root, so a scan leaves the image untouched).
import { readdirSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { toMachine, type Env } from './env.js';
import { Fail, lstatOr } from './fs.js';

/** Directories under /home or /Users that are not users: macOS's shared folder, Homebrew on Linux. */
const NOT_USERS = new Set(['Shared', 'linuxbrew', 'lost+found']);

/** Users' homes under an image root (host path `prefix`, '' for /): /home/*, /Users/* (macOS), then /root. */
export function findHomes(prefix: string): string[] {
  const out: string[] = [];
  for (const base of ['/home', '/Users']) {
    let names: Dirent[] = [];
    try {
      names = readdirSync(prefix + base, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const d of names.sort((a, b) => a.name.localeCompare(b.name))) {
      // A home is a real directory; "Shared" on macOS and non-UTF-8 names are not users.
      if (!d.isDirectory() || NOT_USERS.has(d.name) || d.name.includes('\uFFFD') || d.name.startsWith('.')) continue;
      out.push(`${base}/${d.name}`);
    }
  }
  const r = lstatOr(prefix + '/root');
  if (!(r instanceof Fail) && r.isDirectory()) out.push('/root');
  return out;
}

/** The persistent cache directory, or null when disabled or when it would lie inside the scanned root. */
export function defaultCacheDir(env: Env, root: string): string | null {
  if (env.PYENVTUI_NO_CACHE) return null;
  const base = env.PYENVTUI_CACHE_DIR || (env.XDG_CACHE_HOME ? `${env.XDG_CACHE_HOME}/pyenvtui` : env.HOME ? `${env.HOME}/.cache/pyenvtui` : null);
  if (!base || !path.isAbsolute(base)) return null;
  const dir = path.resolve(base);
  return root !== '/' && toMachine(dir, root) !== null ? null : dir;
}
