// What pyenvtui knows about the scanned machine's operating system. Every fix it prints is
// phrased for this platform (apt vs dnf vs pacman ..., sudo or not).
import type { Evidence } from '../model.js';

/** Distribution families that share a package manager and Python package naming. */
export type DistroFamily = 'debian' | 'fedora' | 'arch' | 'suse' | 'alpine' | 'macos' | 'unknown';

export type PackageManager = 'apt' | 'dnf' | 'pacman' | 'zypper' | 'apk' | 'brew';

export type ContainerKind = 'docker' | 'podman' | 'kubernetes' | 'lxc' | 'nspawn' | 'devcontainer' | 'container';

export interface Platform {
  os: 'linux' | 'darwin' | 'other';
  family: DistroFamily;
  /** os-release ID (`debian`, `ubuntu`, `raspbian`, `fedora`, ...) or `macos`. */
  id: string;
  idLike: string[];
  /** PRETTY_NAME, or a built name when missing. */
  name: string;
  versionId?: string;
  codename?: string;
  /** The package manager fixes use; null when unknown (fixes then describe the package instead). */
  packageManager: PackageManager | null;
  raspberryPi: { model?: string } | null;
  wsl: { version: 1 | 2 | null; distro?: string } | null;
  /** Inside a throwaway container (Docker, Podman, ...): only when `context.assumed` is `container`. */
  container: { kind: ContainerKind } | null;
  /** What was assumed about where pyenvtui runs, and why (`--context`, PYENVTUI_CONTEXT, or detection). */
  context: {
    assumed: 'host' | 'container';
    /** The runtime seen, even when the machine is treated as a host (lxc, nspawn, devcontainer, docker). */
    runtime: ContainerKind | null;
    why: string;
    source: 'detected' | 'flag' | 'env';
  };
  /** Homebrew prefix when brew is installed (macOS, or Linuxbrew). */
  homebrew: { prefix: string } | null;
  /** Prefix commands with sudo (false as root inside a container, where sudo is usually absent, and for brew). */
  sudo: boolean;
  /** Files and variables that made it so. */
  evidence: Evidence[];
}
