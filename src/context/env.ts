// Translating the scanning user's environment into the scanned machine: path-valued variables are
// mapped inside the root, or dropped when they point outside it.
import path from 'node:path';
import { KIND_TRAITS } from '../kinds.js';

export type Env = Record<string, string | undefined>;

/** Path variables every scan reads, whatever the kind. */
const COMMON_PATH_VARS = [
  'HOME', 'PATH', 'PWD', 'XDG_BIN_HOME', 'XDG_CONFIG_HOME', 'XDG_CONFIG_DIRS', 'XDG_DATA_HOME', 'XDG_STATE_HOME', 'XDG_CACHE_HOME', 'PIP_CONFIG_FILE',
];

/** Environment variables that hold paths (common ones and each kind's `envVars` trait); translated into the root or dropped. */
export const PATH_VARS: readonly string[] = [...new Set([...COMMON_PATH_VARS, ...Object.values(KIND_TRAITS).flatMap((t) => t.envVars)])];

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
