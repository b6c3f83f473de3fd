// Checked by tsc (test/unit/typecheck.test.ts), never run: each `@ts-expect-error` must meet an error,
// or the project stops compiling. It pins down that the kind table cannot drift from ENV_KINDS.
import { KIND_TRAITS, type KindTraits } from '../../src/kinds.js';
import type { EnvKind } from '../../src/model.js';

// A kind added to ENV_KINDS without its traits: the table is short of a key.
// @ts-expect-error 'new-kind' has no entry in KIND_TRAITS
export const withNewKind: Record<EnvKind | 'new-kind', KindTraits> = KIND_TRAITS;

// A kind whose traits leave one out (here: how it is repaired).
export const missingTrait: Record<EnvKind, KindTraits> = {
  ...KIND_TRAITS,
  // @ts-expect-error 'repair' is missing
  venv: { label: 'venv', group: 'venvs', precedence: 16, interpreter: false, base: false, marked: false, project: true, venv: true, envVars: [] },
};

// A group that the dashboard does not have.
// @ts-expect-error 'elsewhere' is not a KindGroupId
export const badGroup: KindTraits = { ...KIND_TRAITS.venv, group: 'elsewhere' };
