// A synthetic machine for benchmarks: a directory tree scanned with `--root`, holding N project venvs
// of ~50 distributions each, laid out exactly as `python3 -m venv` + pip leave them (pyvenv.cfg,
// bin/python symlink, lib/python3.11/site-packages/*.dist-info with METADATA, RECORD, INSTALLER,
// REQUESTED, entry_points.txt). Built once per N and cached under .cache/bench/.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const GENERATOR_VERSION = 2;
export const DISTS_PER_ENV = 50;
export const PY = '3.11';

function b64sha(data) {
  return 'sha256=' + createHash('sha256').update(data).digest('base64url');
}

function writeDist(site, name, version, withScript) {
  const norm = name.replace(/-/g, '_');
  const di = path.join(site, `${norm}-${version}.dist-info`);
  const pkgDir = path.join(site, norm);
  mkdirSync(di, { recursive: true });
  mkdirSync(pkgDir, { recursive: true });
  const files = {
    [`${norm}/__init__.py`]: `__version__ = "${version}"\n`,
    [`${norm}-${version}.dist-info/METADATA`]:
      `Metadata-Version: 2.1\nName: ${name}\nVersion: ${version}\nSummary: synthetic package ${name}\n` +
      `Requires-Dist: bench-pkg-0 (>=1.0)\n\n`,
    [`${norm}-${version}.dist-info/INSTALLER`]: 'pip\n',
    [`${norm}-${version}.dist-info/WHEEL`]: 'Wheel-Version: 1.0\nGenerator: bench\nRoot-Is-Purelib: true\nTag: py3-none-any\n',
    [`${norm}-${version}.dist-info/top_level.txt`]: `${norm}\n`,
  };
  if (withScript) files[`${norm}-${version}.dist-info/entry_points.txt`] = `[console_scripts]\n${name} = ${norm}:main\n`;
  const record = [];
  for (const [rel, text] of Object.entries(files)) {
    writeFileSync(path.join(site, rel), text);
    record.push(`${rel},${b64sha(Buffer.from(text))},${Buffer.byteLength(text)}`);
  }
  record.push(`${norm}-${version}.dist-info/RECORD,,`);
  writeFileSync(path.join(di, 'RECORD'), record.join('\n') + '\n');
}

/** Returns the root of a synthetic machine with `n` venvs (built on first use). */
export function syntheticMachine(n, cacheDir = path.resolve('.cache/bench')) {
  const root = path.join(cacheDir, `machine-${n}-v${GENERATOR_VERSION}`);
  const done = path.join(root, '.complete');
  if (existsSync(done)) return root;
  rmSync(root, { recursive: true, force: true });
  const usrBin = path.join(root, 'usr/bin');
  mkdirSync(usrBin, { recursive: true });
  // A real interpreter file inside the root so every venv's base interpreter exists (healthy venvs).
  copyFileSync(`/usr/bin/python${PY}`, path.join(usrBin, `python${PY}`));
  symlinkSync(`python${PY}`, path.join(usrBin, 'python3'));
  mkdirSync(path.join(root, `usr/lib/python${PY}`), { recursive: true });
  writeFileSync(path.join(root, `usr/lib/python${PY}/os.py`), '# landmark\n');
  mkdirSync(path.join(root, `usr/include/python${PY}`), { recursive: true });
  writeFileSync(path.join(root, `usr/include/python${PY}/patchlevel.h`), '#define PY_VERSION "3.11.2"\n');
  const home = path.join(root, 'home/bench');
  for (let i = 0; i < n; i++) {
    const prefix = path.join(home, 'projects', `p${String(i).padStart(4, '0')}`, '.venv');
    mkdirSync(path.join(prefix, 'bin'), { recursive: true });
    writeFileSync(
      path.join(prefix, 'pyvenv.cfg'),
      `home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.11.2\nexecutable = /usr/bin/python${PY}\ncommand = /usr/bin/python3 -m venv ${prefix.slice(root.length)}\n`,
    );
    symlinkSync(`/usr/bin/python${PY}`, path.join(prefix, 'bin/python'));
    symlinkSync('python', path.join(prefix, 'bin/python3'));
    const site = path.join(prefix, `lib/python${PY}/site-packages`);
    mkdirSync(site, { recursive: true });
    for (let d = 0; d < DISTS_PER_ENV; d++) writeDist(site, `bench-pkg-${d}`, `1.${(d + i) % 7}.0`, d % 10 === 0);
  }
  writeFileSync(done, JSON.stringify({ n, at: new Date().toISOString() }));
  return root;
}

/** Host paths of every venv site directory in a synthetic machine. */
export function syntheticSites(root, n) {
  return Array.from({ length: n }, (_, i) =>
    path.join(root, 'home/bench/projects', `p${String(i).padStart(4, '0')}`, '.venv', `lib/python${PY}/site-packages`),
  );
}

export function readJsonIfExists(p) {
  return existsSync(p) ? JSON.parse(readFileSync(p, 'utf8')) : null;
}
