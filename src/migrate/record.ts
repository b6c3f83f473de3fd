// RECORD (PEP 376/627) for migration: path resolution, what a wheel leaves out, what a distribution owns.
import path from 'node:path';

// Parsing is shared with discovery and the risk rules; this file adds what migration needs on top.
import type { RecordEntry } from '../formats/record.js';

export { parseRecord, type RecordEntry } from '../formats/record.js';

/** Absolute path of a RECORD entry (RECORD paths are relative to the site dir, or absolute). */
export function resolveRecordPath(site: string, p: string): string {
  return path.posix.resolve(site, p);
}

/** Files that must not go into a rebuilt wheel (pip regenerates them or they are install-time only). */
export function excludedFromWheel(p: string, distInfoName: string): boolean {
  if (p.startsWith('../') || p.startsWith('/')) return true;
  if (p.split('/').includes('__pycache__') || p.endsWith('.pyc')) return true;
  const base = `${distInfoName}/`;
  if (p.startsWith(base)) {
    const f = p.slice(base.length);
    return ['INSTALLER', 'REQUESTED', 'direct_url.json', 'RECORD'].includes(f);
  }
  return false;
}

/** The files an installed distribution owns: RECORD entries plus the .pyc files Python writes beside .py. */
export function ownedFiles(site: string, entries: RecordEntry[]): string[] {
  const seen = new Set<string>();
  for (const e of entries) seen.add(resolveRecordPath(site, e.path));
  return [...seen];
}

/** Directories under the site dir that only this distribution's files justify (deepest first). */
export function ownedDirs(site: string, files: string[]): string[] {
  const dirs = new Set<string>();
  for (const f of files) {
    let d = path.posix.dirname(f);
    while (d.startsWith(site + '/') && d !== site) {
      dirs.add(d);
      d = path.posix.dirname(d);
    }
  }
  return [...dirs].sort((a, b) => b.length - a.length);
}
