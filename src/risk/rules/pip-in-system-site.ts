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
          name
            ? [`pyenvtui migrate   # move ${name} into pipx or a venv, then:`, `sudo ${pythonOf(env)} -m pip uninstall --break-system-packages ${q(name)}`]
            : [`Remove ${d.metadataPath} and the files listed in its RECORD`],
          { environment: env.id, package: d.name },
        ),
      );
    }
  }
  return out;
};
