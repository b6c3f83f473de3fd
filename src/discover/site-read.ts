// Reading a site directory: every *.dist-info and *.egg-info (dir or file) becomes a Distribution.
// This is the hot path of a scan (tens of thousands of metadata dirs). The site dir is resolved once
// through the ScanContext; its children are then read by host path, synchronously, one readdir per
// dist-info plus one open/read/close per needed file (small-read.ts). Synchronous on purpose: no
// thread-pool hop and no promise per file, and no pile-up of open files (EMFILE). Dirent types are
// checked first, so a FIFO is never opened; a symlinked child is resolved through the context, so it
// stays inside --root.
import { readdirSync, type Dirent } from 'node:fs';
import type { ScanContext } from '../context/scan-context.js';
import { normalizeName, type Distribution, type SiteDir } from '../model.js';
import {
  parseCoreMetadata,
  parseDirectUrl,
  parseInstaller,
  parseMetadataDirName,
  parseRequiresTxt,
} from '../formats/dist-info.js';
import { parseEntryPoints } from '../formats/entry-points.js';
import type { DpkgIndex } from './dpkg-index.js';
import { readHeaderText, readSmallText } from './small-read.js';
import { openSiteCache, type DistFacts, type Listed, type SiteCacheView } from './site-cache.js';
import { foldSameName } from './site-dupes.js';
import * as fs from './resolve.js';
import { stripTrailingSlashes } from '../text/trim.js';

export interface SiteResult {
  packages: Distribution[];
  problems: string[];
}

const META_RE = /\.(dist-info|egg-info)$/;

/** Read every distribution in one site dir. Never throws: what cannot be read becomes a problem. */
export async function readSite(
  ctx: ScanContext,
  site: SiteDir,
  opts: { dpkg?: DpkgIndex } = {},
): Promise<SiteResult> {
  const problems: string[] = [];
  await ctx.breathe();
  let hostDir: string;
  let entries: Listed[];
  let cache: SiteCacheView | null;
  try {
    hostDir = ctx.hostPath(ctx.realpath(site.path));
    // An unchanged site dir (one lstat) is not listed again: the cache keeps the entries read here.
    cache = openSiteCache(ctx, hostDir);
    const cached = cache?.listing();
    if (cached && 'entries' in cached) entries = cached.entries;
    else {
      entries = readdirSync(hostDir, { withFileTypes: true }).filter((e) => e.name.includes('\uFFFD') || META_RE.test(e.name) || e.name.endsWith('.pth'));
      cache?.putListing(cached?.times ?? null, entries);
    }
  } catch (e) {
    return { packages: [], problems: [`cannot read site dir ${site.path}: ${errText(e)}`] };
  }
  // The start-up .pth files, for the rule that reads them (risk/facts.ts): the site is listed once.
  siteListings(ctx).set(site.path, entries.filter((e) => e.name.endsWith('.pth') && e.isFile()).map((e) => e.name));
  const packages: Distribution[] = [];
  const sitePath = stripTrailingSlashes(site.path);
  let n = 0;
  for (const e of entries) {
    const name = e.name;
    if (name.includes('\uFFFD')) {
      problems.push(`non-UTF-8 file name in ${site.path}: ${JSON.stringify(name)}`);
      continue;
    }
    if (!META_RE.test(name)) continue;
    // A site with thousands of dists (conda base) must not hold a dashboard's event loop for long.
    if ((++n & 127) === 0) await ctx.breathe();
    // Only plain directories are cached (see site-cache.ts); the metadata file's name depends on the format.
    const metaFile = e.isDirectory() ? (name.endsWith('.egg-info') ? 'PKG-INFO' : 'METADATA') : null;
    const hit = cache && metaFile ? cache.get(name, metaFile) : null;
    if (hit) {
      packages.push(distribution(hit, site, `${sitePath}/${name}`, [], opts.dpkg));
      continue;
    }
    try {
      const r = readDistribution(ctx, sitePath, hostDir, e);
      const d = distribution(r.facts, site, r.metadataPath, r.problems, opts.dpkg);
      packages.push(d);
      if (d.problems) for (const p of d.problems) problems.push(`${d.metadataPath}: ${p}`);
      else if (cache && metaFile) cache.put(name, metaFile, r.facts);
    } catch (err) {
      problems.push(`cannot read ${sitePath}/${name}: ${errText(err)}`);
    }
  }
  cache?.save();
  return { packages: foldSameName(packages), problems };
}

