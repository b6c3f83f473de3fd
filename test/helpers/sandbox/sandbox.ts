// A throw-away "machine": a temp dir whose root/ plays "/" for `pyenvtui scan --root`, with a
// user home at root/home/tester, filled by the REAL tools (venv, pip, pipx) running offline
// against the test wheels, with HOME and every tool directory inside the sandbox.
import { existsSync, promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildConda, type CondaLayout, type CondaOptions } from './conda.js';
import { buildDistroRoot, plantAptPackage, type AptPackageOptions, type DistroRootOptions } from './distro.js';
import { sandboxEnv } from './env.js';
import { link, put } from './files.js';
import { buildPyenv, type PyenvLayout, type PyenvOptions } from './pyenv.js';
import { run, type RunResult } from './run.js';
import { DEBIAN_PYTHON, requirePipx, requirePython } from './tools.js';
import { ensureWheels, runCacheDir } from './wheels.js';

/** Debian's seed wheels (python3-pip-whl), the ones ensurepip installs into a new venv. */
const SEED_WHEELS = '/usr/share/python-wheels';

/** Machine path of the sandbox user's home. */
export const MACHINE_HOME = '/home/tester';

export interface CreateSandboxOptions {
  /** Parent directory for the sandbox (default: the run cache, cleaned in global teardown). */
  parent?: string;
  /**
   * Make host-absolute paths resolve inside the root too (default true): the real tools write
   * host paths (pipx links, shebangs, pipx_metadata.json), and `--root` resolves absolute
   * symlink targets inside the root. A relative link <root><root> → <root> makes both agree.
   */
  aliasHostPaths?: boolean;
}

export interface VenvOptions {
  /** Requirements to install with pip (e.g. 'pyenvtui-demo-lib==0.3.1'). */
  packages?: string[];
  systemSite?: boolean;
  /** Base interpreter (host path of a real binary, never a shim). Default /usr/bin/python3. */
  python?: string;
  /** Seed pip into the venv (default true, like `python3 -m venv`). */
  withPip?: boolean;
  /** How pip gets in: 'fast' (default for Debian's python, see Sandbox.venv) or 'ensurepip'. */
  seed?: 'fast' | 'ensurepip';
  prompt?: string;
}

export interface VenvInfo {
  /** Host path of the prefix. */
  prefix: string;
  /** Machine path of the prefix. */
  machine: string;
  /** Host path of bin/python. */
  python: string;
}

export class Sandbox {
  readonly env: Record<string, string>;
  /** Host path of the file that placeholder interpreters append to when executed. */
  readonly tripwireLog: string;

  constructor(
    /** Host directory holding root/, tmp/ and logs. */
    readonly base: string,
    readonly wheels: string,
  ) {
    this.tripwireLog = path.join(base, 'tripwire.log');
    this.env = sandboxEnv({ root: this.root, home: this.home, tmp: path.join(base, 'tmp'), wheels });
  }

  /** Host directory treated as "/" (pass as `--root`). */
  get root(): string {
    return path.join(this.base, 'root');
  }

  /** Host path of the sandbox user's home. */
  get home(): string {
    return path.join(this.root, 'home', 'tester');
  }

  readonly machineHome = MACHINE_HOME;

  /**
   * Host path for `p`: an absolute `p` is a machine path inside the root ('/usr/lib/...'),
   * '~/x' and relative paths are relative to the sandbox HOME.
   */
  path(p: string): string {
    if (p.startsWith('/')) return path.join(this.root, p);
    return path.join(this.home, p.replace(/^~\/?/, ''));
  }

  /** Machine path (as `pyenvtui --root` sees it) for a path given like `path()` or as a host path. */
  machine(p: string): string {
    const host = p.startsWith(this.root) ? p : this.path(p);
    const rel = path.relative(this.root, host);
    if (rel.startsWith('..')) throw new Error(`${p} is outside the sandbox root`);
    return '/' + rel;
  }

  async writeFile(p: string, text: string | Buffer, mode?: number): Promise<string> {
    return put(this.path(p), text, mode);
  }

  async mkdir(p: string): Promise<string> {
    await fsp.mkdir(this.path(p), { recursive: true });
    return this.path(p);
  }

