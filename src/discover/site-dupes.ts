// One name, one distribution per site, as Python sees it. importlib.metadata lists a directory's
// *.dist-info before its *.egg-info (Lookup.search chains `infos` then `eggs`), and pip keeps the first
// distribution of each canonical name per location (pip/_internal/metadata/importlib/_envs.py,
// `_found_names`). Debian's python3-cryptography ships both a .dist-info and an .egg-info in one site:
// `pip list --path` shows it once, and so do we. The ignored copies stay visible in `ignoredCopies`.
import type { Distribution } from '../model.js';

function better(a: Distribution, b: Distribution): boolean {
  // Metadata pip cannot read is skipped by pip; a readable copy wins over it.
  const pa = a.problems?.length ? 1 : 0;
  const pb = b.problems?.length ? 1 : 0;
  if (pa !== pb) return pa < pb;
  if (a.format !== b.format) return a.format === 'dist-info';
  // Two dist-infos of one name: Python takes directory order (not stable across file systems); we take
  // the name order so that every scan agrees with itself.
  return a.metadataPath < b.metadataPath;
}

/** Fold same-name distributions of one site into the one Python imports; input order kept otherwise. */
export function foldSameName(packages: Distribution[]): Distribution[] {
  const byName = new Map<string, Distribution>();
  const copies = new Map<string, string[]>();
  for (const d of packages) {
    const cur = byName.get(d.name);
    if (!cur) {
      byName.set(d.name, d);
      continue;
    }
    const [win, lose] = better(d, cur) ? [d, cur] : [cur, d];
    byName.set(d.name, win);
    copies.set(d.name, [...(copies.get(d.name) ?? []), lose.metadataPath, ...(lose.ignoredCopies ?? [])]);
  }
  if (!copies.size) return packages;
  const out: Distribution[] = [];
  for (const d of byName.values()) {
    const extra = copies.get(d.name);
    out.push(extra ? { ...d, ignoredCopies: [...extra].sort() } : d);
  }
  return out;
}
