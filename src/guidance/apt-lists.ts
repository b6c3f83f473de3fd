// Offline index of the Python packages apt could install, read from /var/lib/apt/lists/*_Packages
// (plain, .lz4 as in Debian's docker images, or .gz). Read once per scan; only python3-* stanzas
// (and pipx) are kept, so memory stays small even for bookworm's 50 MB main list.
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { ScanContext } from '../context.js';
import { ControlScanner, compareDebVersions, relationNames, sourceName } from './deb-control.js';
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
  for (const list of await aptListFiles(ctx)) {
    const scanner = new ControlScanner({
      fields: WANTED,
      keep: isInteresting,
      onStanza: ({ fields, line }) => {
        const name = fields.Package;
        if (!name || !fields.Version) return;
        const pkg: AptPackage = {
          name,
          version: fields.Version,
          source: sourceName(fields.Source) ?? name,
          provides: relationNames(fields.Provides),
          list,
          line,
        };
        const prev = index.packages.get(name);
        if (!prev || compareDebVersions(pkg.version, prev.version) > 0) index.packages.set(name, pkg);
      },
    });
    try {
      await feed(ctx, list, scanner);
      scanner.end();
      index.lists.push(list);
    } catch (e) {
      index.problems.push({ path: list, message: `cannot read apt list: ${(e as Error).message}` });
    }
  }
  return index;
}

async function feed(ctx: ScanContext, list: string, scanner: ControlScanner): Promise<void> {
  if (list.endsWith('.lz4')) {
    for (const chunk of lz4Chunks(await ctx.readFile(list))) scanner.push(chunk);
    return;
  }
  // Stream plain and gzip lists: resolve through the context so --root images work.
  const host = ctx.hostPath(await ctx.realpath(list));
  const raw = createReadStream(host, { highWaterMark: 1 << 20 });
  const stream = list.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  await new Promise<void>((resolve, reject) => {
    stream.on('data', (c: Buffer) => scanner.push(c));
    stream.on('end', () => resolve());
    stream.on('error', reject);
    raw.on('error', reject);
  });
}
