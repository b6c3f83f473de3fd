// Was the PEP 668 marker (EXTERNALLY-MANAGED) removed by hand? Signs: a renamed copy next to
// where it belongs (EXTERNALLY-MANAGED.bak/.old/...), or dpkg lists the file but it is gone and no
// dpkg-divert explains it (diversions are the documented escape hatch; the risk rules judge those).
import type { ScanContext } from '../context.js';
import type { Evidence } from '../model.js';
import type { Platform } from '../platform/types.js';

export interface MarkerCheck {
  marker: string;
  /** A renamed copy that can simply be moved back. */
  renamed?: string;
  evidence: Evidence[];
}

const DPKG_INFO = '/var/lib/dpkg/info';
const DPKG_DIVERSIONS = '/var/lib/dpkg/diversions';

/** Machine paths dpkg diverted (every third line of the diversions file, starting at the first). */
export function divertedPaths(text: string): Set<string> {
  const lines = text.split('\n');
  const out = new Set<string>();
  for (let i = 0; i + 2 < lines.length; i += 3) out.add(lines[i]!);
  return out;
}

/** Returns a result only when the marker looks removed by hand; null when present or never expected. */
export async function checkMarker(ctx: ScanContext, stdlib: string, platform: Platform): Promise<MarkerCheck | null> {
  const marker = `${stdlib}/EXTERNALLY-MANAGED`;
  if ((await ctx.tryLstat(marker)) !== null) return null;
  const evidence: Evidence[] = [];
  const copies = (await ctx.tryReaddir(stdlib)).map((e) => e.name).filter((n) => n.startsWith('EXTERNALLY-MANAGED') && n !== 'EXTERNALLY-MANAGED' && n !== 'EXTERNALLY-MANAGED.distrib');
  const renamed = copies.length ? `${stdlib}/${copies.sort()[0]}` : undefined;
  if (renamed) evidence.push({ path: renamed, detail: 'the marker was renamed instead of left in place' });
  if (platform.family === 'debian') {
    const diverted = divertedPaths((await ctx.tryReadText(DPKG_DIVERSIONS)) ?? '');
    if (diverted.has(marker)) return renamed ? { marker, renamed, evidence } : null;
    const lists = (await ctx.tryReaddir(DPKG_INFO)).map((e) => e.name).filter((n) => /^libpython3\.\d+-stdlib(:[a-z0-9]+)?\.list$/.test(n));
    for (const name of lists) {
      const text = await ctx.tryReadText(`${DPKG_INFO}/${name}`);
      if (!text) continue;
      const idx = text.split('\n').indexOf(marker);
      if (idx >= 0) {
        evidence.push({ path: `${DPKG_INFO}/${name}`, line: idx + 1, detail: `dpkg installed ${marker}, and it is gone` });
        break;
      }
    }
  }
  return evidence.length ? { marker, ...(renamed ? { renamed } : {}), evidence } : null;
}
