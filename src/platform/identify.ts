// From os-release fields to a distribution family and its package manager. Pure.
import type { DistroFamily, PackageManager } from './types.js';
import { idLike, type OsRelease } from './os-release.js';

const FAMILY_BY_ID: Record<string, DistroFamily> = {
  debian: 'debian',
  ubuntu: 'debian',
  raspbian: 'debian',
  linuxmint: 'debian',
  pop: 'debian',
  elementary: 'debian',
  kali: 'debian',
  devuan: 'debian',
  neon: 'debian',
  fedora: 'fedora',
  rhel: 'fedora',
  centos: 'fedora',
  rocky: 'fedora',
  almalinux: 'fedora',
  ol: 'fedora',
  amzn: 'fedora',
  arch: 'arch',
  archarm: 'arch',
  manjaro: 'arch',
  endeavouros: 'arch',
  cachyos: 'arch',
  opensuse: 'suse',
  suse: 'suse',
  sles: 'suse',
  alpine: 'alpine',
};

export const PACKAGE_MANAGER: Record<DistroFamily, PackageManager | null> = {
  debian: 'apt',
  fedora: 'dnf',
  arch: 'pacman',
  suse: 'zypper',
  alpine: 'apk',
  macos: 'brew',
  unknown: null,
};

function familyOf(id: string): DistroFamily | undefined {
  if (FAMILY_BY_ID[id]) return FAMILY_BY_ID[id];
  if (id.startsWith('opensuse')) return 'suse';
  return undefined;
}

/** The family of a Linux distribution: its own ID first, then each ID_LIKE in order. */
export function identifyFamily(rel: OsRelease): DistroFamily {
  const id = (rel.ID ?? '').toLowerCase();
  for (const candidate of [id, ...idLike(rel)]) {
    const f = familyOf(candidate);
    if (f) return f;
  }
  return 'unknown';
}

/** Package manager for a family; old RHEL-likes without dnf still answer dnf (yum accepts the same verbs). */
export function packageManagerFor(family: DistroFamily): PackageManager | null {
  return PACKAGE_MANAGER[family];
}

/** A readable name when PRETTY_NAME is missing. */
export function prettyName(rel: OsRelease): string {
  if (rel.PRETTY_NAME) return rel.PRETTY_NAME;
  const name = rel.NAME ?? rel.ID ?? 'Linux';
  return rel.VERSION ? `${name} ${rel.VERSION}` : rel.VERSION_ID ? `${name} ${rel.VERSION_ID}` : name;
}
