// `npm run build:sea`: one executable file that needs no Node on the machine, made with Node's
// Single Executable Applications from the node binary that runs this script, and postject.
//
//   node scripts/build-sea.mjs [--node PATH] [--arch x64|arm64|armv7l]
//   → dist/sea/pyenvtui-linux-<arch>   (dist/sea/pyenvtui-linux-x64 here)
//
// How it is put together (docs/reach.md):
//   1. esbuild bundles bin/pyenvtui.js (its colour and V8-flag prelude) with the program from src/
//      exactly like the bundle: an entry plus chunks loaded with import() (dist/sea/app/).
//   2. Every file of it becomes an SEA asset (Node >= 20.12), listed in manifest.json with a hash
//      of the whole.
//   3. SEA's main must be one CommonJS script (Ink and yoga-layout use top-level await, which
//      CommonJS cannot express), so scripts/sea-main.cjs unpacks the assets once into
//      <pyenvtui cache dir>/sea-<hash>/ and import()s the entry from there. Measured against the
//      two ways that keep everything in memory (one ESM file from disk, or that file imported as a
//      data: URL from the asset), this keeps the bundle's lazy chunks: `--version` 44 MB like the
//      bundle instead of 51 / 62 MB, and the dashboard stays under 80 MB (bench/reach.mjs).
//   4. `node --experimental-sea-config` writes the blob; postject injects it into a copy of the
//      node binary. useCodeCache/useSnapshot stay off: the code cache would cover only the small
//      main, and a snapshot cannot hold an ESM program.
//
// The executable is the node binary it was made from: an arm64 one must be made on an arm64
// machine (a Pi 4/5 or Zero 2 W with a 64-bit OS), an armv7l one on a 32-bit Raspberry Pi OS,
// each with a self-contained node >= 20.12 of that architecture (the official linux-arm64 /
// linux-armv7l tarball from nodejs.org: Debian's own nodejs is a small launcher around
// libnode.so, which has no SEA fuse to inject into). --arch only checks that this is so.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { inject } from 'postject';
import { common, root } from './esbuild-common.mjs';

const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const node = path.resolve(arg('--node') ?? process.execPath);
const out = path.join(root, 'dist', 'sea');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

/** The architecture of `node` as the release names it: x64, arm64, armv7l. */
function archOf(bin) {
  const [arch, armVersion] = execFileSync(bin, ['-p', 'process.arch + " " + (process.config.variables.arm_version ?? "")'], { encoding: 'utf8' }).trim().split(' ');
  return arch === 'arm' ? `armv${armVersion || '7'}l` : arch;
}

function fail(msg) {
  process.stderr.write(`build-sea: ${msg}\n`);
  process.exit(1);
}

const arch = archOf(node);
const wanted = arg('--arch');
if (wanted && wanted !== arch) fail(`--arch ${wanted} asked, but ${node} is ${arch}: build on a ${wanted} machine with its own node (see the comment at the top of this file)`);
const [major, minor] = execFileSync(node, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim().split('.').map(Number);
if (major < 20 || (major === 20 && minor < 12)) fail(`${node} is Node ${major}.${minor}; single executables with assets need Node >= 20.12`);

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

// 1. The program: bin/pyenvtui.js imports ../dist/pyenvtui.js; point that at the source, so this is
// built from src/ like the bundle, not from a possibly stale dist/.
const app = path.join(out, 'app');
const result = await build({
  ...common,
  entryPoints: { pyenvtui: path.join(root, 'bin', 'pyenvtui.js') },
  outdir: app,
  metafile: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  plugins: [{
    name: 'bundle-entry-from-source',
    setup(b) {
      b.onResolve({ filter: /\/dist\/pyenvtui\.js$/ }, () => ({ path: path.join(root, 'src', 'main.ts') }));
    },
  }],
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});

// 2. Assets and their manifest: the hash names the unpack directory, so a new build never runs
// files of an old one.
const files = Object.keys(result.metafile.outputs).map((f) => path.relative(app, path.resolve(root, f))).sort();
const hash = createHash('sha256');
for (const f of files) hash.update(f).update('\0').update(readFileSync(path.join(app, f)));
const manifest = path.join(out, 'manifest.json');
writeFileSync(manifest, JSON.stringify({ version: pkg.version, hash: hash.digest('hex').slice(0, 16), entry: 'pyenvtui.js', files }));
const assets = Object.fromEntries([['manifest.json', manifest], ...files.map((f) => [f, path.join(app, f)])]);

// 3 + 4. Blob, copy of node, injection.
const blob = path.join(out, 'pyenvtui.blob');
const config = path.join(out, 'sea-config.json');
const main = path.join(root, 'scripts', 'sea-main.cjs');
writeFileSync(config, JSON.stringify({ main, output: blob, disableExperimentalSEAWarning: true, useCodeCache: false, useSnapshot: false, assets }, null, 2));
execFileSync(node, ['--experimental-sea-config', config], { stdio: ['ignore', 'ignore', 'inherit'] });
const exe = path.join(out, `pyenvtui-linux-${arch}`);
const injected = `${exe}.injected`;
copyFileSync(node, injected);
await inject(injected, 'NODE_SEA_BLOB', readFileSync(blob), { sentinelFuse: 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2' });
// postject writes the 100 MB file in one write(); run from those page-cache pages, the executable
// peaked 15-20 MB higher (clean file pages mapped in large blocks: 60 vs 40 MB for --version) until
// they were evicted. A kernel copy (copy_file_range, as cp does) leaves ordinary pages.
copyFileSync(injected, exe);
rmSync(injected);
chmodSync(exe, 0o755);
rmSync(blob);
const check = mkdtempSync(path.join(os.tmpdir(), 'pyenvtui-sea-check-'));
const version = execFileSync(exe, ['--version'], { encoding: 'utf8', env: { PATH: '/nonexistent', PYENVTUI_CACHE_DIR: check } }).trim();
rmSync(check, { recursive: true, force: true });
process.stdout.write(`${path.relative(root, exe)} (pyenvtui ${version}, node ${major}.${minor}, ${arch})\n`);
