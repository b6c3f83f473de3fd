// CPU architecture of an interpreter from the files that state it (nothing is run):
// - build-details.json (PEP 739, Python 3.14+): `platform` is sysconfig.get_platform() — linux-x86_64,
//   linux-aarch64, macosx-14.0-arm64, macosx-10.13-universal2 — whose last part is the architecture;
// - Homebrew's INSTALL_RECEIPT.json in a keg: `arch` (Hardware::CPU.arch: arm64, x86_64), and the
//   `homebrew_version` that poured it.
import type { ScanContext } from '../context.js';
import * as fs from './resolve.js';

/** Architecture from build-details.json text, or null. */
export function archFromBuildDetails(text: string): string | null {
  try {
    const p = (JSON.parse(text) as { platform?: unknown }).platform;
    if (typeof p !== 'string' || p.length > 100) return null;
    const arch = p.slice(p.lastIndexOf('-') + 1);
    return /^[A-Za-z0-9_]{1,32}$/.test(arch) ? arch : null;
  } catch {
    return null;
  }
}

/** build-details.json of the first minor that has one under `prefix`. */
export async function archFromPrefix(ctx: ScanContext, prefix: string, minors: string[]): Promise<string | null> {
  for (const m of minors) {
    const text = await fs.tryReadText(ctx, `${prefix}/lib/python${m}/build-details.json`);
    const a = text ? archFromBuildDetails(text) : null;
    if (a) return a;
  }
  return null;
}

/** Homebrew keg receipt: the arch it was poured for and the Homebrew version that installed it. */
export function parseInstallReceipt(text: string): { arch: string | null; homebrewVersion: string | null } {
  try {
    const j = JSON.parse(text) as { arch?: unknown; homebrew_version?: unknown };
    const s = (v: unknown): string | null => (typeof v === 'string' && /^[A-Za-z0-9_.+-]{1,64}$/.test(v) ? v : null);
    return { arch: s(j.arch), homebrewVersion: s(j.homebrew_version) };
  } catch {
    return { arch: null, homebrewVersion: null };
  }
}
