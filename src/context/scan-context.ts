// ScanContext: the only door to the outside world during a scan.
//
// A context maps *machine paths* (what the scanned machine calls a file, e.g. /usr/lib/python3.11)
// onto *host paths* under `root`. With root "/" both are the same; with `--root /mnt/sd` the SD
// card scans as if it were the live machine. Symlinks are resolved inside the root, so an absolute
// link target such as /usr/bin/python3.11 stays inside the image.
//
// Speed: a scan asks about the same directories tens of thousands of times, so every resolved path
// is cached for the context's life, and lookups use synchronous syscalls that report a missing file
// as a value (no Error built). Each call is a few microseconds; scan loops call breathe() so a
// dashboard running the scan in-process still gets keys and repaints. Every file method is honestly
// synchronous (its signature says so); breathe() is the one asynchronous method.
import {
  closeSync,
  constants as fsConstants,
  openSync,
  readdirSync,
  readlinkSync,
  type Dirent,
  type Stats,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import { toMachine, translateEnv, type Env } from './env.js';
import { Fail, baseOf, dirOf, join, lstatOr, norm, readRegular, statOr, toError } from './fs.js';
import { defaultCacheDir, findHomes } from './homes.js';
import { PER_USER_VARS, type ScanOptions, type Shared } from './options.js';

export type { ScanOptions };

export { translateEnv, type Env };


const { O_RDONLY, O_NOFOLLOW, O_NONBLOCK } = fsConstants;

export class ScanContext {
  readonly root: string;
  readonly env: Env;
  readonly home: string;
  /**
   * Homes scanned for per-user environments. Without --root, or when HOME lies inside the root, just
   * `home`; otherwise every /home/*, /Users/* and /root that exists under the root (an SD card's users).
   */
  readonly homes: string[];
  readonly platform: NodeJS.Platform;
  readonly arch: string;
  readonly search: string[];
  readonly depth: number;
  readonly uid: number;
  readonly now: () => Date;
  /**
   * Host directory of pyenvtui's cache: $PYENVTUI_CACHE_DIR, else $XDG_CACHE_HOME/pyenvtui, else
   * ~/.cache/pyenvtui, from the scanning user's environment. Null when $PYENVTUI_NO_CACHE is set, or
   * when it would lie inside a --root image (a scan never writes into the machine it reads).
   */
  readonly cacheDir: string | null;
  readonly cacheRacyMs: number;
  private readonly shared: Shared;
  /** root + machine path = host path; '' when root is '/'. */
  private readonly prefix: string;

  /** `parent` is internal (forHome): its caches are shared and opts.env is already in machine terms. */
  constructor(opts: ScanOptions = {}, parent?: { shared: Shared; env: Env }) {
    this.root = path.resolve(opts.root ?? '/');
    this.prefix = this.root === '/' ? '' : this.root;
    this.shared = parent?.shared ?? { resolved: new Map(), memo: new Map(), spawns: 0, lastBreath: performance.now() };
    const rawEnv = opts.env ?? process.env;
    this.env = parent ? parent.env : this.root === '/' ? { ...rawEnv } : translateEnv(rawEnv, this.root);
    const given = opts.home ?? this.env.HOME;
    this.homes = opts.homes ?? (given !== undefined ? [given] : this.root === '/' ? [os.homedir()] : findHomes(this.prefix));
    this.home = given ?? this.homes[0] ?? '/root';
    this.platform = opts.platform ?? process.platform;
    this.arch = opts.arch ?? process.arch;
    this.search = opts.search ?? [];
    this.depth = opts.depth ?? 4;
    this.uid = opts.uid ?? (typeof process.getuid === 'function' ? process.getuid() : 0);
    this.now = opts.now ?? (() => new Date());
    this.cacheDir = opts.cacheDir !== undefined ? opts.cacheDir : parent ? null : defaultCacheDir(rawEnv, this.root);
    this.cacheRacyMs = opts.cacheRacyMs ?? 2000;
  }

  /** Number of processes spawned during the scan (discovery should keep this at 0); shared with children. */
  get spawns(): number {
    return this.shared.spawns;
  }
  set spawns(n: number) {
    this.shared.spawns = n;
  }

  /**
   * The same machine seen from another user's home: HOME is `home`, caches and the spawn count are
   * shared. The primary child keeps the scanning user's variables and --search dirs; the others drop
   * every per-user variable ($XDG_DATA_HOME, $PIPX_HOME, ...), so each home is read with its defaults.
   */
  forHome(home: string, opts: { primary?: boolean } = {}): ScanContext {
    const env: Env = { ...this.env, HOME: home };
    if (!opts.primary) for (const k of PER_USER_VARS) delete env[k];
    const o = { root: this.root, home, homes: [home], platform: this.platform, arch: this.arch, depth: this.depth, now: this.now, uid: this.uid };
    return new ScanContext({ ...o, search: opts.primary ? this.search : [], cacheDir: this.cacheDir, cacheRacyMs: this.cacheRacyMs }, { shared: this.shared, env });
  }

  /** A value computed once per scan and shared by per-home children (dpkg index, dpkg status, ...). */
  memo<T>(key: string, make: () => T): T {
    if (!this.shared.memo.has(key)) this.shared.memo.set(key, make());
    return this.shared.memo.get(key) as T;
  }

  /** Let the event loop run (keys, repaints) when the scan has held it for a while; cheap otherwise. */
  async breathe(): Promise<void> {
    const now = performance.now();
    if (now - this.shared.lastBreath < 10) return;
    await new Promise<void>((r) => setImmediate(r));
    this.shared.lastBreath = performance.now();
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

  /**
   * Synchronous read (small files on the hot path); FIFOs and devices are refused, never opened blocking,
   * and a file over `max` bytes (default LIMITS.file) is refused before it is read.
   */
  readFile(p: string, max?: number): Buffer {
    const abs = norm(p);
    const parent = this.res(dirOf(abs));
    if (parent instanceof Fail) throw toError(parent, abs);
    let fd: number;
    try {
      // O_NOFOLLOW: one syscall for the common case; a symlinked file is resolved inside the root instead.
      fd = openSync(this.prefix + join(parent, baseOf(abs)), O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
    } catch (e) {
      if ((e as { code?: string }).code !== 'ELOOP') throw e;
      const real = this.res(abs);
      if (real instanceof Fail) throw toError(real, abs);
      fd = openSync(this.prefix + real, O_RDONLY | O_NONBLOCK);
    }
    try {
      return readRegular(fd, abs, max);
    } finally {
      closeSync(fd);
    }
  }

  readText(p: string): string {
    return this.readFile(p).toString('utf8');
  }

  /** Text of a file, or null when it is missing or unreadable. */
  tryReadText(p: string): string | null {
    try {
      return this.readFile(p).toString('utf8');
    } catch {
      return null;
    }
  }

  readdir(p: string): Dirent[] {
    const real = this.res(norm(p));
    if (real instanceof Fail) throw toError(real, p);
    return readdirSync(this.prefix + real, { withFileTypes: true });
  }

  /** Directory entries, or [] when missing/unreadable. */
  tryReaddir(p: string): Dirent[] {
    try {
      return this.readdir(p);
    } catch {
      return [];
    }
  }

  stat(p: string): Stats {
    const st = this.statSync(p);
    if (st instanceof Fail) throw toError(st, p);
    return st;
  }

  /** Stats of what p leads to, or a Fail; one lstat when no component is a symlink (parents are cached). */
  private statSync(p: string): Stats | Fail {
    const abs = norm(p);
    const parent = this.res(dirOf(abs));
    if (parent instanceof Fail) return parent;
    const st = lstatOr(this.prefix + join(parent, baseOf(abs)));
    if (st instanceof Fail || !st.isSymbolicLink()) return st;
    const real = this.res(abs);
    return real instanceof Fail ? real : statOr(this.prefix + real);
  }

  lstat(p: string): Stats {
    const st = this.lstatSync(p);
    if (st instanceof Fail) throw toError(st, p);
    return st;
  }

  private lstatSync(p: string): Stats | Fail {
    const abs = norm(p);
    const parent = this.res(dirOf(abs));
    return parent instanceof Fail ? parent : lstatOr(this.prefix + join(parent, baseOf(abs)));
  }

  /** Stats, or null; never throws and never builds an Error for a missing file. */
  tryStat(p: string): Stats | null {
    const st = this.statSync(p);
    return st instanceof Fail ? null : st;
  }

  tryLstat(p: string): Stats | null {
    const st = this.lstatSync(p);
    return st instanceof Fail ? null : st;
  }

  exists(p: string): boolean {
    return this.tryStat(p) !== null;
  }

  isDir(p: string): boolean {
    return this.tryStat(p)?.isDirectory() ?? false;
  }

  isFile(p: string): boolean {
    return this.tryStat(p)?.isFile() ?? false;
  }

  /** Link text, or null when p is not a readable symlink. */
  tryReadlink(p: string): string | null {
    try {
      return this.readlink(p);
    } catch {
      return null;
    }
  }

  /** Raw link text of a symlink (machine semantics: absolute targets are inside the root). */
  readlink(p: string): string {
    const abs = norm(p);
    const parent = this.res(dirOf(abs));
    if (parent instanceof Fail) throw toError(parent, abs);
    return readlinkSync(this.prefix + join(parent, baseOf(abs)));
  }

  /**
   * Canonical machine path, following symlinks inside the root.
   * Throws ELOOP on loops and ENOENT on dangling links, like realpath(3).
   */
  realpath(p: string): string {
    const r = this.res(norm(p));
    if (r instanceof Fail) throw toError(r, p);
    return r;
  }

  tryRealpath(p: string): string | null {
    const r = this.res(norm(p));
    return r instanceof Fail ? null : r;
  }

  /** Host path of the real file behind machine path p, or null. */
  tryHostReal(p: string): string | null {
    const r = this.res(norm(p));
    return r instanceof Fail ? null : this.prefix + r;
  }

  /**
   * Resolve a normalised machine path component by component, inside the root. Every settled answer is
   * cached, so a path under an already-resolved directory costs one lstat of its last component.
   */
  private res(p: string, hops = { n: 0 }): string | Fail {
    if (p === '/') return '/';
    const hit = this.shared.resolved.get(p);
    if (hit !== undefined) return hit;
    const parent = this.res(dirOf(p), hops);
    if (parent instanceof Fail) return parent;
    const cand = join(parent, baseOf(p));
    const host = this.prefix + cand;
    const st = lstatOr(host);
    if (st instanceof Fail) return st;
    let out = cand;
    if (st.isSymbolicLink()) {
      if (++hops.n > 40) return new Fail('ELOOP');
      let target: string;
      try {
        target = readlinkSync(host);
      } catch (e) {
        return new Fail((e as { code?: string }).code ?? 'EIO');
      }
      const r = this.res(path.posix.resolve(parent, target), hops);
      if (r instanceof Fail) return r;
      out = r;
    }
    this.shared.resolved.set(p, out);
    return out;
  }
}
