// Offline index of the Python packages apt could install, read from /var/lib/apt/lists/*_Packages
// (plain, .lz4 as in Debian's docker images, or .gz). Read once per scan; only python3-* stanzas
// (and pipx) are kept, so memory stays small even for bookworm's 50 MB main list.
import { createHash } from 'node:crypto';
import { createReadStream, fstatSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { LIMITS, byteLimit, openRegular } from '../formats/bounded-read.js';
import type { ScanContext } from '../context/scan-context.js';
import { ControlScanner, compareDebVersions, relationNames, sourceName } from '../formats/deb-control.js';
import { lz4Chunks } from './lz4.js';

export const APT_LISTS_DIR = '/var/lib/apt/lists';

export interface AptPackage {
  name: string;
  version: string;
  source: string;
  provides: string[];
  /** Machine path of the list it came from, and the stanza's line there. */
  list: string;
  line: number;
}

export interface AptIndex {
  /** Binary package name → newest candidate. */
  packages: Map<string, AptPackage>;
  /** Lists read, and those that could not be read (with why). */
  lists: string[];
  problems: Array<{ path: string; message: string }>;
}

const WANTED = ['Package', 'Version', 'Source', 'Provides'] as const;

/** Stanzas worth keeping: Python 3 modules, and the tools the playbook recommends. */
export function isInteresting(f: Record<string, string>): boolean {
  const p = f.Package ?? '';
  return p.startsWith('python3-') || p === 'pipx' || /^python3(\.\d+)?-venv$/.test(p) || (f.Provides ?? '').includes('python3-');
}

/** List files apt keeps for binary packages, in a stable order. */
export async function aptListFiles(ctx: ScanContext): Promise<string[]> {
  const entries = await ctx.tryReaddir(APT_LISTS_DIR);
  return entries
    .map((e) => e.name)
    .filter((n) => /_Packages(\.lz4|\.gz)?$/.test(n))
    .sort()
    .map((n) => `${APT_LISTS_DIR}/${n}`);
}

/** Read every local apt list into one index. Never throws: unreadable lists become problems. */
export async function loadAptIndex(ctx: ScanContext): Promise<AptIndex> {
  const index: AptIndex = { packages: new Map(), lists: [], problems: [] };
  const add = (pkg: AptPackage): void => {
    const prev = index.packages.get(pkg.name);
    if (!prev || compareDebVersions(pkg.version, prev.version) > 0) index.packages.set(pkg.name, pkg);
  };
  for (const list of await aptListFiles(ctx)) {
    const cache = await listCache(ctx, list);
    const hit = cache?.read();
    if (hit) {
      for (const p of hit) add({ ...p, list });
      index.lists.push(list);
      continue;
    }
    const found: AptPackage[] = [];
    const scanner = new ControlScanner({
      fields: WANTED,
      keep: isInteresting,
      onStanza: ({ fields, line }) => {
        const name = fields.Package;
        if (!name || !fields.Version) return;
        const pkg: AptPackage = { name, version: fields.Version, source: sourceName(fields.Source) ?? name, provides: relationNames(fields.Provides), list, line };
        // A real list keeps a few thousand; a bomb of valid stanzas would keep millions.
        if (found.length >= MAX_KEPT) throw new Error(`more than ${MAX_KEPT} Python packages in one list; not a real apt list`);
        found.push(pkg);
        add(pkg);
      },
    });
    try {
      await feed(ctx, list, scanner);
      scanner.end();
      index.lists.push(list);
      cache?.write(found);
    } catch (e) {
      index.problems.push({ path: list, message: `cannot read apt list: ${(e as Error).message}` });
    }
  }
  return index;
}

// Reading bookworm's main list means decompressing and scanning ~100 MB of text (0.3 s and ~90 MB of
// RSS on a PC, seconds on a Pi) for the ~4,000 stanzas we keep, and the dashboard does it on every
// start when a global package needs advice. Lists change only on `apt update`, so what was kept is
// cached per list under ctx.cacheDir/apt/, reused while the list's size, mtime and ctime are the same.
const CACHE_VERSION = 1;
type CachedPackage = Omit<AptPackage, 'list'>;
interface ListCacheFile {
  v: number;
  list: string;
  key: [number, number, number];
  packages: CachedPackage[];
}

async function listCache(ctx: ScanContext, list: string): Promise<{ read(): CachedPackage[] | null; write(p: AptPackage[]): void } | null> {
  if (!ctx.cacheDir) return null;
  const st = await ctx.tryStat(list);
  if (!st?.isFile()) return null;
  const host = ctx.hostPath(list);
  const key: [number, number, number] = [st.size, st.mtimeMs, st.ctimeMs];
  const file = `${ctx.cacheDir}/apt/${createHash('sha1').update(host).digest('hex')}.json`;
  return {
    read() {
      try {
        const j = JSON.parse(readFileSync(file, 'utf8')) as Partial<ListCacheFile>;
        const same = j.v === CACHE_VERSION && j.list === host && Array.isArray(j.key) && j.key.every((k, i) => k === key[i]);
        return same && Array.isArray(j.packages) ? j.packages : null;
      } catch {
        return null; // none yet, or corrupt: read the list
      }
    },
    write(found) {
      // A list rewritten within the same timestamp tick could keep its key: only settled lists are kept.
      if (Date.now() - Math.max(st.mtimeMs, st.ctimeMs) < ctx.cacheRacyMs) return;
      try {
        mkdirSync(`${ctx.cacheDir}/apt`, { recursive: true });
        const body: ListCacheFile = { v: CACHE_VERSION, list: host, key, packages: found.map(({ list: _list, ...p }) => p) };
        const tmp = `${file}.${process.pid}.tmp`;
        writeFileSync(tmp, JSON.stringify(body));
        renameSync(tmp, file);
      } catch {
        /* read-only or full cache dir: only slower next time */
      }
    },
  };
}

const MAX_KEPT = 50_000;

/**
 * What a compressed list may expand to: apt lists compress 3-6x, bombs 1000x. 20x its size (at least
 * 16 MiB, at most LIMITS.decompressed) passes every real list and stops a bomb early.
 */
function expandLimit(compressed: number): number {
  return Math.min(LIMITS.decompressed, Math.max(16 * 1024 * 1024, compressed * 20));
}

async function feed(ctx: ScanContext, list: string, scanner: ControlScanner): Promise<void> {
  // Hostile lists (a FIFO, a link to /dev/zero, a decompression bomb) are refused or cut off: only
  // regular files are opened, compressed ones are size-limited on the way in and on the way out.
  if (list.endsWith('.lz4')) {
    const input = await ctx.readFile(list, LIMITS.file);
    for (const chunk of lz4Chunks(input, expandLimit(input.length))) scanner.push(chunk);
    return;
  }
  // Stream plain and gzip lists: resolve through the context so --root images work.
  const host = ctx.hostPath(await ctx.realpath(list));
  const fd = openRegular(host, list.endsWith('.gz') ? LIMITS.file : LIMITS.decompressed);
  const size = fstatSync(fd).size;
  const raw = createReadStream('', { fd, highWaterMark: 1 << 20 });
  const stream = list.endsWith('.gz') ? raw.pipe(createGunzip()).pipe(byteLimit(expandLimit(size), list)) : raw.pipe(byteLimit(LIMITS.decompressed, list));
  await new Promise<void>((resolve, reject) => {
    const fail = (e: Error): void => {
      raw.destroy();
      reject(e);
    };
    stream.on('data', (c: Buffer) => {
      try {
        scanner.push(c);
      } catch (e) {
        fail(e as Error);
      }
    });
    stream.on('end', () => resolve());
    stream.on('error', fail);
    raw.on('error', fail);
  });
}
