// dpkg's database, read once per scan and only as far as the questions need:
// - ownership: every /var/lib/dpkg/info/*.list is scanned as bytes for the lines naming a distribution's
//   metadata (`*.dist-info`, `*.egg-info`) or a PEP 668 marker; nothing else is decoded or kept. Cached
//   in the cache dir, keyed by the lists' mtimes and sizes and the status file's mtime (one stat per list).
// - status: /var/lib/dpkg/status streamed through the control scanner, keeping Python's packages only
//   (the questions are python3.X-venv, python3.X-minimal, libpython3.X-minimal).
// - diversions.
// Every consumer (discovery, risk facts, prerequisites) asks these memoised values; none reads dpkg itself.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { ScanContext } from '../context/scan-context.js';
import { LIMITS } from '../formats/bounded-read.js';
import { DPKG_STATUS, normalizeDpkgPath, packageFromListFile, parseDiversions, scanDpkgList, parseDpkgStatus, type Diversion, type DpkgStatus } from '../formats/dpkg.js';

export interface DpkgListing {
  package: string;
  /** Machine path of the .list file and the 1-based line naming the path. */
  list: string;
  line: number;
}

export interface DpkgIndex {
  /** Owning package of a distribution's metadata dir or a marker (normalised for merged /usr), if any. */
  owner(path: string): string | undefined;
  /** Where dpkg lists that path (package, .list file and line). */
  listing(path: string): DpkgListing | undefined;
  diversions: Diversion[];
  /** False when the machine has no dpkg database. */
  present: boolean;
}

const INFO = '/var/lib/dpkg/info';
/** The only paths ownership questions are asked about. */
export const OWNED_SUFFIXES = ['.dist-info', '.egg-info', 'EXTERNALLY-MANAGED'] as const;
const CACHE_VERSION = 1;

/** The dpkg index for this scan (memoised on the ScanContext, shared by per-home children: read once). */
export function getDpkgIndex(ctx: ScanContext): Promise<DpkgIndex> {
  return ctx.memo('dpkg-index', () => loadDpkgIndex(ctx));
}

/** dpkg status (Python's packages), or null without a dpkg database. Memoised: parsed once per scan. */
export function getDpkgStatus(ctx: ScanContext): Promise<DpkgStatus | null> {
  return ctx.memo('dpkg-status-parsed', () => loadDpkgStatus(ctx));
}

type Row = [path: string, pkg: string, listFile: string, line: number];

async function loadDpkgIndex(ctx: ScanContext): Promise<DpkgIndex> {
  const div = await ctx.tryReadText('/var/lib/dpkg/diversions');
  const diversions = div ? parseDiversions(div) : [];
  const infoSt = await ctx.tryStat(INFO);
  if (!infoSt?.isDirectory()) return indexOf([], diversions, false);
  const statusSt = await ctx.tryStat(DPKG_STATUS);
  // Keyed by every list's mtime and size (one stat each: far cheaper than reading them), so a list
  // rewritten in place is noticed even when the directory's own mtime stays.
  const lists: Array<{ name: string; pkg: string }> = [];
  let newest = Math.max(infoSt.mtimeMs, infoSt.ctimeMs, statusSt?.mtimeMs ?? 0);
  let bytes = 0;
  for (const e of await ctx.tryReaddir(INFO)) {
    const pkg = packageFromListFile(e.name);
    if (!pkg) continue;
    const st = ctx.tryStat(`${INFO}/${e.name}`);
    if (!st?.isFile()) continue;
    newest = Math.max(newest, st.mtimeMs, st.ctimeMs);
    bytes += st.size;
    lists.push({ name: e.name, pkg });
  }
  const key = [infoSt.mtimeMs, lists.length, newest, bytes, statusSt?.mtimeMs ?? 0];
  const cacheFile = ctx.cacheDir ? `${ctx.cacheDir}/dpkg/${createHash('sha1').update(`${ctx.root}\0${CACHE_VERSION}`).digest('hex')}.json` : null;
  const cached = cacheFile ? readCache(cacheFile, key) : null;
  if (cached) return indexOf(cached, diversions, lists.length > 0);
  const rows: Row[] = [];
  for (const { name, pkg } of lists) {
    let buf: Buffer;
    try {
      buf = ctx.readFile(`${INFO}/${name}`, LIMITS.file);
    } catch {
      continue;
    }
    for (const l of scanDpkgList(buf, OWNED_SUFFIXES)) rows.push([l.path, pkg, name, l.line]);
  }
  const settled = Date.now() - newest >= ctx.cacheRacyMs;
  if (cacheFile && settled) writeCache(cacheFile, key, rows);
  return indexOf(rows, diversions, lists.length > 0);
}

function indexOf(rows: Row[], diversions: Diversion[], present: boolean): DpkgIndex {
  const byPath = new Map<string, Row>();
  // Directories may be listed by several packages; the first is as good as any.
  for (const r of rows) if (!byPath.has(r[0])) byPath.set(r[0], r);
  const get = (p: string) => byPath.get(normalizeDpkgPath(p));
  return {
    owner: (p) => get(p)?.[1],
    listing: (p) => {
      const r = get(p);
      return r ? { package: r[1], list: `${INFO}/${r[2]}`, line: r[3] } : undefined;
    },
    diversions,
    present,
  };
}

function readCache(file: string, key: number[]): Row[] | null {
  try {
    const j = JSON.parse(readFileSync(file, 'utf8')) as { v?: number; key?: number[]; rows?: Row[] };
    const same = j.v === CACHE_VERSION && Array.isArray(j.key) && j.key.length === key.length && j.key.every((k, i) => k === key[i]);
    return same && Array.isArray(j.rows) ? j.rows : null;
  } catch {
    return null; // none yet, or corrupt: read the lists
  }
}

function writeCache(file: string, key: number[], rows: Row[]): void {
  try {
    mkdirSync(file.slice(0, file.lastIndexOf('/')), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ v: CACHE_VERSION, key, rows }));
    renameSync(tmp, file);
  } catch {
    /* read-only or full cache dir: only slower next time */
  }
}

async function loadDpkgStatus(ctx: ScanContext): Promise<DpkgStatus | null> {
  try {
    return parseDpkgStatus(ctx.readFile(DPKG_STATUS, LIMITS.file), DPKG_STATUS, (name) => name.includes('python'));
  } catch {
    return null;
  }
}
