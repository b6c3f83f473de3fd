// Bundles the app into ESM under dist/: one entry (dist/pyenvtui.js, what bin/pyenvtui.js loads) and
// chunks in dist/chunks/ for code loaded with import() (each command, the dashboard, the migration
// wizard). Bundled code starts twice as fast as loading node_modules (see bench/), and splitting
// means the dashboard's first frame parses only Ink, the scan and the risk rules: not the migration
// engine and execa, which most sessions never run.
import { build } from 'esbuild';
import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { common, root } from './esbuild-common.mjs';

const dist = fileURLToPath(new URL('../dist', import.meta.url));

// `--clean` (prepack): a tarball gets exactly this build's files, none left from earlier ones.
if (process.argv.includes('--clean')) rmSync(dist, { recursive: true, force: true });

const result = await build({
  entryPoints: { pyenvtui: fileURLToPath(new URL('../src/main.ts', import.meta.url)) },
  outdir: dist,
  metafile: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  ...common,
  // Some dependencies are CommonJS and call require(); give every ESM chunk one.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});

// Chunk names carry a content hash, so old ones pile up; but a dashboard started from the previous
// build may still import its wizard chunk (and tests rebuild while others run): only chunks that
// this build did not write and that are over an hour old go.
const written = new Set(Object.keys(result.metafile.outputs).map((f) => path.resolve(root, f)));
const chunks = path.join(dist, 'chunks');
for (const name of readdirSync(chunks)) {
  const f = path.join(chunks, name);
  if (!written.has(f) && Date.now() - statSync(f).mtimeMs > 3_600_000) rmSync(f, { force: true });
}
