// One host's packages (name → version → environments) in a compact, read-only form. A fleet holds
// hundreds of these: as plain objects (one per name, one array per version) 500 hosts x 20 environments
// took ~65 MB of heap; as sorted arrays of strings and typed arrays it is a few MB.
import { cleanText, isObj } from './validate-text.js';

export interface PackageTable {
  /** Sorted, unique package names. */
  names: string[];
  /** Rows of name i: rowStart[i] .. rowStart[i + 1] - 1. */
  rowStart: Uint32Array;
  /** Version of each row. */
  versions: string[];
  /** Environments of row r: envIdx[envStart[r] .. envStart[r + 1] - 1]. */
  envStart: Uint32Array;
  envIdx: Uint32Array;
}

export const EMPTY_TABLE: PackageTable = { names: [], rowStart: new Uint32Array(1), versions: [], envStart: new Uint32Array(1), envIdx: new Uint32Array(0) };

const MAX_NAMES = 200_000;
const MAX_VERSIONS = 1_000;

/** Builds a table from untrusted JSON (`{name: {version: [envIndex...]}}`); bad entries are dropped. */
// No string pool: JSON.parse internalizes object keys, so a name or version repeated across hosts is
// already one string in memory.
export function tableFromIndex(x: unknown, envCount: number): PackageTable {
  if (!isObj(x)) return EMPTY_TABLE;
  // Sorted by cleaned name (binary search needs it); a hostile name that cleans to a taken one is dropped.
  const pairs = Object.keys(x)
    .slice(0, MAX_NAMES)
    .map((raw) => [cleanText(raw, 128), raw] as const);
  if (pairs.some((p, i) => i > 0 && pairs[i - 1]![0] >= p[0])) pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const names: string[] = [];
  const rowStart: number[] = [];
  const versions: string[] = [];
  const envStart: number[] = [];
  const envIdx: number[] = [];
  for (const [name, raw] of pairs) {
    if (names.length && names[names.length - 1] === name) continue;
    const byVersion = x[raw];
    if (!isObj(byVersion)) continue;
    const first = versions.length;
    for (const rawVersion of Object.keys(byVersion).slice(0, MAX_VERSIONS).sort()) {
      const envs = byVersion[rawVersion];
      if (!Array.isArray(envs)) continue;
      const at = envIdx.length;
      // Only indexes that name an environment of this document survive.
      for (const i of envs) if (Number.isInteger(i) && i >= 0 && i < envCount && envIdx.length - at < envCount) envIdx.push(i);
      if (envIdx.length === at) continue;
      versions.push(cleanText(rawVersion, 64));
      envStart.push(at);
    }
    if (versions.length === first) continue;
    names.push(name);
    rowStart.push(first);
  }
  rowStart.push(versions.length);
  envStart.push(envIdx.length);
  return { names, rowStart: Uint32Array.from(rowStart), versions, envStart: Uint32Array.from(envStart), envIdx: Uint32Array.from(envIdx) };
}

/** Index of `name` in the table, or -1 (binary search). */
function find(t: PackageTable, name: string): number {
  let lo = 0;
  let hi = t.names.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = t.names[mid]!;
    if (v === name) return mid;
    if (v < name) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Versions of one package on this host, each with the environment indexes holding it; [] when absent. */
export function versionsOf(t: PackageTable, name: string): { version: string; envs: number[] }[] {
  const i = find(t, name);
  if (i < 0) return [];
  const out: { version: string; envs: number[] }[] = [];
  for (let r = t.rowStart[i]!; r < t.rowStart[i + 1]!; r++) out.push({ version: t.versions[r]!, envs: Array.from(t.envIdx.subarray(t.envStart[r]!, t.envStart[r + 1]!)) });
  return out;
}

/** Calls `fn` for every package with its versions on this host. */
export function eachPackage(t: PackageTable, fn: (name: string, versions: string[]) => void): void {
  for (let i = 0; i < t.names.length; i++) fn(t.names[i]!, t.versions.slice(t.rowStart[i]!, t.rowStart[i + 1]!));
}

/** Back to the plain `{name: {version: [env...]}}` shape (JSON output, tests). */
export function tableToIndex(t: PackageTable): Record<string, Record<string, number[]>> {
  const out: Record<string, Record<string, number[]>> = {};
  for (const name of t.names) out[name] = Object.fromEntries(versionsOf(t, name).map((v) => [v.version, v.envs]));
  return out;
}
