// R6: pip wrote into apt's own directory (/usr/lib/python3/dist-packages), e.g. with
// DEB_PYTHON_INSTALL_LAYOUT=deb; the next apt upgrade may overwrite or break those files.
import type { Finding } from '../../model.js';
import { finding, systemEnvs, q, type Rule } from './util.js';

export const pipInDistroDir: Rule = (inv, facts) => {
  const out: Finding[] = [];
  const layout = facts.env.DEB_PYTHON_INSTALL_LAYOUT;
  const dpkgKnown = inv.environments.some((e) => e.packages.some((p) => p.dpkgPackage));
  const seen = new Set<string>();
  for (const env of systemEnvs(inv)) {
    for (const d of env.packages.filter((p) => p.scope === 'distro')) {
      if (seen.has(d.metadataPath)) continue;
      const byPip = d.installer === 'pip' || d.installer === 'uv';
      if (!byPip && (!dpkgKnown || d.dpkgPackage || d.installer === 'debian' || d.installer !== null)) continue;
      seen.add(d.metadataPath);
      out.push(
        finding(
          'pip-in-distro-dir',
          byPip ? 'critical' : 'medium',
          byPip ? `${d.displayName} ${d.version} was written by ${d.installer} into apt's directory` : `${d.displayName} ${d.version} in apt's directory belongs to no Debian package`,
          [{ path: byPip ? `${d.metadataPath}/INSTALLER` : d.metadataPath, line: byPip ? 1 : undefined, detail: byPip ? `INSTALLER says ${d.installer} inside ${d.site}` : 'no dpkg list names it' }],
          [`Find the apt package that should own it: dpkg -S ${q(d.site)}/${q(d.name.replace(/-/g, '_'))}`, `sudo apt install --reinstall python3-${q(d.name)}   # if that is the Debian package`, `Remove the pip copy: ${q(d.metadataPath)} and the files listed in its RECORD`],
          { environment: env.id, package: d.name },
        ),
      );
    }
  }
  if (layout && /^deb/.test(layout)) {
    const target = systemEnvs(inv)[0];
    out.push(finding('pip-in-distro-dir', 'critical', `DEB_PYTHON_INSTALL_LAYOUT=${layout} makes pip write into apt's directories`, [{ env: 'DEB_PYTHON_INSTALL_LAYOUT', detail: `set to ${layout}` }], ['unset DEB_PYTHON_INSTALL_LAYOUT   # and remove it from your shell profile'], target ? { environment: target.id } : {}));
  }
  return out;
};
