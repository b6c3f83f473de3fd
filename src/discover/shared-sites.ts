// One site, one set of packages. Two interpreters of one minor version read the same directories:
// Debian's python3.11 and pyenv's 3.11.7 both put ~/.local/lib/python3.11/site-packages on sys.path,
// and every Debian python3.X reads /usr/lib/python3/dist-packages. Listing the site under each would
// count its packages twice and credit its findings to whichever reader a rule met first. So each
// shared site (same real path) records all its readers, and its distributions are listed under one of
// them, chosen the same way every time: a system interpreter first, then by id.
import type { ScanContext } from '../context/scan-context.js';
import type { Environment } from '../model.js';
import * as fs from './resolve.js';

const ownerRank = (e: Environment): number => (e.kind === 'system' ? 0 : 1);

/** Marks shared sites (SiteDir.readers, SiteDir.packagesIn) and drops duplicate package lists. Mutates envs. */
export async function shareSites(ctx: ScanContext, envs: Environment[]): Promise<void> {
  const readers = new Map<string, Environment[]>();
  for (const e of envs) {
    for (const s of e.sites) {
      const key = (await fs.tryRealpath(ctx, s.path)) ?? s.path;
      const list = readers.get(key) ?? [];
      if (!list.includes(e)) list.push(e);
      readers.set(key, list);
    }
  }
  for (const [key, list] of readers) {
    if (list.length < 2) continue;
    const sorted = [...list].sort((a, b) => ownerRank(a) - ownerRank(b) || a.id.localeCompare(b.id));
    const owner = sorted[0]!;
    const ids = sorted.map((e) => e.id);
    for (const e of sorted) {
      // Site objects may be shared between environments by a locator: mark copies, never the shared one.
      e.sites = e.sites.map((s) => ({ ...s }));
      for (const s of e.sites) {
        if (((await fs.tryRealpath(ctx, s.path)) ?? s.path) !== key) continue;
        s.readers = ids;
        if (e === owner) continue;
        s.packagesIn = owner.id;
        e.packages = e.packages.filter((d) => d.site !== s.path);
      }
    }
  }
}
