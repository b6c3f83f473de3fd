// Backups taken before anything is removed, so undo and --offline need no network:
//  - a wheel per distribution: pip's cached wheel when there is one, else rebuilt from the installed
//    files listed in RECORD (each sha256 checked), with a fresh RECORD;
//  - a byte-exact copy of every file the distribution owns, so undo restores the previous state exactly.
import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { confineEntry, excludedFromWheel, isInside, ownedFiles, parseRecord, scriptsDirOf, type RecordEntry } from './record.js';
import type { FileBackupSpec } from './types.js';
import { buildZip, type ZipEntry } from './zip.js';
import { LIMITS, readBounded } from '../formats/bounded-read.js';

export function recordHash(data: Buffer): string {
  return 'sha256=' + createHash('sha256').update(data).digest('base64url');
}

async function readRecord(spec: FileBackupSpec): Promise<RecordEntry[]> {
  const text = await readBounded(path.join(spec.metadataHost, 'RECORD'), LIMITS.file, false).then((b) => b.toString('utf8')).catch(() => {
    throw new Error(`${spec.name}: no RECORD in ${spec.metadataHost}; cannot back it up (remove it with the tool that installed it)`);
  });
  return parseRecord(text);
}

function headerValues(text: string, key: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line === '') break; // headers end at the first blank line (the body follows)
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m && m[1]!.toLowerCase() === key.toLowerCase()) out.push(m[2]!.trim());
  }
  return out;
}

/** Wheel tag from WHEEL's Tag lines, compressing several (py2-none-any + py3-none-any → py2.py3-none-any). */
export function wheelTag(wheelText: string | null): string {
  const tags = wheelText ? headerValues(wheelText, 'Tag') : [];
  if (tags.length === 0) return 'py3-none-any';
  const parts = tags.map((t) => t.split('-'));
  const col = (i: number) => [...new Set(parts.map((p) => p[i] ?? ''))].join('.');
  return `${col(0)}-${col(1)}-${col(2)}`;
}

/** Look for pip's own wheel of NAME-VERSION in its wheel cache (sdist builds land there). */
export async function findCachedWheel(cacheHost: string, distName: string, version: string): Promise<string | null> {
  const prefix = `${distName.replace(/[-.]+/g, '_')}-${version}-`.toLowerCase();
  const walk = async (dir: string, depth: number): Promise<string | null> => {
    if (depth > 7) return null;
    const entries = await fsp.readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isFile() && e.name.toLowerCase().startsWith(prefix) && e.name.endsWith('.whl')) return p;
      if (e.isDirectory()) {
        const hit = await walk(p, depth + 1);
        if (hit) return hit;
      }
    }
    return null;
  };
  return walk(path.join(cacheHost, 'wheels'), 0);
}

