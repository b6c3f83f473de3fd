// Every environment kind described once. Each list of kinds elsewhere (dedupe precedence, the dashboard's
// groups, which kinds are interpreters, project venvs, how a broken one is repaired, the variables its
// locator reads) is read from here. `KIND_TRAITS` is a Record over EnvKind: a kind added to ENV_KINDS
// without its traits does not compile (test/types/kinds.ts keeps that true).
import type { EnvKind } from './model.js';

/** The dashboard's overview groups (the "user" group holds user-site packages, not a kind). */
export type KindGroupId = 'system' | 'venvs' | 'pipx' | 'conda' | 'pyenv' | 'uv' | 'other';

/** How a broken environment of this kind is repaired (src/risk/repair.ts gives the commands). */
export type RepairWay =
  /** the managing tool reinstalls it from its own record (pipx reinstall, uv tool install --reinstall) */
  | 'reinstall-tool'
  /** the tool that installed this Python installs it again (pyenv, uv python, mise, asdf, brew) */
  | 'reinstall-python'
  /** moved aside and rebuilt with an interpreter of the same minor version, same pinned packages */
  | 'rebuild-venv'
  /** conda reinstalls the env's python (a base cannot repair itself) */
  | 'conda'
  /** the OS package manager */
  | 'os-package';

export interface KindTraits {
  /** Shown to people ("pipx app", "Poetry venv"). */
  label: string;
  /** Overview group on the dashboard (components/state/kinds.ts). */
  group: KindGroupId;
  /** Dedupe: the same prefix found by several locators is kept under the lowest number (most specific). Unique. */
  precedence: number;
  /** A Python other environments are made from: venvs name it in pyvenv.cfg `home` (dependents, impact). */
  interpreter: boolean;
  /** A standalone base interpreter with its own stdlib that creates venvs (venv checks, rebuild bases). */
  base: boolean;
  /** Carries a distribution-style PEP 668 EXTERNALLY-MANAGED marker. */
  marked: boolean;
  /** Belongs to a project: a library found here is "already in a venv" (advice). */
  project: boolean;
  /** A plain venv whose packages export pins and restore rebuilds (pyenvtui export). */
  venv: boolean;
  repair: RepairWay;
  /**
   * Path-valued environment variables this kind's locator reads. Under --root they are translated into
   * the root or dropped (src/context/env.ts).
   */
  envVars: readonly string[];
}

export const KIND_TRAITS: Readonly<Record<EnvKind, KindTraits>> = {
  pipx: { label: 'pipx app', group: 'pipx', precedence: 0, interpreter: false, base: false, marked: false, project: false, venv: false, repair: 'reinstall-tool', envVars: ['PIPX_HOME', 'PIPX_BIN_DIR', 'PIPX_GLOBAL_HOME', 'PIPX_GLOBAL_BIN_DIR'] },
  'uv-tool': { label: 'uv tool', group: 'uv', precedence: 1, interpreter: false, base: false, marked: false, project: false, venv: false, repair: 'reinstall-tool', envVars: ['UV_TOOL_DIR', 'UV_TOOL_BIN_DIR', 'UV_CONFIG_FILE'] },
  conda: { label: 'conda env', group: 'conda', precedence: 2, interpreter: true, base: false, marked: false, project: true, venv: false, repair: 'conda', envVars: ['CONDARC', 'CONDA_ROOT', 'CONDA_EXE', 'CONDA_PREFIX', 'CONDA_ENVS_PATH', 'MAMBA_ROOT_PREFIX'] },
  'pyenv-virtualenv': { label: 'pyenv-virtualenv', group: 'pyenv', precedence: 3, interpreter: false, base: false, marked: false, project: true, venv: true, repair: 'rebuild-venv', envVars: ['PYENV_ROOT'] },
  pyenv: { label: 'pyenv Python', group: 'pyenv', precedence: 4, interpreter: true, base: true, marked: false, project: false, venv: false, repair: 'reinstall-python', envVars: ['PYENV_ROOT'] },
  'uv-python': { label: 'uv-managed Python', group: 'uv', precedence: 5, interpreter: true, base: true, marked: false, project: false, venv: false, repair: 'reinstall-python', envVars: ['UV_PYTHON_INSTALL_DIR', 'UV_CONFIG_FILE'] },
  mise: { label: 'mise Python', group: 'other', precedence: 6, interpreter: true, base: true, marked: false, project: false, venv: false, repair: 'reinstall-python', envVars: ['MISE_DATA_DIR'] },
  asdf: { label: 'asdf Python', group: 'other', precedence: 7, interpreter: true, base: true, marked: false, project: false, venv: false, repair: 'reinstall-python', envVars: ['ASDF_DATA_DIR'] },
  homebrew: { label: 'Homebrew Python', group: 'system', precedence: 8, interpreter: true, base: true, marked: true, project: false, venv: false, repair: 'reinstall-python', envVars: ['HOMEBREW_PREFIX'] },
  system: { label: 'system Python', group: 'system', precedence: 9, interpreter: true, base: true, marked: true, project: false, venv: false, repair: 'os-package', envVars: [] },
  hatch: { label: 'Hatch env', group: 'venvs', precedence: 10, interpreter: false, base: false, marked: false, project: true, venv: true, repair: 'rebuild-venv', envVars: ['HATCH_DATA_DIR'] },
  poetry: { label: 'Poetry venv', group: 'venvs', precedence: 11, interpreter: false, base: false, marked: false, project: true, venv: true, repair: 'rebuild-venv', envVars: ['POETRY_VIRTUALENVS_PATH', 'POETRY_CACHE_DIR'] },
  pipenv: { label: 'Pipenv venv', group: 'venvs', precedence: 12, interpreter: false, base: false, marked: false, project: true, venv: true, repair: 'rebuild-venv', envVars: ['WORKON_HOME'] },
  pdm: { label: 'PDM venv', group: 'venvs', precedence: 13, interpreter: false, base: false, marked: false, project: true, venv: true, repair: 'rebuild-venv', envVars: [] },
  virtualenvwrapper: { label: 'virtualenvwrapper env', group: 'venvs', precedence: 14, interpreter: false, base: false, marked: false, project: true, venv: true, repair: 'rebuild-venv', envVars: ['WORKON_HOME'] },
  'uv-project': { label: 'uv project venv', group: 'venvs', precedence: 15, interpreter: false, base: false, marked: false, project: true, venv: true, repair: 'rebuild-venv', envVars: ['UV_PROJECT_ENVIRONMENT'] },
  venv: { label: 'venv', group: 'venvs', precedence: 16, interpreter: false, base: false, marked: false, project: true, venv: true, repair: 'rebuild-venv', envVars: ['VIRTUAL_ENV'] },
};

/** The traits of a kind. */
export function traitsOf(kind: EnvKind): KindTraits {
  return KIND_TRAITS[kind];
}

/** Every kind, most specific first (dedupe order). */
export const KINDS_BY_PRECEDENCE: readonly EnvKind[] = (Object.keys(KIND_TRAITS) as EnvKind[]).sort((a, b) => KIND_TRAITS[a].precedence - KIND_TRAITS[b].precedence);

/** Kinds with a trait set, in precedence order. */
export function kindsWhere(pick: (t: KindTraits) => boolean): ReadonlySet<EnvKind> {
  return new Set(KINDS_BY_PRECEDENCE.filter((k) => pick(KIND_TRAITS[k])));
}
