// A host's packages as the fleet keeps them: digest, count, and the table, built from the index
// already parsed with the document, or (the reader's usual case) from the index's JSON text on first
// use, so opening the fleet never pays for 500 hosts' package lists.
import { EMPTY_TABLE, tableFromIndex, type PackageTable } from './package-table.js';
import { cleanText } from './validate-text.js';

/** A host's packages as the fleet keeps them: the table is built when first read. */
export interface FleetPackages {
  digest: string;
  count: number;
  readonly table: PackageTable;
  /** Why the index could not be read (the table is then empty and the host's packages unknown). */
  readonly tableError: string | null;
}

/** Packages whose index is already a value (the whole file was parsed). */
export function eagerPackages(digest: string, count: number, index: unknown, envCount: number): FleetPackages {
  return { digest, count, table: tableFromIndex(index, envCount), tableError: null };
}

/**
 * Packages whose index is still JSON text (cut out of the host file by json-span.ts): parsed and
 * validated on first use, then the text is dropped. The dashboard's first screen never pays for it.
 */
export function lazyPackages(digest: string, count: number, text: string, envCount: number): FleetPackages {
  let source: string | null = text;
  let table: PackageTable | null = null;
  let error: string | null = null;
  const build = (): PackageTable => {
    if (table) return table;
    try {
      // A hand-written reader of the index text straight into the table was tried: V8's JSON.parse
      // plus tableFromIndex took less CPU (bench/fleet.mjs, 500 hosts).
      table = tableFromIndex(JSON.parse(source!), envCount);
    } catch (e) {
      table = EMPTY_TABLE;
      error = `the package index is not valid JSON (${cleanText((e as Error).message, 200)})`;
    }
    source = null;
    return table;
  };
  return {
    digest,
    count,
    get table() {
      return build();
    },
    get tableError() {
      build();
      return error;
    },
  };
}
