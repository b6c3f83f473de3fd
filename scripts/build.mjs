// Bundles the app into ESM under dist/: one entry (dist/pyenvtui.js, what bin/pyenvtui.js loads) and
// chunks in dist/chunks/ for code loaded with import() (each command, the dashboard, the migration
// wizard). Bundled code starts twice as fast as loading node_modules (see bench/), and splitting
// means the dashboard's first frame parses only Ink, the scan and the risk rules: not the migration
// engine and execa, which most sessions never run.
import { build } from 'esbuild';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const stub = fileURLToPath(new URL('./stubs/react-devtools-core.js', import.meta.url));

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = fileURLToPath(new URL('../dist', import.meta.url));

// `--clean` (prepack): a tarball gets exactly this build's files, none left from earlier ones.
if (process.argv.includes('--clean')) rmSync(dist, { recursive: true, force: true });

const result = await build({
  entryPoints: { pyenvtui: fileURLToPath(new URL('../src/main.ts', import.meta.url)) },
  outdir: dist,
  metafile: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  // Node 18.19 is what Debian/Raspberry Pi OS Bookworm installs (docs/reach.md): esbuild lowers
  // syntax for it; library code that needs a newer runtime is aliased below.
  target: 'node18.19',
  absWorkingDir: root,
  minify: true,
  legalComments: 'none',
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"', __PYENVTUI_VERSION__: JSON.stringify(pkg.version) },
  // Ink imports react-devtools-core (and, for it, ws) only when DEV=true; marking them external
  // leaves an import that fails, so both resolve to a do-nothing stub (ws alone is ~50 KB to parse).
  // string-width 8 (Ink, cli-truncate, widest-line) compiles regexes with the `v` flag, a
  // SyntaxError on Node 18; string-width 7 (what wrap-ansi already uses) has the same API and no `v`
  // flag (devDependency `string-width-node18`, an npm alias). test/unit/bundle-node18.test.ts keeps
  // dist/ free of the constructs Node 18 lacks.
  alias: { 'react-devtools-core': stub, ws: stub, 'string-width': 'string-width-node18' },
  // Some dependencies are CommonJS and call require(); give every ESM chunk one.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
});

// Chunk names carry a content hash, so old ones pile up; but a dashboard started from the previous
// build may still import its wizard chunk (and tests rebuild while others run): only chunks that
// this build did not write and that are over an hour old go.
const written = new Set(Object.keys(result.metafile.outputs).map((f) => path.resolve(f)));
const chunks = path.join(dist, 'chunks');
for (const name of readdirSync(chunks)) {
  const f = path.join(chunks, name);
  if (!written.has(f) && Date.now() - statSync(f).mtimeMs > 3_600_000) rmSync(f, { force: true });
}
