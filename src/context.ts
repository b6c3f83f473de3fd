// ScanContext: the only door to the outside world during a scan.
//
// A context maps *machine paths* (what the scanned machine calls a file, e.g. /usr/lib/python3.11)
// onto *host paths* under `root`. With root "/" both are the same; with `--root /mnt/sd` the SD
// card scans as if it were the live machine. Symlinks are resolved inside the root, so an absolute
// link target such as /usr/bin/python3.11 stays inside the image.
import { promises as fsp, type Dirent, type Stats } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type Env = Record<string, string | undefined>;

export interface ScanOptions {
  /** Host directory treated as "/". Default "/". */
  root?: string;
  env?: Env;
  /** Machine path of the user's home. Default: $HOME translated into the root. */
  home?: string;
  platform?: NodeJS.Platform;
  arch?: string;
  /** Extra directories to search for project venvs (machine paths). */
  search?: string[];
  /** Depth of the HOME walk for project venvs. */
  depth?: number;
  now?: () => Date;
  uid?: number;
}

/** Environment variables that hold paths; they are translated into the root or dropped. */
const PATH_VARS = [
  'HOME',
  'PATH',
  'PIPX_HOME',
  'PIPX_BIN_DIR',
  'PIPX_GLOBAL_HOME',
  'PIPX_GLOBAL_BIN_DIR',
  'WORKON_HOME',
  'VIRTUAL_ENV',
  'CONDA_PREFIX',
  'CONDA_ENVS_PATH',
  'MAMBA_ROOT_PREFIX',
  'PYENV_ROOT',
  'XDG_CONFIG_HOME',
  'XDG_CONFIG_DIRS',
  'XDG_DATA_HOME',
  'XDG_STATE_HOME',
  'XDG_CACHE_HOME',
  'PIP_CONFIG_FILE',
  'UV_PYTHON_INSTALL_DIR',
  'UV_TOOL_DIR',
  'UV_TOOL_BIN_DIR',
  'UV_CONFIG_FILE',
  'UV_PROJECT_ENVIRONMENT',
  'HATCH_DATA_DIR',
  'MISE_DATA_DIR',
  'ASDF_DATA_DIR',
  'HOMEBREW_PREFIX',
  'POETRY_VIRTUALENVS_PATH',
  'POETRY_CACHE_DIR',
];

export class ScanContext {
  readonly root: string;
  readonly env: Env;
  readonly home: string;
  readonly platform: NodeJS.Platform;
  readonly arch: string;
  readonly search: string[];
  readonly depth: number;
  readonly uid: number;
  readonly now: () => Date;
  /** Number of processes spawned during the scan (discovery should keep this at 0). */
  spawns = 0;

  constructor(opts: ScanOptions = {}) {
    this.root = path.resolve(opts.root ?? '/');
    const rawEnv = opts.env ?? process.env;
    this.env = this.root === '/' ? { ...rawEnv } : translateEnv(rawEnv, this.root);
    this.home = opts.home ?? this.env.HOME ?? (this.root === '/' ? os.homedir() : '/root');
    this.platform = opts.platform ?? process.platform;
    this.arch = opts.arch ?? process.arch;
    this.search = opts.search ?? [];
    this.depth = opts.depth ?? 4;
    this.uid = opts.uid ?? (typeof process.getuid === 'function' ? process.getuid() : 0);
    this.now = opts.now ?? (() => new Date());
  }

  /** Host path for a machine path. */
  hostPath(p: string): string {
    if (this.root === '/') return path.resolve('/', p);
    return path.join(this.root, path.resolve('/', p));
  }

  /** Machine path for a host path, or null when it lies outside the root. */
  machinePath(hostP: string): string | null {
    return toMachine(path.resolve(hostP), this.root);
  }

  async readFile(p: string): Promise<Buffer> {
    return fsp.readFile(await this.resolveInRoot(p));
  }

  async readText(p: string): Promise<string> {
    return (await this.readFile(p)).toString('utf8');
  }

  /** Text of a file, or null when it is missing or unreadable. */
  async tryReadText(p: string): Promise<string | null> {
    try {
      return await this.readText(p);
    } catch {
      return null;
    }
  }

