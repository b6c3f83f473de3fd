// R5: packages in ~/.local/lib/python3.X/site-packages of a marked interpreter (`pip install --user
// --break-system-packages`): first on sys.path, so they change every program using that Python.
import type { Finding } from '../../model.js';
import { finding, q, safeName, systemEnvs, type Rule } from './util.js';

export const pipInUserSite: Rule = (inv) => {
  const out: Finding[] = [];
  for (const env of systemEnvs(inv).filter((e) => e.externallyManaged)) {
    // One pass for the apt copies, then a lookup per user package: linear (100k packages compared
    // pairwise took minutes).
    const distro = new Set(env.packages.filter((p) => p.scope === 'distro').map((p) => p.name));
    for (const d of env.packages.filter((p) => p.scope === 'user')) {
      const name = safeName(d);
      const shadowsApt = distro.has(d.name);
      out.push(
        finding(
          'pip-in-user-site',
          shadowsApt ? 'high' : 'medium',
          `${d.displayName} ${d.version} is in the user site of ${env.name}${shadowsApt ? ' and hides the apt copy' : ''}`,
          [{ path: d.metadataPath, detail: `user site ${d.site} is searched before the system's packages (installer: ${d.installer ?? 'unknown'})` }],
          // pyenvtui migrate installs it isolated, verifies, then removes this copy (undoable): no bare pip uninstall.
          name ? [`pyenvtui migrate ${q(name)} --from user --to ${d.scripts.length ? 'pipx' : 'venv'}`] : [`# remove ${d.metadataPath} and the files its RECORD lists, by hand: its name cannot be passed to a command safely`],
          { environment: env.id, package: d.name },
        ),
      );
    }
  }
  return out;
};
