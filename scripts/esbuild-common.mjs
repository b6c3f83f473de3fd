// esbuild options shared by the bundle (scripts/build.mjs) and the single executable
// (scripts/build-sea.mjs): the same program, the same Node 18.19 floor, the same aliases.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const stub = fileURLToPath(new URL('./stubs/react-devtools-core.js', import.meta.url));

export const root = fileURLToPath(new URL('..', import.meta.url));

export const common = {
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
  // flag (devDependency `string-width-node18`, an npm alias). test/integration/bundle-node18.test.ts keeps
  // dist/ free of the constructs Node 18 lacks.
  alias: { 'react-devtools-core': stub, ws: stub, 'string-width': 'string-width-node18' },
  logLevel: 'warning',
};
