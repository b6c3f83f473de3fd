// RECORD (PEP 376/627): CSV of path, hash, size. Pure parsing and path resolution.
import path from 'node:path';

export interface RecordEntry {
  /** Path as written, relative to the site directory (may start with ../ for scripts). */
  path: string;
  /** `sha256=<urlsafe b64, no padding>` or ''. */
  hash: string;
  size: number | null;
}

/** Parse RECORD text; tolerates quoted fields (commas in file names) and blank lines. */
export function parseRecord(text: string): RecordEntry[] {
  const out: RecordEntry[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const fields = splitCsvLine(line);
    const p = fields[0] ?? '';
    if (!p) continue;
    const size = fields[2] ? Number(fields[2]) : null;
    out.push({ path: p, hash: fields[1] ?? '', size: Number.isFinite(size) ? size : null });
  }
  return out;
}

function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(cur);
      cur = '';
    } else cur += c;
  }
  fields.push(cur);
  return fields;
}

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
