// Throwaway-container and WSL detection from the files those runtimes leave. Pure functions over
// file contents; detect.ts does the reading.
import type { ContainerKind } from './types.js';

export interface ContainerSignals {
  dockerenv: boolean;
  /** Contents of /run/.containerenv (podman writes engine="podman-x.y"), null when absent. */
  containerenv: string | null;
  /** Contents of /proc/1/cgroup, null when unreadable. */
  cgroup: string | null;
  /** The `container` environment variable (podman, systemd-nspawn, lxc set it). */
  envContainer?: string;
}

/** Which container runtime, if any, with the reason. */
export function containerFrom(s: ContainerSignals): { kind: ContainerKind; why: string; path?: string } | null {
  if (s.containerenv !== null) {
    return { kind: 'podman', why: 'podman/buildah marker /run/.containerenv', path: '/run/.containerenv' };
  }
  if (s.dockerenv) return { kind: 'docker', why: 'Docker marker /.dockerenv', path: '/.dockerenv' };
  if (s.cgroup) {
    // cgroup v1 paths name the runtime; cgroup v2 inside a container is just "0::/" and says nothing.
    if (/\/kubepods/.test(s.cgroup)) return { kind: 'kubernetes', why: 'kubepods in /proc/1/cgroup', path: '/proc/1/cgroup' };
    if (/\/(docker|containerd)[/-]/.test(s.cgroup)) return { kind: 'docker', why: 'docker in /proc/1/cgroup', path: '/proc/1/cgroup' };
    if (/libpod/.test(s.cgroup)) return { kind: 'podman', why: 'libpod in /proc/1/cgroup', path: '/proc/1/cgroup' };
    if (/\/lxc[/.]/.test(s.cgroup)) return { kind: 'lxc', why: 'lxc in /proc/1/cgroup', path: '/proc/1/cgroup' };
  }
  const env = s.envContainer?.toLowerCase();
  if (env) {
    const kind: ContainerKind = env === 'podman' ? 'podman' : env === 'docker' ? 'docker' : env.startsWith('lxc') ? 'lxc' : 'container';
    return { kind, why: `container=${s.envContainer} in the environment` };
  }
  return null;
}

/** WSL from /proc/version ("Microsoft" on WSL 1, "microsoft-standard-WSL2" on WSL 2) or WSL_DISTRO_NAME. */
export function wslFrom(procVersion: string | null, distroName: string | undefined): { version: 1 | 2 | null; distro?: string } | null {
  const mentions = procVersion !== null && /microsoft/i.test(procVersion);
  if (!mentions && !distroName) return null;
  let version: 1 | 2 | null = null;
  if (procVersion && /WSL2|microsoft-standard/i.test(procVersion)) version = 2;
  else if (procVersion && /Microsoft/.test(procVersion)) version = 1;
  return distroName ? { version, distro: distroName } : { version };
}

/** The model string of /proc/device-tree/model (NUL-terminated) when it is a Raspberry Pi. */
export function raspberryPiModel(model: string | null): string | null {
  if (!model) return null;
  const clean = model.replace(/\0+$/g, '').trim();
  return /^Raspberry Pi/.test(clean) ? clean : null;
}
