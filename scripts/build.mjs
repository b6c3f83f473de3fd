// Bundles the app into one ESM file (dist/pyenvtui.js) that bin/pyenvtui.js loads.
// One file starts twice as fast as loading node_modules (see bench/), which matters on a Pi.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

await build({
  entryPoints: [fileURLToPath(new URL('../src/main.ts', import.meta.url))],
  outfile: fileURLToPath(new URL('../dist/pyenvtui.js', import.meta.url)),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"', __PYENVTUI_VERSION__: JSON.stringify(pkg.version) },
  // Ink imports react-devtools-core statically; marking it external leaves an import that fails.
  alias: { 'react-devtools-core': fileURLToPath(new URL('./stubs/react-devtools-core.js', import.meta.url)) },
  // Some dependencies are CommonJS and call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
});
