// R14: egg-info installs with no RECORD and no installed-files.txt: pip cannot uninstall them cleanly.
import type { Finding } from '../../model.js';
import { finding, q, type Rule } from './util.js';

export const noUninstallRecord: Rule = (inv) => {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const env of inv.environments) {
    for (const d of env.packages) {
      if (d.hasRecord || d.dpkgPackage || d.installer === 'debian' || d.installer === 'conda' || seen.has(d.metadataPath)) continue;
      if (d.scope === 'distro') continue;
      seen.add(d.metadataPath);
      out.push(finding('no-uninstall-record', 'info', `${d.displayName} ${d.version} has no file list: pip cannot uninstall it cleanly`, [{ path: d.metadataPath, detail: `${d.format} without RECORD or installed-files.txt` }], [`Remove it with the tool that installed it, or delete ${q(d.metadataPath)} and its top-level modules by hand`], { environment: env.id, package: d.name }));
    }
  }
  return out;
};