  async readdir(p: string): Promise<Dirent[]> {
    return fsp.readdir(await this.resolveInRoot(p), { withFileTypes: true });
  }

  /** Directory entries, or [] when missing/unreadable. */
  async tryReaddir(p: string): Promise<Dirent[]> {
    try {
      return await this.readdir(p);
    } catch {
      return [];
    }
  }

  async stat(p: string): Promise<Stats> {
    return fsp.stat(await this.resolveInRoot(p));
  }

  async lstat(p: string): Promise<Stats> {
    return fsp.lstat(this.hostPath(p));
  }

  async tryStat(p: string): Promise<Stats | null> {
    try {
      return await this.stat(p);
    } catch {
      return null;
    }
  }

  async tryLstat(p: string): Promise<Stats | null> {
    try {
      return await this.lstat(p);
    } catch {
      return null;
    }
  }

  async exists(p: string): Promise<boolean> {
    return (await this.tryStat(p)) !== null;
  }

  async isDir(p: string): Promise<boolean> {
    return (await this.tryStat(p))?.isDirectory() ?? false;
  }

  async isFile(p: string): Promise<boolean> {
    return (await this.tryStat(p))?.isFile() ?? false;
  }

  /** Raw link text of a symlink (machine semantics: absolute targets are inside the root). */
  async readlink(p: string): Promise<string> {
    return fsp.readlink(this.hostPath(p));
  }

  /**
   * Canonical machine path, following symlinks inside the root.
   * Throws ELOOP on loops and ENOENT on dangling links, like realpath(3).
   */
  async realpath(p: string): Promise<string> {
    if (this.root === '/') return fsp.realpath(p);
    return this.resolveMachine(path.resolve('/', p), 0);
  }

  async tryRealpath(p: string): Promise<string | null> {
    try {
      return await this.realpath(p);
    } catch {
      return null;
    }
  }

  private async resolveInRoot(p: string): Promise<string> {
    if (this.root === '/') return path.resolve('/', p);
    return this.hostPath(await this.resolveMachine(path.resolve('/', p), 0));
  }

  private async resolveMachine(p: string, hops: number): Promise<string> {
    const parts = p.split('/').filter(Boolean);
    let cur = '/';
    for (let i = 0; i < parts.length; i++) {
      const next = path.posix.join(cur, parts[i]!);
      let st: Stats;
      try {
        st = await fsp.lstat(this.hostPath(next));
      } catch (e) {
        // Missing tail components resolve lexically (realpath would throw; callers use that).
        if (i === parts.length - 1) throw e;
        throw e;
      }
      if (st.isSymbolicLink()) {
        if (hops > 40) throw Object.assign(new Error(`ELOOP: too many symbolic links: ${p}`), { code: 'ELOOP' });
        const target = await fsp.readlink(this.hostPath(next));
        const abs = path.posix.resolve(cur, target);
        const rest = parts.slice(i + 1).join('/');
        return this.resolveMachine(rest ? path.posix.join(abs, rest) : abs, hops + 1);
      }
      cur = next;
    }
    return cur;
  }
}

function toMachine(hostP: string, root: string): string | null {
  if (root === '/') return hostP;
  if (hostP === root) return '/';
  if (hostP.startsWith(root + path.sep)) return hostP.slice(root.length);
  return null;
}

/** Translate path-valued variables into the root; drop those that point outside it. */
export function translateEnv(env: Env, root: string): Env {
  const out: Env = { ...env };
  for (const k of PATH_VARS) {
    const v = env[k];
    if (v === undefined) continue;
    if (k === 'PATH' || k === 'XDG_CONFIG_DIRS' || k === 'CONDA_ENVS_PATH') {
      const kept = v
        .split(':')
        .filter(Boolean)
        .map((d) => toMachine(path.resolve(d), root))
        .filter((d): d is string => d !== null);
      out[k] = kept.length ? kept.join(':') : undefined;
      if (k === 'PATH' && !kept.length) out[k] = '/usr/local/bin:/usr/bin:/bin';
      continue;
    }
    if (k === 'PIP_CONFIG_FILE' && v === '/dev/null') continue;
    const m = toMachine(path.resolve(v), root);
    out[k] = m ?? undefined;
  }
  return out;
}