function siteListings(ctx: ScanContext): Map<string, string[]> {
  return ctx.memo('site-pth-files', () => new Map<string, string[]>());
}

/** Names of the regular `*.pth` files readSite saw in a site dir (machine path), or undefined if it did not list it. */
export function listedPthFiles(ctx: ScanContext, sitePath: string): string[] | undefined {
  return siteListings(ctx).get(sitePath);
}

/** Children of a metadata dir by name, with the types readdir reported. */
type Children = Map<string, Dirent>;

/** A Distribution from facts read (or cached) for one metadata dir; dpkg ownership is looked up now. */
function distribution(f: DistFacts, site: SiteDir, metadataPath: string, problems: string[], dpkg: DpkgIndex | undefined): Distribution {
  const dpkgPackage = dpkg?.owner(metadataPath);
  const dist: Distribution = {
    name: normalizeName(f.displayName),
    displayName: f.displayName,
    version: f.version,
    installer: f.installer ?? (dpkgPackage ? 'debian' : null),
    requested: f.requested,
    scripts: f.scripts,
    scope: site.scope,
    site: site.path,
    metadataPath,
    format: f.format,
    requires: f.requires,
    hasRecord: f.hasRecord,
  };
  if (f.summary) dist.summary = f.summary;
  if (f.editable !== undefined) dist.editable = f.editable;
  if (f.url) dist.url = f.url;
  if (dpkgPackage) dist.dpkgPackage = dpkgPackage;
  if (problems.length) dist.problems = problems;
  return dist;
}

function readDistribution(
  ctx: ScanContext,
  sitePath: string,
  hostDir: string,
  entry: Listed,
): { facts: DistFacts; metadataPath: string; problems: string[] } {
  const metadataPath = `${sitePath}/${entry.name}`;
  const fromName = parseMetadataDirName(entry.name);
  const format = fromName?.format ?? (entry.name.endsWith('.egg-info') ? 'egg-info' : 'dist-info');
  const problems: string[] = [];
  let kind: 'dir' | 'file' | 'other' = entry.isDirectory() ? 'dir' : entry.isFile() ? 'file' : 'other';
  let hostMeta = `${hostDir}/${entry.name}`;
  if (entry.isSymbolicLink()) {
    const st = ctx.tryStat(metadataPath);
    const real = st ? ctx.tryHostReal(metadataPath) : null;
    if (!st || !real) {
      problems.push('metadata is a dangling or looping symlink');
      kind = 'other';
    } else {
      kind = st.isDirectory() ? 'dir' : st.isFile() ? 'file' : 'other';
      hostMeta = real;
    }
  } else if (kind === 'other') problems.push('metadata is neither a file nor a directory');

  let files: Children = new Map();
  let metaText: string | null = null;
  const child = (name: string, headersOnly = false): string | null =>
    readChild(ctx, files, hostMeta, `${metadataPath}/${name}`, name, problems, headersOnly);
  if (kind === 'dir') {
    for (const c of readdirSync(hostMeta, { withFileTypes: true })) files.set(c.name, c);
    const metaName = format === 'dist-info' ? 'METADATA' : 'PKG-INFO';
    metaText = child(metaName, true);
    if (metaText === null && !problems.length) problems.push(`${metaName} is missing`);
  } else if (kind === 'file' && format === 'egg-info') {
    // A single-file egg-info (distutils) is PKG-INFO itself.
    metaText = entry.isSymbolicLink() ? ctx.readFile(metadataPath).toString('utf8') : readHeaderText(hostMeta);
  } else if (kind === 'file') problems.push('dist-info is a file, not a directory');

  const meta = metaText !== null ? parseCoreMetadata(metaText) : null;
  if (meta) problems.push(...meta.problems);
  const displayName = meta?.name ?? fromName?.name ?? entry.name;
  const version = meta?.version ?? fromName?.version ?? '';

  const installerText = child('INSTALLER');
  const epText = child('entry_points.txt');
  const duText = child('direct_url.json');
  const reqText = format === 'egg-info' && !meta?.requires.length ? child('requires.txt') : null;
  const ep = epText !== null ? parseEntryPoints(epText) : null;
  const du = duText !== null ? parseDirectUrl(duText) : null;
  if (duText !== null && !du) problems.push('direct_url.json is not valid JSON');
  const facts: DistFacts = {
    displayName,
    version,
    installer: installerText !== null ? parseInstaller(installerText) : null,
    requested: files.has('REQUESTED'),
    scripts: ep ? [...ep.consoleScripts, ...ep.guiScripts] : [],
    format,
    requires: meta?.requires.length ? meta.requires : reqText !== null ? parseRequiresTxt(reqText) : [],
    hasRecord: files.has('RECORD') || files.has('installed-files.txt'),
  };
  if (meta?.summary) facts.summary = meta.summary;
  if (du) {
    facts.editable = du.editable;
    if (du.url) facts.url = du.url;
  }
  return { facts, metadataPath, problems };
}

