// How each distribution names the package of a PyPI project, and which packages provide the
// tools the PEP 668 playbook relies on (venv, pipx, the stdlib that owns the marker). Pure.
import { normalizeName } from '../model.js';
import type { Platform } from '../platform/types.js';

/** "3.11.2" → "3.11"; null when unknown. */
export function minorOf(version: string | null | undefined): string | null {
  const m = /^(\d+)\.(\d+)/.exec(version ?? '');
  return m ? `${m[1]}.${m[2]}` : null;
}

/**
 * Distro package name a PyPI project is conventionally shipped under, or null where the
 * platform has no such convention (Homebrew ships applications, not libraries).
 * openSUSE builds one package per Python flavour (python311-foo); give the interpreter version when known.
 */
export function distroPackageName(platform: Platform, pypiName: string, pythonVersion?: string | null): string | null {
  const n = normalizeName(pypiName);
  switch (platform.family) {
    case 'debian':
    case 'fedora':
      return `python3-${n}`;
    case 'arch':
      return `python-${n}`;
    case 'alpine':
      return `py3-${n}`;
    case 'suse': {
      const minor = minorOf(pythonVersion);
      return minor ? `python${minor.replace('.', '')}-${n}` : `python3-${n}`;
    }
    default:
      return null;
  }
}

/** Debian names to try for a PyPI project, most likely first (python-dateutil → python3-dateutil). */
export function debianCandidates(pypiName: string): string[] {
  const n = normalizeName(pypiName);
  const out = [`python3-${n}`];
  // Debian keeps dots (python3-zope.interface, python3-rpi.gpio); PEP 503 turns them into dashes.
  const dotted = pypiName.toLowerCase().replace(/_+/g, '-');
  if (dotted !== n && /^[a-z0-9][a-z0-9.+-]*$/.test(dotted)) out.push(`python3-${dotted}`);
  if (n.startsWith('python-')) out.push(`python3-${n.slice(7)}`);
  if (n.endsWith('-python')) out.push(`python3-${n.slice(0, -7)}`);
  return out;
}

/** Package that makes `python3 -m venv` work (venv module plus ensurepip and its wheels). */
export function venvPackage(platform: Platform, pythonVersion: string | null, isDefault: boolean): string | null {
  const minor = minorOf(pythonVersion);
  switch (platform.family) {
    case 'debian':
      return isDefault || !minor ? 'python3-venv' : `python${minor}-venv`;
    case 'fedora':
      return 'python3-libs';
    case 'arch':
      return 'python';
    case 'suse':
      return minor ? `python${minor.replace('.', '')}` : 'python3';
    case 'alpine':
      return 'python3';
    case 'macos':
      return minor ? `python@${minor}` : 'python3';
    default:
      return null;
  }
}

/** Package that ships pipx. */
export function pipxPackage(platform: Platform): string | null {
  switch (platform.family) {
    case 'arch':
      return 'python-pipx';
    case 'suse':
      return 'python3-pipx';
    case 'unknown':
      return null;
    default:
      return 'pipx';
  }
}

/** Package that owns the stdlib and so the EXTERNALLY-MANAGED marker. */
export function stdlibPackage(platform: Platform, pythonVersion: string | null): string | null {
  const minor = minorOf(pythonVersion);
  switch (platform.family) {
    case 'debian':
      return minor ? `libpython${minor}-stdlib` : 'libpython3-stdlib';
    case 'fedora':
      return 'python3-libs';
    case 'arch':
      return 'python';
    case 'suse':
      return minor ? `python${minor.replace('.', '')}-base` : 'python3-base';
    case 'alpine':
      return 'python3';
    case 'macos':
      return minor ? `python@${minor}` : 'python3';
    default:
      return null;
  }
}
