// R4: a pip copy earlier on sys.path hides the copy apt installed, so apt's tools run a version
// Debian never tested with them.
import type { Distribution, Finding } from '../../model.js';
import { finding, pythonOf, q, safeName, sudoFor, systemEnvs, type Rule } from './util.js';

export const shadowsDistroPackage: Rule = (inv, facts) => {
  const out: Finding[] = [];
  for (const env of systemEnvs(inv)) {
    const order = new Map(env.sites.map((s) => [s.path, s.order]));
    const byName = new Map<string, Distribution[]>();
    for (const d of env.packages) byName.set(d.name, [...(byName.get(d.name) ?? []), d]);
    for (const copies of byName.values()) {
      if (copies.length < 2) continue;
      copies.sort((a, b) => (order.get(a.site) ?? 99) - (order.get(b.site) ?? 99));
      const first = copies[0]!;
      const apt = copies.find((c) => c.dpkgPackage || c.installer === 'debian');
      if (!apt || apt === first || first.dpkgPackage) continue;
      const name = safeName(first);
      const sudo = sudoFor(first.site, facts.home);
      out.push(
        finding(
          'shadows-distro-package',
          'high',
          `${first.displayName} ${first.version} (${first.scope} site) hides apt's ${apt.dpkgPackage ?? apt.displayName} ${apt.version}`,
          [
            { path: first.metadataPath, detail: `${first.site} comes first on sys.path (installer: ${first.installer ?? 'unknown'})` },
            { path: apt.metadataPath, detail: `apt's copy${apt.dpkgPackage ? ` from package ${apt.dpkgPackage}` : ''} is hidden` },
          ],
          name ? [`${sudo}${pythonOf(env)} -m pip uninstall --break-system-packages ${q(name)}`] : [`Remove ${first.metadataPath} and the files in its RECORD`],
          { environment: env.id, package: first.name },
        ),
      );
    }
  }
  return out;
};
