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
import type { ScanContext } from '../context/scan-context.js';
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

/** An entry of a site listing, as readSite uses it (a Dirent is one). */
export interface Listed {
  name: string;
  isDirectory(): boolean;
  isFile(): boolean;
  isSymbolicLink(): boolean;
}

type Kind = 'd' | 'f' | 'l' | 'o';
/** The site dir's [mtimeMs, ctimeMs] before it was listed, and the entries readSite looks at. */
interface Listing {
  t: [number, number];
  e: Array<[string, Kind]>;
}

interface SiteFile {
  v: number;
  site: string;
  entries: Record<string, Entry>;
  /** Absent in files written before listings were kept: then the site is listed. */
  listing?: Listing;
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
  private nextListing: Listing | undefined;

  constructor(
    private readonly file: string,
    private readonly hostSite: string,
    private readonly old: Record<string, Entry>,
    private readonly racyMs: number,
    private readonly stats: SiteCacheStats,
    private readonly oldListing?: Listing,
  ) {}

  /**
   * The site's entries without listing it, when its mtime and ctime are those of the cached listing
   * (adding, removing or renaming an entry, or a chmod, moves them): one lstat per site. Otherwise the
   * site dir's times now (null when it cannot be stat'ed), for putListing after the caller lists it.
   */
  listing(): { entries: Listed[] } | { times: [number, number] | null } {
    let st;
    try {
      st = lstatSync(this.hostSite, NO_ENTRY);
    } catch {
      st = undefined;
    }
    const times: [number, number] | null = st?.isDirectory() ? [st.mtimeMs, st.ctimeMs] : null;
    const l = this.oldListing;
    if (!l || !times || times[0] !== l.t[0] || times[1] !== l.t[1]) return { times };
    this.nextListing = l;
    return { entries: l.e.map(([name, k]) => listed(name, k)) };
  }

  /** Remember the entries just listed, with the times taken before listing; never when those are racy. */
  putListing(times: [number, number] | null, entries: Listed[]): void {
    if (!times || Date.now() - Math.max(times[0], times[1]) < this.racyMs) {
      if (this.oldListing) this.changed = true;
      return;
    }
    const next: Listing = { t: times, e: entries.map((e) => [e.name, kindOf(e)]) };
    if (JSON.stringify(next) !== JSON.stringify(this.oldListing)) this.changed = true;
    this.nextListing = next;
  }

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
      const body: SiteFile = { v: VERSION, site: this.hostSite, entries: this.next, ...(this.nextListing ? { listing: this.nextListing } : {}) };
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
  let listing: Listing | undefined;
  try {
    const j = JSON.parse(readFileSync(file, 'utf8')) as Partial<SiteFile>;
    // A hash collision or an older format is just a miss.
    if (j.v === VERSION && j.site === hostSite && j.entries && typeof j.entries === 'object') {
      old = j.entries;
      if (validListing(j.listing)) listing = j.listing;
    }
  } catch {
    /* no cache yet, or a corrupt one: read everything */
  }
  return new SiteCacheView(file, hostSite, old, ctx.cacheRacyMs, siteCacheStats(ctx), listing);
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

function validListing(l: unknown): l is Listing {
  if (!l || typeof l !== 'object') return false;
  const { t, e } = l as Partial<Listing>;
  return Array.isArray(t) && t.length === 2 && t.every((x) => typeof x === 'number') && Array.isArray(e) &&
    e.every((x) => Array.isArray(x) && typeof x[0] === 'string' && ['d', 'f', 'l', 'o'].includes(x[1]));
}

function kindOf(e: Listed): Kind {
  return e.isSymbolicLink() ? 'l' : e.isDirectory() ? 'd' : e.isFile() ? 'f' : 'o';
}

function listed(name: string, k: Kind): Listed {
  return { name, isDirectory: () => k === 'd', isFile: () => k === 'f', isSymbolicLink: () => k === 'l' };
}
