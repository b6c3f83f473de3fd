// Writes the key table into docs/dashboard.md from the one key table (components/state/key-bindings.ts).
// Run: node scripts/gen-keys-doc.mjs   (test/unit/keys-doc.test.ts fails when the doc is stale)
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'pyenvtui-keys-'));
try {
  const out = path.join(tmp, 'key-doc.mjs');
  await build({ entryPoints: [path.join(here, '../components/state/key-doc.ts')], outfile: out, bundle: true, format: 'esm', platform: 'node', logLevel: 'error' });
  const { keyTableMarkdown, KEYS_START, KEYS_END } = await import(pathToFileURL(out).href);
  const doc = path.join(here, '../docs/dashboard.md');
  const text = readFileSync(doc, 'utf8');
  const a = text.indexOf(KEYS_START);
  const b = text.indexOf(KEYS_END);
  if (a < 0 || b < a) throw new Error(`docs/dashboard.md needs the markers ${KEYS_START} and ${KEYS_END}`);
  writeFileSync(doc, `${text.slice(0, a + KEYS_START.length)}\n${keyTableMarkdown()}${text.slice(b)}`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
