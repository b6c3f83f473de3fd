// The lower bound for a scan, checked in so every bench run measures it beside pyenvtui: a synchronous
// Node program that finds every site directory under a root and reads each distribution's name and
// version from its METADATA (PKG-INFO) headers, and nothing else: no interpreters, no RECORDs, no dpkg,
// no JSON of any size, no cache. What pyenvtui does beyond this (kinds, health, findings, dpkg
// ownership, scripts, requirements) is what its ratio to the probe pays for.
//
//   node bench/probe.mjs ROOT [--walk-only]
// --walk-only stops after listing the site directories (the walk a warm cache cannot avoid).
// Prints one JSON line: { sites, dists, walkOnly }.
import { closeSync, constants, openSync, readSync, readdirSync } from 'node:fs';

const root = process.argv[2];
const walkOnly = process.argv.includes('--walk-only');
if (!root) {
  console.error('usage: node bench/probe.mjs ROOT [--walk-only]');
  process.exit(2);
}

// Places a scan never looks into and that are large on a real host.
const SKIP = new Set(['proc', 'sys', 'dev', 'run', 'node_modules', '.git', '__pycache__', 'share', 'include', 'man', 'doc']);
const MAX_DEPTH = 12;
const buf = Buffer.allocUnsafe(65536);
let sites = 0;
let dists = 0;
let checksum = 0;

/** Name and version from the header block of a METADATA file: one open, one read, one close. */
function nameVersion(file) {
  let fd;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch {
    return;
  }
  try {
    const n = readSync(fd, buf, 0, buf.length, 0);
    const end = buf.indexOf('\n\n', 0);
    const text = buf.toString('latin1', 0, end === -1 || end > n ? n : end);
    const name = /^Name:[ \t]*(.*)$/m.exec(text)?.[1];
    const version = /^Version:[ \t]*(.*)$/m.exec(text)?.[1];
    if (name && version) {
      dists++;
      checksum += name.length + version.length;
    }
  } finally {
    closeSync(fd);
  }
}

function readSiteDir(dir) {
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  sites++;
  if (walkOnly) return;
  for (const n of names) {
    if (n.endsWith('.dist-info')) nameVersion(`${dir}/${n}/METADATA`);
    else if (n.endsWith('.egg-info')) nameVersion(`${dir}/${n}/PKG-INFO`);
  }
}

function walk(dir, depth) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (!e.isDirectory() || SKIP.has(e.name)) continue;
    const p = `${dir}/${e.name}`;
    if (e.name === 'site-packages' || e.name === 'dist-packages') readSiteDir(p);
    else if (depth < MAX_DEPTH) walk(p, depth + 1);
  }
}

walk(root.replace(/\/+$/, '') || '/', 0);
process.stdout.write(JSON.stringify({ sites, dists, walkOnly, checksum }) + '\n');
