// The single executable's main (scripts/build-sea.mjs). SEA runs one CommonJS script; the program is
// ESM with lazy chunks, stored as assets. They are unpacked once per build into the user's
// pyenvtui cache directory (the one the site cache uses: $PYENVTUI_CACHE_DIR, $XDG_CACHE_HOME/pyenvtui
// or ~/.cache/pyenvtui) as sea-<hash>/, then imported from there like the bundle. When that
// directory cannot be written (read-only HOME), a private mkdtemp directory is used for this run
// only and removed at exit. Never a shared, predictable path: the files are code that will run.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const sea = require('node:sea');
const { pathToFileURL } = require('node:url');

const manifest = JSON.parse(sea.getAsset('manifest.json', 'utf8'));

function writeAll(dir) {
  for (const f of manifest.files) {
    const to = path.join(dir, f);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.writeFileSync(to, new Uint8Array(sea.getAsset(f)));
  }
  fs.writeFileSync(path.join(dir, '.complete'), manifest.version);
}

function cacheBase() {
  const env = process.env;
  const base = env.PYENVTUI_CACHE_DIR || (env.XDG_CACHE_HOME ? path.join(env.XDG_CACHE_HOME, 'pyenvtui') : path.join(os.homedir(), '.cache', 'pyenvtui'));
  return path.isAbsolute(base) ? base : null;
}

/** The unpacked program in the cache (written now when missing); null when the cache is not writable. */
function cached() {
  const base = cacheBase();
  if (!base) return null;
  const dir = path.join(base, `sea-${manifest.hash}`);
  if (fs.existsSync(path.join(dir, '.complete'))) return dir;
  let tmp;
  try {
    fs.mkdirSync(base, { recursive: true, mode: 0o700 });
    tmp = fs.mkdtempSync(path.join(base, '.sea-'));
    writeAll(tmp);
    fs.renameSync(tmp, dir); // atomic: a reader sees all of it or none
    return dir;
  } catch {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    // Another pyenvtui may have won the race to the same directory.
    return fs.existsSync(path.join(dir, '.complete')) ? dir : null;
  }
}

function privateCopy() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pyenvtui-sea-'));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  writeAll(dir);
  return dir;
}

const dir = cached() ?? privateCopy();
import(pathToFileURL(path.join(dir, manifest.entry)).href).catch((e) => {
  process.stderr.write(`pyenvtui: could not start: ${(e && e.stack) || e}\n`);
  process.exitCode = 70;
});
