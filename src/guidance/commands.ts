// Fix commands phrased for the scanned platform: `sudo apt install python3-venv`,
// `sudo dnf install python3-requests`, `sudo pacman -S python-pipx`, `brew install pipx` ...
// Other modules (risk rules, the migration wizard, doctor) build every fix string through these
// helpers so one platform decision covers the whole app. Pure.
import { isValidDistName, type Severity } from '../model.js';
import type { PackageManager, Platform } from '../platform/types.js';
import { shellQuote } from '../text/shell.js';
import { distroPackageName, pipxPackage, stdlibPackage, venvPackage } from './naming.js';

export type FixAction =
  | { installPackage: string | string[] }
  | { reinstallPackage: string | string[] }
  | { removePackage: string | string[] }
  /** The distro package of a PyPI project (python3-foo / python-foo / py3-foo ...). */
  | { installPypi: string; pythonVersion?: string | null }
  | { installPipx: true }
  | { installVenv: { pythonVersion: string | null; isDefault?: boolean } }
  | { reinstallStdlib: { pythonVersion: string | null } }
  | { pipxInstall: string; version?: string; python?: string }
  | { ensurePath: true };

const VERBS: Record<PackageManager, { install: string; reinstall: string; remove: string }> = {
  apt: { install: 'apt install', reinstall: 'apt install --reinstall', remove: 'apt remove' },
  dnf: { install: 'dnf install', reinstall: 'dnf reinstall', remove: 'dnf remove' },
  pacman: { install: 'pacman -S', reinstall: 'pacman -S', remove: 'pacman -R' },
  zypper: { install: 'zypper install', reinstall: 'zypper install --force', remove: 'zypper remove' },
  apk: { install: 'apk add', reinstall: 'apk fix', remove: 'apk del' },
  brew: { install: 'brew install', reinstall: 'brew reinstall', remove: 'brew uninstall' },
};

export { shellQuote };

/** `name==version` as a quoted requirement, refusing names that are not valid distribution names. */
export function requirement(name: string, version?: string): string {
  if (!isValidDistName(name)) throw new Error(`not a valid distribution name: ${JSON.stringify(name)}`);
  return shellQuote(version ? `${name}==${version}` : name);
}

function sudo(platform: Platform, cmd: string): string {
  return platform.sudo && platform.packageManager !== 'brew' ? `sudo ${cmd}` : cmd;
}

function pm(platform: Platform, verb: 'install' | 'reinstall' | 'remove', pkgs: string | string[]): string {
  const list = (Array.isArray(pkgs) ? pkgs : [pkgs]).map(shellQuote).join(' ');
  if (!platform.packageManager) return `install ${list} with your distribution's package manager`;
  return sudo(platform, `${VERBS[platform.packageManager][verb]} ${list}`);
}

/** `sudo apt install python3-venv` for this platform. */
export function installCommand(platform: Platform, pkgs: string | string[]): string {
  return pm(platform, 'install', pkgs);
}

export function reinstallCommand(platform: Platform, pkgs: string | string[]): string {
  return pm(platform, 'reinstall', pkgs);
}

export function removeCommand(platform: Platform, pkgs: string | string[]): string {
  return pm(platform, 'remove', pkgs);
}

/** One fix command for an action, phrased for the platform. */
export function fixCommand(platform: Platform, action: FixAction): string {
  if ('installPackage' in action) return installCommand(platform, action.installPackage);
  if ('reinstallPackage' in action) return reinstallCommand(platform, action.reinstallPackage);
  if ('removePackage' in action) return removeCommand(platform, action.removePackage);
  if ('installPypi' in action) {
    const name = distroPackageName(platform, action.installPypi, action.pythonVersion);
    return name ? installCommand(platform, name) : `python3 -m venv .venv && .venv/bin/python -m pip install ${requirement(action.installPypi)}`;
  }
  if ('installPipx' in action) {
    const name = pipxPackage(platform);
    return name ? installCommand(platform, name) : 'python3 -m pip install --user pipx';
  }
  if ('installVenv' in action) {
    const name = venvPackage(platform, action.installVenv.pythonVersion, action.installVenv.isDefault ?? true);
    return name ? installCommand(platform, name) : 'install the venv module for this Python (python3 -m venv must work)';
  }
  if ('reinstallStdlib' in action) {
    const name = stdlibPackage(platform, action.reinstallStdlib.pythonVersion);
    return name ? reinstallCommand(platform, name) : 'reinstall this Python with the tool that installed it';
  }
  if ('pipxInstall' in action) {
    const py = action.python ? ` --python ${shellQuote(action.python)}` : '';
    return `pipx install ${requirement(action.pipxInstall, action.version)}${py}`;
  }
  return 'pipx ensurepath';
}

/** The commands that put pipx's bin directory on PATH; the change shows up in a new shell. */
export function ensurePathCommands(): string[] {
  return ['pipx ensurepath', 'exec "$SHELL" -l   # or open a new terminal'];
}

/** The Dockerfile pattern for Python packages in an image: one venv, first on PATH. */
export const DOCKERFILE_VENV: readonly string[] = ['RUN python3 -m venv /opt/venv', 'ENV PATH=/opt/venv/bin:$PATH'];

/** A Dockerfile line that installs a package into the image's venv. */
export function dockerfileInstall(name: string, version?: string): string {
  return `RUN python3 -m venv /opt/venv && /opt/venv/bin/pip install ${requirement(name, version)}`;
}

/** Inside Docker/Podman: the machine is throwaway, so break-system-packages is acceptable. */
export function isThrowawayContainer(platform: Platform): boolean {
  return platform.container !== null;
}

/** Severity for break-system-packages style findings: `low` inside a throwaway container. */
export function containerSeverity(platform: Platform, severity: Severity): Severity {
  return isThrowawayContainer(platform) ? 'low' : severity;
}

/** Human name of the package manager ("apt", "dnf", ...), or "the package manager". */
export function managerName(platform: Platform): string {
  return platform.packageManager ?? 'the package manager';
}
