// The kind table (src/kinds.ts): complete, consistent, and the only source of the kind lists.
// (That a kind without traits does not compile: test/integration/kinds-compile.test.ts.)
import { describe, expect, it } from 'vitest';
import { KIND_TRAITS, KINDS_BY_PRECEDENCE, kindsWhere } from '../../src/kinds.js';
import { ENV_KINDS } from '../../src/model.js';
import { PATH_VARS } from '../../src/context/env.js';
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
