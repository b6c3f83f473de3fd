// Issue 10 item 2: adding a kind to ENV_KINDS without its KIND_TRAITS entry is a compile error. Checked with
// the real tsc on copies of src/model.ts and src/kinds.ts (test/types/kind-traits.ts pins the same in the
// project's own typecheck).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

describe('adding a kind', () => {
  it('a kind in ENV_KINDS without traits does not compile', () => {
    // Copy the two files, add a kind to the copy of ENV_KINDS, and let tsc judge the copy of the table.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kinds-'));
    try {
      cpSync('src/kinds.ts', path.join(dir, 'kinds.ts'));
      const model = readFileSync('src/model.ts', 'utf8');
      const added = model.replace("export const ENV_KINDS = [\n", "export const ENV_KINDS = [\n  'new-kind',\n");
      expect(added).not.toBe(model);
      writeFileSync(path.join(dir, 'model.ts'), added);
      const tsc = path.resolve('node_modules/typescript/bin/tsc');
      const run = (): string => {
        try {
          execFileSync(process.execPath, [tsc, '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', path.join(dir, 'kinds.ts')], { encoding: 'utf8', stdio: 'pipe' });
          return '';
        } catch (e) {
          return String((e as { stdout?: string }).stdout ?? e);
        }
      };
      const out = run();
      expect(out).toMatch(/kinds\.ts.*Property '"new-kind"' is missing/s);
      // And the unmodified pair compiles, so the error above is the new kind's.
      writeFileSync(path.join(dir, 'model.ts'), model);
      expect(run()).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
