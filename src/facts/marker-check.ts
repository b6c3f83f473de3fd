// Was the PEP 668 marker (EXTERNALLY-MANAGED) removed by hand? Signs: a renamed copy next to
// where it belongs (EXTERNALLY-MANAGED.bak/.old/...), or dpkg lists the file but it is gone and no
// dpkg-divert explains it (diversions are the documented escape hatch; the risk rules judge those).
// dpkg's answer comes from the scan's one dpkg index (no .list file is read here).
import type { ScanContext } from '../context/scan-context.js';
import type { DpkgIndex } from '../discover/dpkg-index.js';
import { normalizeDpkgPath } from '../formats/dpkg.js';
import type { Evidence } from '../model.js';
import type { Platform } from '../platform/types.js';

export interface MarkerCheck {
  marker: string;
  /** A renamed copy that can simply be moved back. */
  renamed?: string;
  evidence: Evidence[];
}

/** Returns a result only when the marker looks removed by hand; null when present or never expected. */
export async function checkMarker(ctx: ScanContext, stdlib: string, platform: Platform, dpkg: DpkgIndex | null): Promise<MarkerCheck | null> {
  const marker = `${stdlib}/EXTERNALLY-MANAGED`;
  if ((await ctx.tryLstat(marker)) !== null) return null;
  const evidence: Evidence[] = [];
  const copies = (await ctx.tryReaddir(stdlib)).map((e) => e.name).filter((n) => n.startsWith('EXTERNALLY-MANAGED') && n !== 'EXTERNALLY-MANAGED' && n !== 'EXTERNALLY-MANAGED.distrib');
  const renamed = copies.length ? `${stdlib}/${copies.sort()[0]}` : undefined;
  if (renamed) evidence.push({ path: renamed, detail: 'the marker was renamed instead of left in place' });
  if (platform.family === 'debian' && dpkg) {
    if (dpkg.diversions.some((d) => normalizeDpkgPath(d.original) === normalizeDpkgPath(marker))) return renamed ? { marker, renamed, evidence } : null;
    const listed = dpkg.listing(marker);
    if (listed) evidence.push({ path: listed.list, line: listed.line, detail: `dpkg installed ${marker}, and it is gone` });
  }
  return evidence.length ? { marker, ...(renamed ? { renamed } : {}), evidence } : null;
}
