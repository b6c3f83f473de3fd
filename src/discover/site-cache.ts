// Persistent cache of what readSite learnt from each metadata directory, so a second scan of a machine
// with a thousand venvs costs two lstats per distribution instead of a readdir and two or three reads.
//
// One small JSON file per site directory under ctx.cacheDir/sites/ (named by a hash of its host path),
// written atomically (temp file + rename) and only when something changed. An entry is reused only if
// the metadata directory's mtime and ctime and its METADATA (PKG-INFO) file's mtime and ctime are
// unchanged: pip, uv, conda and dpkg add, remove or rename files in the directory (INSTALLER, REQUESTED,
// direct_url.json, RECORD), which moves the directory's times, and an in-place edit of METADATA moves
// the file's. Entries whose times are younger than RACY_MS are never stored (a write landing within the
// same timestamp tick could go unseen). Only clean plain directories are cached: symlinks, single-file
// egg-infos and anything with a problem are read again every time, so bad input is always reported.
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { ScanContext } from '../context.js';
import type { Distribution } from '../model.js';

const VERSION = 1;
const NO_ENTRY = { throwIfNoEntry: false } as const;

/** The facts read from disk; site-dependent fields (site, scope, dpkg) are added by the reader. */
export type DistFacts = Pick<
  Distribution,
  'displayName' | 'version' | 'installer' | 'requested' | 'scripts' | 'format' | 'requires' | 'hasRecord' | 'summary' | 'editable' | 'url'
>;

/** [dir mtimeMs, dir ctimeMs, metadata file mtimeMs, metadata file ctimeMs, facts] */
type Entry = [number, number, number, number, DistFacts];

interface SiteFile {
  v: number;
  site: string;
  entries: Record<string, Entry>;
}

/** Hits and misses of this scan (ctx.memo), for tests and --debug output. */
export interface SiteCacheStats {
  hits: number;
  misses: number;
  writes: number;
}

export function siteCacheStats(ctx: ScanContext): SiteCacheStats {
  return ctx.memo<SiteCacheStats>('site-cache-stats', () => ({ hits: 0, misses: 0, writes: 0 }));
}

/** The cache of one site directory for one readSite call. */
export class SiteCacheView {
  private readonly next: Record<string, Entry> = {};
  private changed = false;

  constructor(
    private readonly file: string,
    private readonly hostSite: string,
    private readonly old: Record<string, Entry>,
    private readonly racyMs: number,
    private readonly stats: SiteCacheStats,
  ) {}

  /** Cached facts for a metadata dir when it and its METADATA are untouched since they were cached. */
  get(name: string, metaFile: string): DistFacts | null {
    const e = this.old[name];
    const t = e ? times(`${this.hostSite}/${name}`, metaFile) : null;
    if (!e || !t || t[0] !== e[0] || t[1] !== e[1] || t[2] !== e[2] || t[3] !== e[3]) {
      this.stats.misses++;
      return null;
    }
    this.stats.hits++;
    this.next[name] = e;
    return e[4];
  }

  /** Remember facts just read (plain directory, no problems). */
  put(name: string, metaFile: string, facts: DistFacts): void {
    const t = times(`${this.hostSite}/${name}`, metaFile);
    this.changed = true;
    if (!t || Date.now() - Math.max(...t) < this.racyMs) return;
    this.next[name] = [t[0], t[1], t[2], t[3], facts];
  }

  /** Write the site's file if anything was added, changed or removed. Never throws: a cache is optional. */
  save(): void {
    const removed = Object.keys(this.old).some((k) => !(k in this.next));
    if (!this.changed && !removed) return;
    try {
      mkdirSync(dirOf(this.file), { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      const body: SiteFile = { v: VERSION, site: this.hostSite, entries: this.next };
      writeFileSync(tmp, JSON.stringify(body));
      renameSync(tmp, this.file);
      this.stats.writes++;
    } catch {
      /* read-only or full cache dir: the scan is still right, only slower next time */
    }
  }
}

/** A view of the cache for the site at host path `hostSite`, or null when caching is off. */
export function openSiteCache(ctx: ScanContext, hostSite: string): SiteCacheView | null {
  if (!ctx.cacheDir) return null;
  const file = `${ctx.cacheDir}/sites/${createHash('sha1').update(hostSite).digest('hex')}.json`;
  let old: Record<string, Entry> = {};
  try {
    const j = JSON.parse(readFileSync(file, 'utf8')) as Partial<SiteFile>;
    // A hash collision or an older format is just a miss.
    if (j.v === VERSION && j.site === hostSite && j.entries && typeof j.entries === 'object') old = j.entries;
  } catch {
    /* no cache yet, or a corrupt one: read everything */
  }
  return new SiteCacheView(file, hostSite, old, ctx.cacheRacyMs, siteCacheStats(ctx));
}

function times(dir: string, metaFile: string): [number, number, number, number] | null {
  try {
    const d = lstatSync(dir, NO_ENTRY);
    if (!d || !d.isDirectory()) return null;
    const m = lstatSync(`${dir}/${metaFile}`, NO_ENTRY);
    if (!m || !m.isFile()) return null;
    return [d.mtimeMs, d.ctimeMs, m.mtimeMs, m.ctimeMs];
  } catch {
    return null; // unreadable dir: never a hit
  }
}

function dirOf(p: string): string {
  return p.slice(0, p.lastIndexOf('/')) || '/';
}