/** Rebuild a wheel from installed files into outDir; throws when a file no longer matches RECORD. */
export async function rebuildWheel(spec: FileBackupSpec, outDir: string): Promise<string> {
  const entries = await readRecord(spec);
  const distInfo = path.basename(spec.metadataHost);
  if (!distInfo.endsWith('.dist-info')) throw new Error(`${spec.name}: ${distInfo} is not a .dist-info; cannot rebuild a wheel`);
  const metadata = (await readBounded(path.join(spec.metadataHost, 'METADATA'), LIMITS.file, false)).toString('utf8');
  const name = headerValues(metadata, 'Name')[0];
  const version = headerValues(metadata, 'Version')[0];
  if (!name || !version) throw new Error(`${spec.name}: METADATA has no Name/Version`);
  const wheelText = await readBounded(path.join(spec.metadataHost, 'WHEEL'), LIMITS.file, false).then((b) => b.toString('utf8'), () => null);
  const zipEntries: ZipEntry[] = [];
  const recordLines: string[] = [];
  for (const e of entries) {
    if (excludedFromWheel(e.path, distInfo)) continue;
    const c = confineEntry(spec, e.path);
    if (!('host' in c)) continue; // not the distribution's to ship (see ownedPaths)
    const host = c.host;
    // FIFOs, devices, links and files behind a symlinked directory are refused entries: never read.
    if (!(await isOwnedRegular(host, spec))) continue;
    await regularFile(host, spec);
    const data = await readBounded(host, MAX_FILE_BYTES, false);
    const h = recordHash(data);
    if (e.hash && e.hash !== h) throw new Error(`${spec.name}: ${e.path} changed since it was installed (sha256 differs from RECORD)`);
    const st = await fsp.stat(host);
    zipEntries.push({ name: e.path, data, mode: st.mode & 0o777 });
    recordLines.push(`${csvField(e.path)},${h},${data.length}`);
  }
  if (!wheelText) {
    // Some installers drop WHEEL; pip needs it to install the rebuilt wheel.
    const w = Buffer.from('Wheel-Version: 1.0\nGenerator: pyenvtui\nRoot-Is-Purelib: true\nTag: py3-none-any\n');
    zipEntries.push({ name: `${distInfo}/WHEEL`, data: w });
    recordLines.push(`${distInfo}/WHEEL,${recordHash(w)},${w.length}`);
  }
  recordLines.push(`${distInfo}/RECORD,,`);
  zipEntries.push({ name: `${distInfo}/RECORD`, data: Buffer.from(recordLines.join('\n') + '\n') });
  const file = `${name.replace(/[-.]+/g, '_')}-${version}-${wheelTag(wheelText)}.whl`;
  await fsp.mkdir(outDir, { recursive: true });
  const out = path.join(outDir, file);
  await writeDurable(out, buildZip(zipEntries));
  return out;
}

