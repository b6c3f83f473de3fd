// What dpkg says is installed (/var/lib/dpkg/status), for prerequisite checks such as
// "python3.11-venv is not installed".
import type { ScanContext } from '../context.js';
import { parseControl, relationNames } from './deb-control.js';

export const DPKG_STATUS = '/var/lib/dpkg/status';

export interface DpkgEntry {
  name: string;
  version?: string;
  /** Third word of Status: installed, config-files, half-installed, not-installed ... */
  state: string;
  provides: string[];
  line: number;
}

export interface DpkgStatus {
  path: string;
  entries: Map<string, DpkgEntry>;
}

/** Parse a dpkg status text (pure). Multi-arch duplicates keep the installed one. */
export function parseDpkgStatus(text: string, path = DPKG_STATUS): DpkgStatus {
  const entries = new Map<string, DpkgEntry>();
  for (const { fields, line } of parseControl(text, ['Package', 'Status', 'Version', 'Provides'])) {
    if (!fields.Package) continue;
    const state = (fields.Status ?? '').split(/\s+/)[2] ?? 'unknown';
    const entry: DpkgEntry = { name: fields.Package, version: fields.Version, state, provides: relationNames(fields.Provides), line };
    const prev = entries.get(entry.name);
    if (!prev || prev.state !== 'installed') entries.set(entry.name, entry);
  }
  return { path, entries };
}

/** dpkg status of the scanned machine, or null when there is none (not a Debian system). */
export async function readDpkgStatus(ctx: ScanContext): Promise<DpkgStatus | null> {
  const text = await ctx.tryReadText(DPKG_STATUS);
  return text === null ? null : parseDpkgStatus(text);
}

export function isInstalled(status: DpkgStatus, name: string): boolean {
  return status.entries.get(name)?.state === 'installed';
}
