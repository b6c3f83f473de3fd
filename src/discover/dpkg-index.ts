// dpkg ownership, read once per scan: every /var/lib/dpkg/info/*.list, filtered to paths that matter
// to Python (site dirs, stdlib markers, bin dirs) so the map stays small.
import type { ScanContext } from '../context.js';
import { mapLimit } from './limit.js';
import { packageFromListFile, parseDiversions, parseDpkgList, type Diversion } from '../formats/dpkg.js';

export interface DpkgIndex {
  /** Owning package of a machine path (normalised for merged /usr), if any. */
  owner(path: string): string | undefined;
  diversions: Diversion[];
  /** False when the machine has no dpkg database. */
  present: boolean;
}

const INFO = '/var/lib/dpkg/info';

function keepPath(p: string): boolean {
  return p.includes('python') || p.includes('/bin/') || p.endsWith('EXTERNALLY-MANAGED');
}

/** The dpkg index for this scan (memoised on the ScanContext, shared by per-home children: read once). */
export function getDpkgIndex(ctx: ScanContext): Promise<DpkgIndex> {
  return ctx.memo('dpkg-index', () => loadDpkgIndex(ctx));
}

async function loadDpkgIndex(ctx: ScanContext): Promise<DpkgIndex> {
  const owners = new Map<string, string>();
  const entries = await ctx.tryReaddir(INFO);
  await mapLimit(entries, 32, async (e) => {
      const pkg = packageFromListFile(e.name);
      if (!pkg) return;
      const text = await ctx.tryReadText(`${INFO}/${e.name}`);
      if (text === null) return;
      for (const path of parseDpkgList(text, keepPath)) {
        // Directories are listed by many packages; the first owner is as good as any for a dir.
        if (!owners.has(path)) owners.set(path, pkg);
      }
  });
  const div = await ctx.tryReadText('/var/lib/dpkg/diversions');
  return {
    owner: (path) => owners.get(path.replace(/^\/(bin|sbin|lib|lib64)(\/|$)/, '/usr/$1$2')),
    diversions: div ? parseDiversions(div) : [],
    present: entries.length > 0,
  };
}
