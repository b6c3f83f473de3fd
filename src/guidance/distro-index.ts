// "Does the distribution package this PyPI project?", answered offline from the local package
// lists. apt lists are read today; other managers answer "unknown" (null index) rather than guess.
import type { ScanContext } from '../context/scan-context.js';
import { normalizeName } from '../model.js';
import type { Platform } from '../platform/types.js';
import { loadAptIndex, type AptIndex, type AptPackage } from './apt-lists.js';
import { debianCandidates } from './naming.js';

export interface DistroMatch {
  manager: string;
  name: string;
  version?: string;
  /** How the match was made: the conventional name, the source package, or a Provides. */
  via: 'name' | 'source' | 'provides';
  /** List file and line of the stanza. */
  path?: string;
  line?: number;
}

export interface DistroIndex {
  manager: string;
  lookup(pypiName: string): DistroMatch | null;
  /** A package of this exact name is in the lists. */
  has(pkg: string): boolean;
  /** Lists read (machine paths) and the ones that failed. */
  lists: string[];
  problems: Array<{ path: string; message: string }>;
}

/** Binary packages worth offering for a library (not -dbg, -doc, -dev helpers). */
function isPlainModule(name: string): boolean {
  return name.startsWith('python3-') && !/-(dbg|doc|dev|tests?|examples)$/.test(name);
}

/** Build a lookup over an apt index (pure). */
export function aptLookup(index: AptIndex): DistroIndex {
  const bySource = new Map<string, AptPackage[]>();
  const byProvides = new Map<string, AptPackage>();
  for (const pkg of index.packages.values()) {
    if (!isPlainModule(pkg.name)) continue;
    // Debian sources are named after the upstream project (pyyaml, python-attrs, beautifulsoup4).
    const src = normalizeName(pkg.source);
    for (const key of new Set([src, src.replace(/^python-/, ''), src.replace(/-python$/, '')])) {
      const list = bySource.get(key) ?? [];
      list.push(pkg);
      bySource.set(key, list);
    }
    for (const p of pkg.provides) if (p.startsWith('python3-') && !byProvides.has(p)) byProvides.set(p, pkg);
  }
  const match = (pkg: AptPackage, via: DistroMatch['via']): DistroMatch => ({ manager: 'apt', name: pkg.name, version: pkg.version, via, path: pkg.list, line: pkg.line });
  return {
    manager: 'apt',
    lists: index.lists,
    problems: index.problems,
    has: (name) => index.packages.has(name),
    lookup(pypiName) {
      const candidates = debianCandidates(pypiName);
      for (const c of candidates) {
        const pkg = index.packages.get(c);
        if (pkg) return match(pkg, 'name');
      }
      const n = normalizeName(pypiName);
      const fromSource = bySource.get(n);
      if (fromSource?.length) {
        // Several binaries from one source (python3-foo, python3-foo-extra): the shortest name is the module.
        const best = [...fromSource].sort((a, b) => a.name.length - b.name.length || a.name.localeCompare(b.name))[0]!;
        return match(best, 'source');
      }
      for (const c of candidates) {
        const pkg = byProvides.get(c);
        if (pkg) return match(pkg, 'provides');
      }
      return null;
    },
  };
}

/** Load the distro package index for the platform, or null when there is none to read offline. */
export async function loadDistroIndex(ctx: ScanContext, platform: Platform): Promise<DistroIndex | null> {
  if (platform.packageManager === 'apt') {
    const apt = await loadAptIndex(ctx);
    if (apt.lists.length === 0 && apt.problems.length === 0) return null;
    return aptLookup(apt);
  }
  return null;
}
