// R3: pip/uv-installed distributions in the admin site (/usr/local/lib/python3.X/dist-packages), i.e.
// `sudo pip install` on an interpreter the distro manages.
import type { Finding } from '../../model.js';
import { finding, pythonOf, q, safeName, systemEnvs, type Rule } from './util.js';

export const pipInSystemSite: Rule = (inv, facts) => {
  const out: Finding[] = [];
  for (const env of systemEnvs(inv)) {
    const managed = env.externallyManaged || Boolean(facts.markers.get(env.id)?.listedBy);
    if (!managed) continue;
    for (const d of env.packages) {
      if (d.scope !== 'local' || (d.installer !== 'pip' && d.installer !== 'uv')) continue;
      const name = safeName(d);
      out.push(
        finding(
          'pip-in-system-site',
          'medium',
          `${d.displayName} ${d.version} was installed system-wide with ${d.installer} (sudo ${d.installer})`,
          [{ path: `${d.metadataPath}/INSTALLER`, line: 1, detail: `INSTALLER says ${d.installer}; ${d.site} belongs to the admin, not to apt` }],
          // pyenvtui migrate installs it isolated, verifies, then removes this copy (asking for sudo when needed; undoable).
          name
            ? [`pyenvtui migrate ${q(name)} --from local --to ${d.scripts.length ? 'pipx' : 'venv'}`]
            : [`# remove ${d.metadataPath} and the files its RECORD lists, by hand: its name cannot be passed to a command safely`],
          { environment: env.id, package: d.name },
        ),
      );
    }
  }
  return out;
};
