// dpkg's database: /var/lib/dpkg/info/<pkg>[:arch].list (one path per line) and /var/lib/dpkg/diversions
// (triples of lines: original, diverted-to, package). Pure parsers; the reading lives in discover/dpkg-index.ts.
import { stripTrailingSlashes } from '../text/trim.js';

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

/** Version of a package from /var/lib/dpkg/status (stanzas separated by blank lines). */
export function dpkgStatusVersion(status: string, pkg: string): string | null {
  const re = new RegExp(`^Package: ${pkg.replace(/[.+]/g, '\\$&')}\\n(?:[^\\n]+\\n)*?Version: ([^\\n]+)`, 'm');
  const m = re.exec(status);
  return m ? m[1]!.trim() : null;
}
