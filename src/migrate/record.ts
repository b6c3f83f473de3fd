// RECORD (PEP 376/627) for migration: which paths a distribution owns. This file is the one owner of
// that question: removal, backup, undo and the plan all ask it. A RECORD is data from disk, so an entry
// counts only when it resolves inside the distribution's site directory or its prefix's scripts
// directory (`../../../bin/x`); absolute paths and `../` walks anywhere else are refused and reported.
import path from 'node:path';

// Parsing is shared with discovery and the risk rules; this file adds what migration needs on top.
import type { RecordEntry } from '../formats/record.js';
import type { FileBackupSpec } from './types.js';
import { stripTrailingSlashes } from '../text/trim.js';

export { parseRecord, type RecordEntry } from '../formats/record.js';

/** The scripts directory that goes with a site (`<prefix>/lib/pythonX.Y/site-packages` → `<prefix>/bin`). */
export function scriptsDirOf(site: string): string | null {
  const m = /^(.*)\/lib(?:64)?\/(?:python[^/]*|pypy[^/]*)\/(?:site|dist)-packages$/.exec(stripTrailingSlashes(site));
  return m ? `${m[1] || ''}/bin` : null;
}

/** `p` is `dir` or inside it (lexically). */
export function isInside(p: string, dir: string): boolean {
  const d = dir.endsWith('/') ? dir : `${dir}/`;
  return p === dir || p.startsWith(d);
}

export type Confined = { host: string } | { refused: string; why: string };

/** Resolve one RECORD entry against the site; refused unless it stays in the site or the scripts dir. */
export function confineEntry(spec: Pick<FileBackupSpec, 'siteHost' | 'rootHost'>, entry: string): Confined {
  if (entry.includes('\0')) return { refused: entry, why: 'contains a NUL byte' };
  const site = stripTrailingSlashes(spec.siteHost);
  const host = path.posix.resolve(site, entry);
  const scripts = scriptsDirOf(site);
  if (spec.rootHost && spec.rootHost !== '/' && !isInside(host, spec.rootHost)) return { refused: entry, why: 'outside the scanned root' };
  if (host === site) return { refused: entry, why: 'is the site directory itself' };
  if (isInside(host, site)) return { host };
  if (scripts && isInside(host, scripts) && host !== scripts && path.posix.dirname(host) === scripts) return { host };
  return { refused: entry, why: entry.startsWith('/') ? 'absolute path outside the site' : 'leads outside the site and its scripts directory' };
}

/** Owned paths (host) of the entries, and the entries refused with the reason. */
export function ownedFiles(spec: Pick<FileBackupSpec, 'siteHost' | 'rootHost'>, entries: RecordEntry[]): { files: string[]; refused: { entry: string; why: string }[] } {
  const seen = new Set<string>();
  const refused: { entry: string; why: string }[] = [];
  for (const e of entries) {
    const c = confineEntry(spec, e.path);
    if ('host' in c) seen.add(c.host);
    else refused.push({ entry: c.refused, why: c.why });
  }
  return { files: [...seen], refused };
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
