// The kind table (src/kinds.ts): complete, consistent, and the only source of the kind lists.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KIND_TRAITS, KINDS_BY_PRECEDENCE, kindsWhere } from '../../src/kinds.js';
import { ENV_KINDS } from '../../src/model.js';
import { PATH_VARS } from '../../src/context-env.js';
import { KIND_GROUPS, groupOf } from '../../components/state/kinds.js';
import { INTERPRETER_KINDS } from '../../src/lifecycle/dependents.js';

describe('KIND_TRAITS', () => {
  it('has one entry per kind and unique precedences', () => {
    expect(Object.keys(KIND_TRAITS).sort()).toEqual([...ENV_KINDS].sort());
    const ranks = ENV_KINDS.map((k) => KIND_TRAITS[k].precedence);
    expect(new Set(ranks).size).toBe(ENV_KINDS.length);
    expect(KINDS_BY_PRECEDENCE.length).toBe(ENV_KINDS.length);
  });

  it('puts every kind in exactly one dashboard group, the one its trait names', () => {
    for (const k of ENV_KINDS) {
      expect(KIND_GROUPS.filter((g) => g.kinds.includes(k)).map((g) => g.id)).toEqual([KIND_TRAITS[k].group]);
      expect(groupOf(k).id).toBe(KIND_TRAITS[k].group);
    }
  });

  it('base interpreters are interpreters; venvs are neither', () => {
    for (const k of kindsWhere((t) => t.base)) expect(KIND_TRAITS[k].interpreter).toBe(true);
    for (const k of kindsWhere((t) => t.venv)) expect(KIND_TRAITS[k].interpreter || KIND_TRAITS[k].base).toBe(false);
    expect([...INTERPRETER_KINDS].sort()).toEqual([...kindsWhere((t) => t.interpreter)].sort());
  });

  it('every variable a kind reads is translated under --root', () => {
    for (const k of ENV_KINDS) for (const v of KIND_TRAITS[k].envVars) expect(PATH_VARS).toContain(v);
    expect(new Set(PATH_VARS).size).toBe(PATH_VARS.length);
  });
});

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
