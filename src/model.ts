// The shared vocabulary of pyenvtui. Pure types and tiny pure helpers: imports nothing.
//
// Every path stored in these types is a *machine path*: the path as seen on the scanned machine
// (inside `ScanContext.root`), never a host path. `ScanContext.hostPath()` converts when needed.

/** Kinds of environment pyenvtui recognises. */
export const ENV_KINDS = [
  'system',
  'homebrew',
  'venv',
  'virtualenvwrapper',
  'poetry',
  'pipenv',
  'hatch',
  'pdm',
  'uv-project',
  'pipx',
  'uv-tool',
  'uv-python',
  'conda',
  'pyenv',
  'pyenv-virtualenv',
  'mise',
  'asdf',
] as const;
export type EnvKind = (typeof ENV_KINDS)[number];

/**
 * Where a distribution lives relative to its interpreter:
 * distro = the OS package manager's directory (/usr/lib/python3/dist-packages),
 * local = the admin's site (/usr/local/lib/python3.X/dist-packages, `sudo pip`),
 * user = the per-user site (~/.local/lib/python3.X/site-packages, `pip --user`),
 * env = inside an isolated environment (venv, conda env, pyenv version, pipx venv, ...).
 */
export type Scope = 'distro' | 'local' | 'user' | 'env';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** A directory on sys.path that holds distributions. */
export interface SiteDir {
  path: string;
  scope: Scope;
  /** Position on the interpreter's sys.path (0 = searched first). */
  order: number;
  /** Ids of every environment whose sys.path holds this directory, when more than one does (owner first). */
  readers?: string[];
  /**
   * Id of the environment whose `packages` list this site's distributions, when it is not this one
   * (a shared site is listed once; see discover/shared-sites.ts).
   */
  packagesIn?: string;
}

/** One installed distribution (a *.dist-info or *.egg-info directory). */
export interface Distribution {
  /** PEP 503 normalised name (lowercase, runs of -_. become -). */
  name: string;
  /** Name as written in METADATA. */
  displayName: string;
  version: string;
  /** Contents of INSTALLER ("pip", "uv", "conda", ...), "debian" when dpkg owns it, or null. */
  installer: string | null;
  requested: boolean;
  /** console_scripts and gui_scripts names from entry_points.txt. */
  scripts: string[];
  scope: Scope;
  /** Site directory that holds it (machine path). */
  site: string;
  /** The .dist-info / .egg-info path (machine path). */
  metadataPath: string;
  format: 'dist-info' | 'egg-info';
  /** Requires-Dist lines, verbatim (PEP 508). */
  requires: string[];
  summary?: string;
  /** From direct_url.json. */
  editable?: boolean;
  url?: string;
  hasRecord: boolean;
  /** Debian package owning the metadata directory, when dpkg says so. */
  dpkgPackage?: string;
  /** Problems reading this distribution (corrupt METADATA, ...). */
  problems?: string[];
  /**
   * Other metadata dirs of the same name in the same site, which Python and pip ignore (Debian's
   * python3-cryptography ships a .dist-info and an .egg-info): listed here, not as packages.
   */
  ignoredCopies?: string[];
  /** What to do with it (only for packages in a global scope); filled by guidance. */
  advice?: Advice;
}

/** The PEP 668 playbook applied to one package. */
export interface Advice {
  /** `remove-copy`: the tool is already installed with pipx; this global copy only shadows it. */
  action: 'pipx' | 'uv-tool' | 'venv' | 'distro' | 'keep' | 'container' | 'remove-copy';
  /** One line: why this action. */
  reason: string;
  /** Distro package that provides the same project (from the local package lists). */
  distroPackage?: { manager: string; name: string; version?: string };
  /** An existing venv that already uses this package (machine path). */
  venv?: string;
  /** The command to run, when there is one. */
  command?: string;
}

export interface PythonInfo {
  version: string | null;
  /** Interpreter path inside the environment (machine path). */
  executable: string | null;
  /** Base interpreter a venv points at (pyvenv.cfg home/executable), when known. */
  base?: string | null;
}

export interface Health {
  ok: boolean;
  problems: string[];
  /**
   * Why the environment's interpreter cannot start (missing or dangling bin/python, base interpreter
   * named by pyvenv.cfg gone), when that is the case. Absent: the interpreter looks runnable, and any
   * problems are about metadata or permissions, which a rebuild would not fix.
   */
  cannotRun?: string;
}