function csvField(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Write a file and fsync it, so a backup exists on disk before the step that needs it. */
export async function writeDurable(file: string, data: Buffer | string): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}`;
  const fh = await fsp.open(tmp, 'w');
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await fsp.rename(tmp, file);
}

/** Largest installed file copied or rebuilt into a wheel (a RECORD can name anything). */
const MAX_FILE_BYTES = 1 << 30;

/** Throws unless `host` is a regular file of sane size reached without leaving the site (lstat: no following). */
async function regularFile(host: string, spec: FileBackupSpec): Promise<void> {
  const st = await fsp.lstat(host);
  if (!st.isFile()) throw new Error(`${spec.name}: ${host} is not a regular file; refusing to read it`);
  if (st.size > MAX_FILE_BYTES) throw new Error(`${spec.name}: ${host} is larger than 1 GiB; refusing to read it`);
  if (!(await parentStaysInside(host, spec))) throw new Error(`${spec.name}: ${host} is reached through a symlink that leaves the site`);
}

/** The real directory holding `host` is inside the real site or scripts dir (no symlinked directory escape). */
async function parentStaysInside(host: string, spec: FileBackupSpec): Promise<boolean> {
  const real = async (p: string) => fsp.realpath(p).catch(() => null);
  const dir = await real(path.dirname(host));
  if (!dir) return false;
  const allowed = [spec.siteHost, scriptsDirOf(spec.siteHost)].filter((x): x is string => x !== null);
  for (const a of allowed) {
    const ra = await real(a);
    if (ra && isInside(dir, ra) && (!spec.rootHost || spec.rootHost === '/' || isInside(dir, (await real(spec.rootHost)) ?? spec.rootHost))) return true;
  }
  return false;
}

/** False for what exists but is not the distribution's to read; a missing file stays an error (regularFile). */
async function isOwnedRegular(host: string, spec: FileBackupSpec): Promise<boolean> {
  const st = await fsp.lstat(host).catch(() => null);
  if (!st) return true;
  return st.isFile() && (await parentStaysInside(host, spec));
}

/** RECORD entries pyenvtui will not touch, with why (absolute, `../` escapes, symlinked directories, odd file types). */
export async function refusedEntries(spec: FileBackupSpec): Promise<{ entry: string; why: string }[]> {
  const entries = await readRecord(spec);
  const { files, refused } = ownedFiles(spec, entries);
  const out = [...refused];
  for (const f of files) {
    const st = await fsp.lstat(f).catch(() => null);
    if (!st) continue;
    if (!st.isFile() && !st.isSymbolicLink()) out.push({ entry: f, why: 'not a regular file' });
    else if (!(await parentStaysInside(f, spec))) out.push({ entry: f, why: 'reached through a symlink that leaves the site' });
  }
  return out;
}

/**
 * Every file a distribution owns on disk: confined RECORD entries that exist (regular files and symlinks,
 * never followed; a directory symlink leading out of the site disqualifies what lies behind it) plus stray
 * .pyc of its .py files.
 */
export async function listOwnedFiles(spec: FileBackupSpec): Promise<string[]> {
  const entries = await readRecord(spec);
  const files = new Set(ownedFiles(spec, entries).files);
  for (const f of [...files]) {
    if (!f.endsWith('.py')) continue;
    const cache = path.join(path.dirname(f), '__pycache__');
    const stem = path.basename(f, '.py') + '.';
    for (const n of await fsp.readdir(cache).catch(() => [] as string[])) {
      if (n.startsWith(stem) && n.endsWith('.pyc')) files.add(path.join(cache, n));
    }
  }
  const present: string[] = [];
  for (const f of files) {
    const st = await fsp.lstat(f).catch(() => null);
    if (!st || !(st.isFile() || st.isSymbolicLink())) continue;
    if (await parentStaysInside(f, spec)) present.push(f);
  }
  return present.sort();
}

interface FileManifest {
  files: { path: string; mode: number; symlink?: string; mtimeMs?: number }[];
}

/** Copy every owned file into `dest` (tree keyed by host path) with a manifest, all fsync'd. */
export async function backupFiles(spec: FileBackupSpec, dest: string): Promise<number> {
  const files = await listOwnedFiles(spec);
  const manifest: FileManifest = { files: [] };
  for (const f of files) {
    const st = await fsp.lstat(f);
    const copy = path.join(dest, 'tree', f);
    await fsp.mkdir(path.dirname(copy), { recursive: true });
    if (st.isSymbolicLink()) {
      manifest.files.push({ path: f, mode: st.mode & 0o7777, symlink: await fsp.readlink(f) });
      continue;
    }
    await regularFile(f, spec);
    await writeDurable(copy, await readBounded(f, MAX_FILE_BYTES, false));
    manifest.files.push({ path: f, mode: st.mode & 0o7777, mtimeMs: st.mtimeMs });
  }
  await writeDurable(path.join(dest, 'manifest.json'), JSON.stringify(manifest, null, 1));
  return files.length;
}

/** Put backed-up files back where they were, with their modes. */
export async function restoreFiles(dest: string): Promise<number> {
  const manifest = JSON.parse(await fsp.readFile(path.join(dest, 'manifest.json'), 'utf8')) as FileManifest;
  for (const f of manifest.files) {
    await fsp.mkdir(path.dirname(f.path), { recursive: true });
    await fsp.rm(f.path, { force: true });
    if (f.symlink !== undefined) await fsp.symlink(f.symlink, f.path);
    else {
      await fsp.copyFile(path.join(dest, 'tree', f.path), f.path);
      await fsp.chmod(f.path, f.mode);
      // Python validates .pyc files against the source mtime: keep it, or the next import rewrites them.
      if (f.mtimeMs !== undefined) await fsp.utimes(f.path, f.mtimeMs / 1000, f.mtimeMs / 1000);
    }
  }
  return manifest.files.length;
}

/** Files from a file backup that are still on disk (after a removal ran, they should be none). */
export async function remainingFiles(dest: string): Promise<string[]> {
  const manifest = JSON.parse(await fsp.readFile(path.join(dest, 'manifest.json'), 'utf8')) as FileManifest;
  const left: string[] = [];
  for (const f of manifest.files) if (await fsp.lstat(f.path).then(() => true, () => false)) left.push(f.path);
  return left;
}