  /** Symlink at `p` whose raw text is `target` (an absolute target is a machine path under --root). */
  async symlink(p: string, target: string): Promise<void> {
    await link(this.path(p), target);
  }

  /** Run a command with the sandbox env (cwd: HOME). */
  exec(cmd: string, args: readonly string[], cwd?: string): Promise<RunResult> {
    return run(cmd, args, { env: this.env, cwd: cwd ?? this.home });
  }

  /**
   * A real venv made by `python -m venv`, optionally with packages installed by real pip.
   * For Debian's python the pip seed is done by one pip run (`--without-pip`, then
   * `pip --python <venv> install pip setuptools <packages>` from Debian's own seed wheels in
   * /usr/share/python-wheels, the very wheels ensurepip would use): the same files at a third
   * of the CPU. `seed: 'ensurepip'` takes the slow, byte-for-byte `python3 -m venv` path.
   */
  async venv(p: string, opts: VenvOptions = {}): Promise<VenvInfo> {
    const prefix = this.path(p);
    const python = opts.python ?? requirePython();
    const fast = opts.withPip !== false && opts.seed !== 'ensurepip' && python === DEBIAN_PYTHON && existsSync(SEED_WHEELS);
    const args = ['-m', 'venv'];
    if (opts.systemSite) args.push('--system-site-packages');
    if (opts.withPip === false || fast) args.push('--without-pip');
    if (opts.prompt) args.push('--prompt', opts.prompt);
    await fsp.mkdir(path.dirname(prefix), { recursive: true });
    await this.exec(python, [...args, prefix]);
    const info = { prefix, machine: this.machine(prefix), python: path.join(prefix, 'bin', 'python') };
    const packages = opts.packages ?? [];
    if (fast) {
      // A system-site venv sees the host's pip as installed; ensurepip installs its own anyway
      // (--ignore-installed), so the seed does too, and the packages go in by the venv's pip.
      const seedOnly = opts.systemSite === true;
      await this.exec(python, [
        '-m', 'pip', '--python', info.python, 'install', '--no-index', '--find-links', SEED_WHEELS,
        '--find-links', this.wheels, ...(seedOnly ? ['--ignore-installed'] : []), 'pip', 'setuptools',
        ...(seedOnly ? [] : packages),
      ]);
      if (seedOnly && packages.length) await this.pipInstall(info.prefix, packages);
    } else if (packages.length) await this.pipInstall(info.prefix, packages);
    return info;
  }

  /** `<venv>/bin/python -m pip install` (offline, test wheels). */
  async pipInstall(venvPrefix: string, packages: string[], extra: string[] = []): Promise<RunResult> {
    const py = path.join(venvPrefix.startsWith(this.root) ? venvPrefix : this.path(venvPrefix), 'bin', 'python');
    return this.exec(py, ['-m', 'pip', 'install', ...this.offline(), ...extra, ...packages]);
  }

  /** Real `pip install --user --break-system-packages` of Debian's python3 into the sandbox HOME. */
  async pipUser(packages: string[], extra: string[] = []): Promise<RunResult> {
    return this.exec(requirePython(), [
      '-m', 'pip', 'install', '--user', '--break-system-packages', ...this.offline(), ...extra, ...packages,
    ]);
  }

  /**
   * `sudo pip install` as Debian does it, redirected with `--root`: lands in
   * <root>/usr/local/lib/python3.11/dist-packages and <root>/usr/local/bin (posix_local scheme).
   * --ignore-installed: the host's own packages must never decide what the sandbox gets.
   */
  async sudoPip(packages: string[], extra: string[] = []): Promise<RunResult> {
    return this.exec(requirePython(), [
      '-m', 'pip', 'install', '--root', this.root, '--break-system-packages', '--ignore-installed',
      ...this.offline(), ...extra, ...packages,
    ]);
  }

  /** Real `pipx install` with PIPX_HOME/PIPX_BIN_DIR in the sandbox (pipx 1.1: ~/.local/pipx, ~/.local/bin). */
  async pipx(spec: string, extra: string[] = []): Promise<RunResult> {
    return this.exec(requirePipx(), ['install', ...extra, spec]);
  }

  /** Any other pipx command (`inject`, `uninstall`, `list --json`, ...). */
  async pipxRun(args: string[]): Promise<RunResult> {
    return this.exec(requirePipx(), args);
  }

