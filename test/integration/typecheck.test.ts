import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';

it('the whole project typechecks under TypeScript strict', () => {
  const tsc = path.resolve('node_modules/typescript/bin/tsc');
  let out = '';
  try {
    execFileSync(process.execPath, [tsc, '--noEmit', '-p', '.'], { encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    out = String((e as { stdout?: string }).stdout ?? e);
  }
  expect(out).toBe('');
}, 120_000);