export interface Environment {
  /** Stable id: `${kind}:${prefix}`. */
  id: string;
  kind: EnvKind;
  /** Short human name (tool name, project name, version, ...). */
  name: string;
  prefix: string;
  python: PythonInfo;
  /** PEP 668: not a venv and EXTERNALLY-MANAGED present in its stdlib dir. */
  externallyManaged: boolean;
  /** Path of the EXTERNALLY-MANAGED marker when present. */
  markerPath?: string | null;
  /** pyvenv.cfg include-system-site-packages. */
  systemSitePackages: boolean;
  health: Health;
  sites: SiteDir[];
  packages: Distribution[];
  /** Bytes on disk; undefined until computed (sizes are lazy). */
  sizeBytes?: number;
  /** CPU architecture of the interpreter, when a file says so (conda-meta `subdir`, a uv Python's name). */
  arch?: string | null;
  /** The tool that manages the environment and its version, when files say so (conda-meta, pyvenv.cfg). */
  manager?: { tool: string; version: string | null; executable?: string | null };
  /** Kind-specific facts (pipx main package and apps, project dir, conda name, ...). */
  meta?: Record<string, unknown>;
  /**
   * Environments made from a base interpreter (venvs, pipx/uv tools, pyenv-virtualenvs, ...): the id of
   * the interpreter environment it was made from (pyvenv.cfg home), or null when that interpreter is not
   * on this machine (removed, moved, or not one pyenvtui knows). Absent for interpreters themselves.
   */
  builtOn?: string | null;
  /** Interpreters: ids of the environments built on this one (what breaks if it is removed). */
  dependents?: string[];
}

/** A command on PATH and the copies it hides. */
export interface PathCommand {
  name: string;
  /** Winning path (machine path). */
  path: string;
  /** Target after following symlinks, when different. */
  target?: string;
  /** Later copies with the same name on PATH. */
  shadows: string[];
  /**
   * When the winner is a pyenv shim: what it really runs, as `pyenv which` would answer (shim →
   * version file → interpreter), without running the shim.
   */
  pyenv?: { version: string; source: string | null; runs: string | null; problem?: string };
}

export interface PathResolution {
  dirs: string[];
  python: PathCommand | null;
  python3: PathCommand | null;
  pip: PathCommand | null;
  pip3: PathCommand | null;
  /** Console scripts of discovered distributions as resolved on PATH. */
  commands: PathCommand[];
}

/** Something a locator could not read; never fatal. */
export interface ScanProblem {
  locator: string;
  path?: string;
  message: string;
}

export interface Evidence {
  path?: string;
  line?: number;
  /** Environment variable name, when the evidence is a variable. */
  env?: string;
  detail: string;
}

export interface Finding {
  /** Stable kebab-case rule id. */
  rule: string;
  severity: Severity;
  title: string;
  environment?: string;
  package?: string;
  evidence: Evidence[];
  /** Exact commands or edits that fix it. */
  fix: string[];
}

export interface Inventory {
  schema: 'pyenvtui/inventory@1';
  generatedAt: string;
  /** Host directory scanned as "/". */
  root: string;
  host: string;
  platform: string;
  arch: string;
  home: string;
  /** Every home scanned for per-user environments (all users' homes under an image root). */
  homes?: string[];
  environments: Environment[];
  path: PathResolution;
  problems: ScanProblem[];
  findings?: Finding[];
  /** What was assumed about where pyenvtui runs (host or throwaway container) and why; set by analysis. */
  context?: { assumed: 'host' | 'container'; runtime: string | null; why: string; source: 'detected' | 'flag' | 'env' };
}

/** `X.Y` of a Python version string (`3.12.1` → `3.12`), or null when it has none. */
export function minorVersion(v: string | null | undefined): string | null {
  return /^(\d+\.\d+)/.exec(v ?? '')?.[1] ?? null;
}

/** PEP 503 name normalisation. */
export function normalizeName(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

/** A valid distribution name per PEP 508 (letters, digits, . _ -; starts and ends alphanumeric). */
export function isValidDistName(name: string): boolean {
  return /^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$/i.test(name);
}

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

export function envId(kind: EnvKind, prefix: string): string {
  return `${kind}:${prefix}`;
}
