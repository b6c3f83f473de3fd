// Builds dist/ when it is missing or older than any source file (used by `npm start` and `npm run bench`).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

const out = 'dist/pyenvtui.js';
function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}
const stale = !existsSync(out) || Math.max(newest('src'), newest('components'), statSync('package.json').mtimeMs) > statSync(out).mtimeMs;
if (stale) execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
