// Types for bench/synthetic.mjs (tests build small synthetic machines with it).
export const DISTS_PER_ENV: number;
export const PY: string;
/** Root of a synthetic machine with `n` venvs under /home/bench/projects (built once, cached in cacheDir). */
export function syntheticMachine(n: number, cacheDir?: string): string;
/** Host paths of every venv site directory in a synthetic machine. */
export function syntheticSites(root: string, n: number): string[];
export function readJsonIfExists(p: string): unknown;
