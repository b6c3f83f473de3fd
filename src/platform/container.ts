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
  /** /run/systemd/container (systemd writes the manager's name: systemd-nspawn, lxc, docker, podman ...). */
  systemdContainer?: string | null;
  /** `container=` from /proc/1/environ (what the manager gave PID 1), null when unreadable. */
  pid1Container?: string | null;
  /** /proc/1/comm: the name of PID 1, null when unreadable (always, under --root). */
  pid1Comm?: string | null;
  /** A dev container says so in the environment (REMOTE_CONTAINERS, CODESPACES, DEVCONTAINER). */
  devcontainerEnv?: string | null;
}

/** What pyenvtui assumed about where it runs, and why (shown in the header and by doctor). */
export interface ContextDecision {
  /** `container` = a throwaway application container, where pip into the system Python is acceptable. */
  assumed: 'host' | 'container';
  runtime: ContainerKind | null;
  why: string;
  path?: string;
  source: 'detected' | 'flag' | 'env';
}

/** Real init systems: a container whose PID 1 is one of these is a whole machine that lives on. */
const INITS = new Set(['systemd', 'init', 'runit', 'openrc-init', 's6-svscan', 'upstart', 'launchd']);
/** Managers of system containers (a whole OS with its own init: LXC, Incus, Proxmox CT, nspawn). */
const SYSTEM_MANAGERS = /^(systemd-nspawn|lxc|lxc-libvirt|incus|lxd|proxmox|pve)/i;

function kindOf(manager: string): ContainerKind {
  const m = manager.toLowerCase();
  if (m.startsWith('podman')) return 'podman';
  if (m === 'docker') return 'docker';
  if (m.startsWith('systemd-nspawn')) return 'nspawn';
  if (SYSTEM_MANAGERS.test(m)) return 'lxc';
  return 'container';
}

/**
 * Where pyenvtui runs: a throwaway application container or a host. `/.dockerenv` alone is not
 * enough (dev containers, `docker run` of a full OS with systemd, and some VMs carry it): a container
 * is assumed only when the runtime says so and PID 1 is not an init system. System containers (LXC,
 * Incus, Proxmox, systemd-nspawn) and dev containers are hosts: people live in them for months.
 */
export function decideContext(s: ContainerSignals): ContextDecision {
  const pid1 = s.pid1Comm?.trim() || null;
  const init = pid1 !== null && INITS.has(pid1);
  const host = (runtime: ContainerKind | null, why: string, path?: string): ContextDecision => ({ assumed: 'host', runtime, why, source: 'detected', ...(path ? { path } : {}) });
  const box = (runtime: ContainerKind, why: string, path?: string): ContextDecision => ({ assumed: 'container', runtime, why, source: 'detected', ...(path ? { path } : {}) });
  if (s.devcontainerEnv) return host('devcontainer', `a dev container (${s.devcontainerEnv}): a long-lived workspace, treated as a host`);
  const manager = s.systemdContainer?.trim() || s.pid1Container?.trim() || s.envContainer?.trim() || '';
  const managerWhere = s.systemdContainer?.trim() ? '/run/systemd/container' : s.pid1Container?.trim() ? '/proc/1/environ' : undefined;
  if (manager && SYSTEM_MANAGERS.test(manager)) {
    return host(kindOf(manager), `a system container (${manager}) runs a whole OS: treated as a host`, managerWhere);
  }
  const withInit = (runtime: ContainerKind, what: string, path?: string): ContextDecision =>
    init
      ? host(runtime, `${what}, but PID 1 is ${pid1} (an init system): a long-lived machine, treated as a host`, path)
      : pid1 !== null
        ? box(runtime, `${what} and PID 1 is ${pid1}, not an init system: a throwaway container`, path)
        : host(runtime, `${what}, but PID 1 cannot be read: not enough to call it throwaway, treated as a host (say --context container if it is)`, path);
  if (manager) return withInit(kindOf(manager), `container=${manager}`, managerWhere);
  if (s.containerenv !== null) return withInit('podman', 'podman/buildah marker /run/.containerenv', '/run/.containerenv');
  if (s.cgroup) {
    // cgroup v1 paths name the runtime; cgroup v2 inside a container is just "0::/" and says nothing.
    if (/\/kubepods/.test(s.cgroup)) return withInit('kubernetes', 'kubepods in /proc/1/cgroup', '/proc/1/cgroup');
    if (/\/(docker|containerd)[/-]/.test(s.cgroup)) return withInit('docker', 'docker in /proc/1/cgroup', '/proc/1/cgroup');
    if (/libpod/.test(s.cgroup)) return withInit('podman', 'libpod in /proc/1/cgroup', '/proc/1/cgroup');
    if (/\/lxc[/.]/.test(s.cgroup)) return host('lxc', 'lxc in /proc/1/cgroup: a system container, treated as a host', '/proc/1/cgroup');
  }
  if (s.dockerenv) return withInit('docker', 'Docker marker /.dockerenv', '/.dockerenv');
  return host(null, 'no container runtime detected');
}

/** Which container runtime, if any, with the reason (null when pyenvtui assumes a host). */
export function containerFrom(s: ContainerSignals): { kind: ContainerKind; why: string; path?: string } | null {
  const d = decideContext(s);
  if (d.assumed !== 'container' || !d.runtime) return null;
  return { kind: d.runtime, why: d.why, ...(d.path ? { path: d.path } : {}) };
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
