// R4: a pip copy earlier on sys.path hides the copy apt installed, so apt's tools run a version
// Debian never tested with them.
import type { Distribution, Finding } from '../../model.js';
import { finding, pythonOf, q, safeName, sudoFor, systemEnvs, type Rule } from './util.js';

/**
 * pip uninstall removes every file the copy's RECORD lists. When the RECORD leads outside its site, that would
 * delete files that are not the copy's: pyenvtui's migration then moves the copy out instead (its removal is
 * confined to the site and scripts directory), or, where it cannot, a comment says what to do by hand.
 */
function fixFor(first: Distribution, name: string | null, escapes: string[] | undefined, python: string): string[] {
  if (!name) return [`Remove ${first.metadataPath} and the files in its RECORD`];
  if (!escapes?.length) return [`${python} -m pip uninstall --break-system-packages ${q(name)}`];
  // The entries themselves (text from disk) go in the evidence, never into a line meant for a shell.
  const why = `not pip uninstall: its RECORD lists ${escapes.length} file${escapes.length > 1 ? 's' : ''} outside its site, which pip would delete`;
  if (first.scope === 'local' || first.scope === 'user') return [`pyenvtui migrate ${q(name)} --from ${first.scope} --to venv   # ${why}; the migration removes only what lies inside`];
  return [`# ${why}: remove ${first.metadataPath} and the files of its RECORD that lie inside ${first.site} by hand`];
}

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
            ...(facts.recordEscapes.get(first.metadataPath) ?? []).slice(0, 3).map((e) => ({ path: `${first.metadataPath}/RECORD`, detail: `leads outside the site: ${e}` })),
          ],
          fixFor(first, name, facts.recordEscapes.get(first.metadataPath), `${sudo}${pythonOf(env)}`),
          { environment: env.id, package: first.name },
        ),
      );
    }
  }
  return out;
};