/** Text of a regular file inside a metadata dir; null when absent. FIFOs and dirs are problems, not hangs. */
function readChild(
  ctx: ScanContext,
  files: Children,
  hostDir: string,
  machinePath: string,
  name: string,
  problems: string[],
  headersOnly: boolean,
): string | null {
  const d = files.get(name);
  if (!d) return null;
  try {
    // A link may point anywhere (absolute targets mean "inside the image"): resolve it through ctx,
    // which also refuses FIFOs and devices.
    if (d.isSymbolicLink()) return ctx.readFile(machinePath).toString('utf8');
    if (!d.isFile()) throw new Error('not a regular file');
    return headersOnly ? readHeaderText(`${hostDir}/${name}`) : readSmallText(`${hostDir}/${name}`);
  } catch (e) {
    problems.push(`cannot read ${name}: ${errText(e)}`);
    return null;
  }
}

/** lib/pythonX.Y/site-packages (and lib64, pypy) under a prefix, deduplicated by real path. */
export async function findSitePackages(ctx: ScanContext, prefix: string, listed: { lib?: string[] } = {}): Promise<string[]> {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const lib of ['lib', 'lib64'] as const) {
    // The caller may have listed lib/ already (envFromPrefix does, for versions): not listed twice.
    const all = (lib === 'lib' ? listed.lib : undefined) ?? (await fs.tryReaddir(ctx, `${prefix}/${lib}`)).map((e) => e.name);
    const names = all
      .filter((n) => /^(python|pypy)\d+(\.\d+)?t?$/.test(n))
      .sort(compareVersionedNames);
    for (const n of names) {
      const sp = `${prefix}/${lib}/${n}/site-packages`;
      const real = await fs.tryRealpath(ctx, sp);
      if (!real || seen.has(real)) continue;
      if (!(await fs.isDir(ctx, sp))) continue;
      seen.add(real);
      out.push(sp);
    }
  }
  return out;
}

function compareVersionedNames(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

export function errText(e: unknown): string {
  if (e && typeof e === 'object' && 'code' in e && typeof (e as { code: unknown }).code === 'string') {
    const code = (e as { code: string }).code;
    const map: Record<string, string> = {
      ENOENT: 'does not exist',
      ENOTDIR: 'not a directory',
      EACCES: 'permission denied',
      EPERM: 'permission denied',
      ELOOP: 'symlink loop',
      EISDIR: 'is a directory',
      EINVAL: 'not a regular file',
    };
    return map[code] ?? code;
  }
  return e instanceof Error ? e.message : String(e);
}
