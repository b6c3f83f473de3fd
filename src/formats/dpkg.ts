// dpkg's database, read by one set of pure parsers: /var/lib/dpkg/info/<pkg>[:arch].list (one path per
// line), /var/lib/dpkg/diversions (triples of lines: original, diverted-to, package) and
// /var/lib/dpkg/status (control stanzas). The reading lives in discover/dpkg-index.ts (once per scan).
import { stripTrailingSlashes } from '../text/trim.js';
import { ControlScanner, relationNames } from './deb-control.js';

/** Package name from a list file name: "libpython3.11-stdlib:amd64.list" → "libpython3.11-stdlib". */
export function packageFromListFile(file: string): string | null {
  const m = /^([^:]+?)(?::[^.]+)?\.list$/.exec(file);
  return m ? m[1]! : null;
}

/**
 * Merged /usr: dpkg lists may say /bin/x or /lib/x while the file lives at /usr/bin/x.
 * Normalise so lookups by either spelling agree.
 */
export function normalizeDpkgPath(p: string): string {
  return p.replace(/^\/(bin|sbin|lib|lib32|lib64|libx32)(\/|$)/, '/usr/$1$2');
}

/** Paths of one .list file; keep(p) decides which are worth indexing (memory stays small). */
export function parseDpkgList(text: string, keep: (p: string) => boolean = () => true): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (!line || line === '/.') continue;
    const p = normalizeDpkgPath(stripTrailingSlashes(line));
    if (keep(p)) out.push(p);
  }
  return out;
}

export interface ListedPath {
  /** Normalised machine path. */
  path: string;
  /** 1-based line in the .list file. */
  line: number;
}

/**
 * The lines of a .list file (raw bytes) that end with one of `suffixes`, without decoding or splitting
 * the rest: only the matching lines become strings, each its own copy (no slice pins the file's text).
 */
export function scanDpkgList(buf: Uint8Array, suffixes: readonly string[]): ListedPath[] {
  const out: ListedPath[] = [];
  const b = Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const ends = suffixes.map((s) => Buffer.from(s, 'latin1'));
  let from = 0;
  let line = 0;
  while (from < b.length) {
    let nl = b.indexOf(10, from);
    if (nl < 0) nl = b.length;
    line++;
    let end = nl;
    while (end > from && b[end - 1] === 47) end--; // trailing slashes
    for (const e of ends) {
      if (end - from < e.length || b.compare(e, 0, e.length, end - e.length, end) !== 0) continue;
      out.push({ path: normalizeDpkgPath(b.toString('utf8', from, end)), line });
      break;
    }
    from = nl + 1;
  }
  return out;
}

export interface Diversion {
  original: string;
  divertedTo: string;
  /** ":" means a local diversion (dpkg-divert by the admin). */
  package: string;
}

export function parseDiversions(text: string): Diversion[] {
  const lines = text.split('\n');
  const out: Diversion[] = [];
  for (let i = 0; i + 2 < lines.length; i += 3) {
    const [a, b, c] = [lines[i], lines[i + 1], lines[i + 2]];
    if (!a || !b || c === undefined) continue;
    out.push({ original: a, divertedTo: b, package: c });
  }
  return out;
}

export const DPKG_STATUS = '/var/lib/dpkg/status';

export interface DpkgEntry {
  name: string;
  version?: string;
  /** Third word of Status: installed, config-files, half-installed, not-installed ... */
  state: string;
  provides: string[];
  line: number;
}

export interface DpkgStatus {
  path: string;
  entries: Map<string, DpkgEntry>;
}

const CHUNK = 64 * 1024;

/**
 * Parse dpkg status (text, or the file's bytes, fed in chunks so the decoded text never holds the whole
 * file). `keepPackage` keeps only the packages a question is about. Multi-arch duplicates keep the
 * installed one. The one status parser.
 */
export function parseDpkgStatus(input: string | Uint8Array, path = DPKG_STATUS, keepPackage: (name: string) => boolean = () => true): DpkgStatus {
  const entries = new Map<string, DpkgEntry>();
  const scanner = new ControlScanner({
    fields: ['Package', 'Status', 'Version', 'Provides'],
    keep: (f) => f.Package !== undefined && f.Package !== '' && keepPackage(f.Package),
    onStanza: ({ fields, line }) => {
      const state = (fields.Status ?? '').split(/\s+/)[2] ?? 'unknown';
      const entry: DpkgEntry = { name: fields.Package!, version: fields.Version, state, provides: relationNames(fields.Provides), line };
      const prev = entries.get(entry.name);
      if (!prev || prev.state !== 'installed') entries.set(entry.name, entry);
    },
  });
  const bytes = typeof input === 'string' ? Buffer.from(input, 'latin1') : input;
  for (let at = 0; at < bytes.length; at += CHUNK) scanner.push(bytes.subarray(at, at + CHUNK));
  scanner.end();
  return { path, entries };
}

export function isInstalled(status: DpkgStatus, name: string): boolean {
  return status.entries.get(name)?.state === 'installed';
}

/** Version of a package from a dpkg status text (the same parser as parseDpkgStatus). */
export function dpkgStatusVersion(status: string, pkg: string): string | null {
  return parseDpkgStatus(status, DPKG_STATUS, (n) => n === pkg).entries.get(pkg)?.version?.trim() ?? null;
}
