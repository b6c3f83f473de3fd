// `npm run build:sea`: one executable file that needs no Node on the machine, made with Node's
// Single Executable Applications from the node binary that runs this script, and postject.
//
//   node scripts/build-sea.mjs [--node PATH] [--arch x64|arm64|armv7l]
//   → dist/sea/pyenvtui-linux-<arch>   (dist/sea/pyenvtui-linux-x64 here)
//
// How it is put together (docs/reach.md):
//   1. esbuild bundles bin/pyenvtui.js (its colour and V8-flag prelude) with the whole program into
//      ONE ESM file, dist/sea/pyenvtui.mjs: no chunks, nothing read from disk at run time.
//   2. SEA's main must be one CommonJS script, and Ink and yoga-layout use top-level await, which
//      CommonJS cannot express; so the main (dist/sea/main.cjs) is four lines that take the ESM file
//      from the executable (an SEA asset, Node >= 20.12) and import() it as a data: URL.
//   3. `node --experimental-sea-config` writes the blob; it is injected into a copy of the node
//      binary with postject. useCodeCache/useSnapshot stay off: the code cache covers only the
//      four-line main, and a snapshot cannot hold an ESM program.
//
// The executable is the node binary it was made from: an arm64 one must be made on an arm64
// machine (a Pi 4/5 or Zero 2 W with a 64-bit OS), an armv7l one on a 32-bit Raspberry Pi OS,
// each with a self-contained node >= 20.12 of that architecture (the official linux-arm64 /
// linux-armv7l tarball from nodejs.org: Debian's own nodejs is a small launcher around
// libnode.so, which has no SEA fuse to inject into). --arch only checks that this is so.
import { execFileSync } from 'node:child_process';
import { appendFileSync, chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

// 1. The whole program as one ESM file. bin/pyenvtui.js imports ../dist/pyenvtui.js: point that at
// the source, so the file is built from src/ like the bundle, not from a possibly stale dist/.
const bundle = path.join(out, 'pyenvtui.mjs');
await build({
  ...common,
  entryPoints: [path.join(root, 'bin', 'pyenvtui.js')],
  outfile: bundle,
  splitting: false,
  plugins: [{
    name: 'bundle-entry-from-source',
    setup(b) {
      b.onResolve({ filter: /\/dist\/pyenvtui\.js$/ }, () => ({ path: path.join(root, 'src', 'main.ts') }));
    },
  }],
  // A data: module has no file URL to make require() from; the executable's path does.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(process.execPath);" },
});

// Stack traces name the file instead of printing the whole data: URL.
appendFileSync(bundle, '\n//# sourceURL=pyenvtui-sea.mjs\n');

// 2. The CommonJS main: the program is an asset; import() it as a module.
const main = path.join(out, 'main.cjs');
writeFileSync(main, [
  '// SEA main (scripts/build-sea.mjs): the program is the ESM asset pyenvtui.mjs.',
  "const src = Buffer.from(require('node:sea').getAsset('pyenvtui.mjs')).toString('base64');",
  "import('data:text/javascript;base64,' + src).catch((e) => { process.stderr.write(`pyenvtui: could not start: ${e && e.stack || e}\\n`); process.exitCode = 70; });",
  '',
].join('\n'));

// 3. Blob, copy of node, injection.
const blob = path.join(out, 'pyenvtui.blob');
const config = path.join(out, 'sea-config.json');
writeFileSync(config, JSON.stringify({ main, output: blob, disableExperimentalSEAWarning: true, useCodeCache: false, useSnapshot: false, assets: { 'pyenvtui.mjs': bundle } }, null, 2));
execFileSync(node, ['--experimental-sea-config', config], { stdio: ['ignore', 'ignore', 'inherit'] });
const exe = path.join(out, `pyenvtui-linux-${arch}`);
copyFileSync(node, exe);
chmodSync(exe, 0o755);
await inject(exe, 'NODE_SEA_BLOB', readFileSync(blob), { sentinelFuse: 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2' });
rmSync(blob);
const version = execFileSync(exe, ['--version'], { encoding: 'utf8', env: { PATH: '/nonexistent' } }).trim();
process.stdout.write(`${path.relative(root, exe)} (pyenvtui ${version}, node ${major}.${minor}, ${arch})\n`);
