// What a ScanContext is made from: its options, the state a context shares with its per-home children, and
// which variables belong to one user.
import { PATH_VARS, type Env } from './env.js';

export interface ScanOptions {
  /** Host directory treated as "/". Default "/". */
  root?: string;
  env?: Env;
  /** Machine path of the user's home. Default: $HOME translated into the root. */
  home?: string;
  /** Homes to scan for per-user environments. Default: see ScanContext.homes. */
  homes?: string[];
  /** Host directory for pyenvtui's own cache (site listings); null disables it. Default: see cacheDir. */
  cacheDir?: string | null;
  /** Files changed less than this many ms ago are not cached (timestamp granularity). Default 2000. */
  cacheRacyMs?: number;
  platform?: NodeJS.Platform;
  arch?: string;
  /** Extra directories to search for project venvs (machine paths). */
  search?: string[];
  /** Depth of the HOME walk for project venvs. */
  depth?: number;
  now?: () => Date;
  uid?: number;
}
/** State shared by a context and its per-home children (one scan, one set of caches). */
export interface Shared {
  /** Machine path → real machine path, for every path that resolved once during this context's life. */
  resolved: Map<string, string>;
  memo: Map<string, unknown>;
  spawns: number;
  lastBreath: number;
}

/** Variables that describe one user's setup; another home does not inherit them. */
export const PER_USER_VARS = PATH_VARS.filter((k) => !['HOME', 'PATH', 'XDG_CONFIG_DIRS', 'HOMEBREW_PREFIX', 'PIPX_GLOBAL_HOME', 'PIPX_GLOBAL_BIN_DIR'].includes(k));
