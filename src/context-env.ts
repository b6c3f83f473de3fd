// Translating the scanning user's environment into the scanned machine: path-valued variables are
// mapped inside the root, or dropped when they point outside it.
import path from 'node:path';

export type Env = Record<string, string | undefined>;

/** Environment variables that hold paths; they are translated into the root or dropped. */
export const PATH_VARS = [
  'HOME',
  'PATH',
  'PWD',
  'XDG_BIN_HOME',
  'CONDARC',
  'CONDA_ROOT',
  'CONDA_EXE',
  'PIPX_HOME',
  'PIPX_BIN_DIR',
  'PIPX_GLOBAL_HOME',
  'PIPX_GLOBAL_BIN_DIR',
  'WORKON_HOME',
  'VIRTUAL_ENV',
  'CONDA_PREFIX',
  'CONDA_ENVS_PATH',
  'MAMBA_ROOT_PREFIX',
  'PYENV_ROOT',
  'XDG_CONFIG_HOME',
  'XDG_CONFIG_DIRS',
  'XDG_DATA_HOME',
  'XDG_STATE_HOME',
  'XDG_CACHE_HOME',
  'PIP_CONFIG_FILE',
  'UV_PYTHON_INSTALL_DIR',
  'UV_TOOL_DIR',
  'UV_TOOL_BIN_DIR',
  'UV_CONFIG_FILE',
  'UV_PROJECT_ENVIRONMENT',
  'HATCH_DATA_DIR',
  'MISE_DATA_DIR',
  'ASDF_DATA_DIR',
  'HOMEBREW_PREFIX',
  'POETRY_VIRTUALENVS_PATH',
  'POETRY_CACHE_DIR',
];

export function toMachine(hostP: string, root: string): string | null {
  if (root === '/') return hostP;
  if (hostP === root) return '/';
  if (hostP.startsWith(root + path.sep)) return hostP.slice(root.length);
  return null;
}

/** Translate path-valued variables into the root; drop those that point outside it. */
export function translateEnv(env: Env, root: string): Env {
  const out: Env = { ...env };
  for (const k of PATH_VARS) {
    const v = env[k];
    if (v === undefined) continue;
    if (k === 'PATH' || k === 'XDG_CONFIG_DIRS' || k === 'CONDA_ENVS_PATH') {
      const kept = v
        .split(':')
        .filter(Boolean)
        .map((d) => toMachine(path.resolve(d), root))
        .filter((d): d is string => d !== null);
      out[k] = kept.length ? kept.join(':') : undefined;
      if (k === 'PATH' && !kept.length) out[k] = '/usr/local/bin:/usr/bin:/bin';
      continue;
    }
    if (k === 'PIP_CONFIG_FILE' && v === '/dev/null') continue;
    const m = toMachine(path.resolve(v), root);
    out[k] = m ?? undefined;
  }
  return out;
}
