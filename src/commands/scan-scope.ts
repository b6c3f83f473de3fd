// What to scan, as --root, --search and --depth say (scan, doctor, tui, impact, export read them alike).
import path from 'node:path';
import { str, list, type Parsed } from './spec.js';

export interface ScanScope {
  /** Host directory treated as "/" (absolute). */
  root: string;
  /** Extra venv search directories, as machine paths. */
  search: string[];
  depth?: number;
}

/** --depth as a number; an error message when it is not a whole number from 0 to 64. */
export function parseDepth(v: string | undefined): number | undefined | { error: string } {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) > 64) return { error: `--depth must be a whole number from 0 to 64, got '${v}'` };
  return Number(v);
}

/** --search takes paths as the user sees them; under --root, host paths inside the root are mapped in. */
export function searchInRoot(root: string, search: readonly string[]): string[] {
  return search.map((s) => {
    const abs = path.resolve(s);
    if (root === '/') return abs;
    return abs === root ? '/' : abs.startsWith(root + '/') ? abs.slice(root.length) : s;
  });
}

/** The scope from parsed options (root resolved, search mapped into it). */
export function scanScope(p: Parsed): ScanScope | { error: string } {
  const depth = parseDepth(str(p, 'depth'));
  if (typeof depth === 'object') return depth;
  const root = path.resolve(str(p, 'root') ?? '/');
  return { root, search: searchInRoot(root, list(p, 'search')), ...(depth !== undefined ? { depth } : {}) };
}