  /** Write a pip configuration file; `where` = 'user' (~/.config/pip/pip.conf), 'legacy' (~/.pip/pip.conf), 'global' (/etc/pip.conf). */
  async pipConf(text: string, where: 'user' | 'legacy' | 'global' | 'xdg' = 'user'): Promise<string> {
    const rel = {
      user: '~/.config/pip/pip.conf',
      legacy: '~/.pip/pip.conf',
      global: '/etc/pip.conf',
      xdg: '/etc/xdg/pip/pip.conf',
    }[where];
    return this.writeFile(rel, text);
  }

  /** Debian-12-like root: python3.11 (placeholder), marker, apt dist-packages, dpkg database. */
  distroRoot(opts: DistroRootOptions = {}): Promise<void> {
    return buildDistroRoot(this, opts);
  }

  /** An apt-owned Python package in /usr/lib/python3/dist-packages with its dpkg list and status. */
  aptPackage(opts: AptPackageOptions): Promise<string> {
    return plantAptPackage(this, opts);
  }

  /** A conda installation (base + envs) in conda's on-disk format. */
  conda(opts: CondaOptions = {}): Promise<CondaLayout> {
    return buildConda(this, opts);
  }

  /** A pyenv root with versions and pyenv-virtualenv envs. */
  pyenv(opts: PyenvOptions): Promise<PyenvLayout> {
    return buildPyenv(this, opts);
  }

  /** Machine paths of placeholder interpreters that were executed (should stay empty for scans). */
  async tripwireHits(): Promise<string[]> {
    const text = await fsp.readFile(this.tripwireLog, 'utf8').catch(() => '');
    return text.split('\n').filter(Boolean);
  }

  /** `cp -a` this sandbox into a fresh one (for tests that change things starting from a built machine). */
  async copy(opts: { parent?: string } = {}): Promise<Sandbox> {
    const parent = opts.parent ?? sandboxParent();
    await fsp.mkdir(parent, { recursive: true });
    const base = await fsp.mkdtemp(path.join(parent, 'pyenvtui-sb-'));
    await run('/bin/cp', ['-a', '--', this.root, path.join(base, 'root')], { env: this.env });
    await fsp.mkdir(path.join(base, 'tmp'), { recursive: true });
    const sb = new Sandbox(base, this.wheels);
    await sb.aliasHostPaths();
    return sb;
  }

  /** See CreateSandboxOptions.aliasHostPaths. */
  async aliasHostPaths(): Promise<void> {
    const alias = path.join(this.root, this.root);
    if (existsSync(alias)) return;
    await link(alias, path.relative(path.dirname(alias), this.root));
  }

  async cleanup(): Promise<void> {
    if (process.env.PYENVTUI_KEEP_SANDBOX) return;
    try {
      await fsp.rm(this.base, { recursive: true, force: true });
    } catch {
      // A non-root run cannot descend into planted chmod-000 directories: restore, retry.
      await run('/bin/chmod', ['-R', 'u+rwX', '--', this.base], { env: this.env }).catch(() => undefined);
      await fsp.rm(this.base, { recursive: true, force: true });
    }
  }

  private offline(): string[] {
    return ['--no-index', '--find-links', this.wheels];
  }
}

function sandboxParent(): string {
  return process.env.PYENVTUI_TEST_CACHE ? path.join(process.env.PYENVTUI_TEST_CACHE, 'sandboxes') : os.tmpdir();
}

/** An empty sandbox: root/, HOME at root/home/tester, the env, and the run's test wheels. */
export async function createSandbox(opts: CreateSandboxOptions = {}): Promise<Sandbox> {
  requirePython();
  const wheels = await ensureWheels(runCacheDir());
  const parent = opts.parent ?? sandboxParent();
  await fsp.mkdir(parent, { recursive: true });
  const base = await fsp.mkdtemp(path.join(parent, 'pyenvtui-sb-'));
  const sb = new Sandbox(base, wheels);
  await fsp.mkdir(sb.home, { recursive: true });
  await fsp.mkdir(path.join(base, 'tmp'), { recursive: true });
  if (opts.aliasHostPaths !== false) await sb.aliasHostPaths();
  return sb;
}

export { DEBIAN_PYTHON };
