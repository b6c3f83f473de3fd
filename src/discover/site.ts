// Reading a site directory: every *.dist-info and *.egg-info (dir or file) becomes a Distribution.
// This is the hot path of a scan (tens of thousands of metadata dirs), so it resolves each site dir
// once through the ScanContext and then reads children by host path, one readdir per dist-info.
// Those small reads are synchronous on purpose: no thread-pool hop per file, and no pile-up of open
// files (thousands of parallel async reads hit EMFILE). Dirent types are checked first, so a FIFO
// is never opened and the sync reads cannot block.
import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import type { ScanContext } from '../context.js';
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
import * as fs from './resolve.js';

export { envFromPrefix, type EnvExtra } from './env-prefix.js';
export type { DpkgIndex } from './dpkg-index.js';
export { getDpkgIndex } from './dpkg-index.js';

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
  let hostDir: string;
  let entries: Dirent[];
  try {
    hostDir = ctx.hostPath(await fs.realpath(ctx, site.path));
    entries = readdirSync(hostDir, { withFileTypes: true });
  } catch (e) {
    return { packages: [], problems: [`cannot read site dir ${site.path}: ${errText(e)}`] };
  }
  const jobs: Array<Promise<Distribution | null>> = [];
  for (const e of entries) {
    const name = e.name;
    if (name.includes('\uFFFD')) {
      problems.push(`non-UTF-8 file name in ${site.path}: ${JSON.stringify(name)}`);
      continue;
    }
    if (!META_RE.test(name)) continue;
    jobs.push(
      readDistribution(ctx, site, hostDir, e, opts.dpkg).catch((err: unknown) => {
        problems.push(`cannot read ${site.path}/${name}: ${errText(err)}`);
        return null;
      }),
    );
  }
  const packages = (await Promise.all(jobs)).filter((d): d is Distribution => d !== null);
  for (const d of packages) for (const p of d.problems ?? []) problems.push(`${d.metadataPath}: ${p}`);
  return { packages, problems };
}

async function readDistribution(
  ctx: ScanContext,
  site: SiteDir,
  hostDir: string,
  entry: Dirent,
  dpkg: DpkgIndex | undefined,
): Promise<Distribution | null> {
  const metadataPath = `${site.path.replace(/\/+$/, '')}/${entry.name}`;
  const fromName = parseMetadataDirName(entry.name);
  const format = fromName?.format ?? (entry.name.endsWith('.egg-info') ? 'egg-info' : 'dist-info');
  const problems: string[] = [];
  let kind: 'dir' | 'file' | 'other' = entry.isDirectory() ? 'dir' : entry.isFile() ? 'file' : 'other';
  let hostMeta = path.join(hostDir, entry.name);
  if (entry.isSymbolicLink()) {
    const st = await fs.stat(ctx, metadataPath);
    const real = st ? await fs.tryRealpath(ctx, metadataPath) : null;
    if (!st || !real) {
      problems.push('metadata is a dangling or looping symlink');
      kind = 'other';
    } else {
      kind = st.isDirectory() ? 'dir' : st.isFile() ? 'file' : 'other';
      hostMeta = ctx.hostPath(real);
    }
  } else if (kind === 'other') problems.push('metadata is neither a file nor a directory');

  let files = new Map<string, Dirent>();
  let metaText: string | null = null;
  if (kind === 'dir') {
    const children = readdirSync(hostMeta, { withFileTypes: true });
    files = new Map(children.map((c) => [c.name, c]));
    const metaName = format === 'dist-info' ? 'METADATA' : 'PKG-INFO';
    metaText = readChild(files, hostMeta, metaName, problems);
    if (metaText === null && !problems.length) problems.push(`${metaName} is missing`);
  } else if (kind === 'file' && format === 'egg-info') {
    // A single-file egg-info (distutils) is PKG-INFO itself.
    metaText = readFileSync(hostMeta).toString('utf8');
  } else if (kind === 'file') problems.push('dist-info is a file, not a directory');

  const meta = metaText !== null ? parseCoreMetadata(metaText) : null;
  if (meta) problems.push(...meta.problems);
  const displayName = meta?.name ?? fromName?.name ?? entry.name;
  const version = meta?.version ?? fromName?.version ?? '';

  const installerText = readChild(files, hostMeta, 'INSTALLER', problems);
  const epText = readChild(files, hostMeta, 'entry_points.txt', problems);
  const duText = readChild(files, hostMeta, 'direct_url.json', problems);
  const reqText =
    format === 'egg-info' && !meta?.requires.length ? readChild(files, hostMeta, 'requires.txt', problems) : null;
  const ep = epText !== null ? parseEntryPoints(epText) : null;
  const du = duText !== null ? parseDirectUrl(duText) : null;
  if (duText !== null && !du) problems.push('direct_url.json is not valid JSON');
  let installer = installerText !== null ? parseInstaller(installerText) : null;
  const dpkgPackage = dpkg?.owner(metadataPath);
  if (!installer && dpkgPackage) installer = 'debian';

  const dist: Distribution = {
    name: normalizeName(displayName),
    displayName,
    version,
    installer,
    requested: files.has('REQUESTED'),
    scripts: ep ? [...ep.consoleScripts, ...ep.guiScripts] : [],
    scope: site.scope,
    site: site.path,
    metadataPath,
    format,
    requires: meta?.requires.length ? meta.requires : reqText !== null ? parseRequiresTxt(reqText) : [],
    hasRecord: files.has('RECORD') || files.has('installed-files.txt'),
  };
  if (meta?.summary) dist.summary = meta.summary;
  if (du) {
    dist.editable = du.editable;
    if (du.url) dist.url = du.url;
  }
  if (dpkgPackage) dist.dpkgPackage = dpkgPackage;
  if (problems.length) dist.problems = problems;
  return dist;
}

/** Text of a regular file inside a metadata dir; null when absent. FIFOs and dirs are problems, not hangs. */
function readChild(files: Map<string, Dirent>, hostDir: string, name: string, problems: string[]): string | null {
  const d = files.get(name);
  if (!d) return null;
  const p = path.join(hostDir, name);
  try {
    if (d.isSymbolicLink()) {
      const st = statSync(p);
      if (!st.isFile()) throw new Error('not a regular file');
    } else if (!d.isFile()) {
      throw new Error('not a regular file');
    }
    return readFileSync(p).toString('utf8');
  } catch (e) {
    problems.push(`cannot read ${name}: ${errText(e)}`);
    return null;
  }
}

/** lib/pythonX.Y/site-packages (and lib64, pypy) under a prefix, deduplicated by real path. */
export async function findSitePackages(ctx: ScanContext, prefix: string): Promise<string[]> {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const lib of ['lib', 'lib64']) {
    const entries = await fs.tryReaddir(ctx, `${prefix}/${lib}`);
    const names = entries
      .map((e) => e.name)
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
    };
    return map[code] ?? code;
  }
  return e instanceof Error ? e.message : String(e);
}
