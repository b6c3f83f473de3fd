// R2: the EXTERNALLY-MANAGED marker of a distro Python was deleted or diverted, so pip no longer
// protects apt's packages. Only flagged when dpkg says the marker belongs there (or a diversion exists).
import type { Evidence, Finding } from '../../model.js';
import { finding, q, systemEnvs, type Rule } from './util.js';

export const markerMissing: Rule = (inv, facts) => {
  const out: Finding[] = [];
  for (const env of systemEnvs(inv)) {
    const m = facts.markers.get(env.id);
    if (!m || m.present) continue;
    if (!m.listedBy && !m.diversion && !m.distribPresent) continue;
    const ev: Evidence[] = [{ path: m.path, detail: 'EXTERNALLY-MANAGED is missing: pip installs into this interpreter without any warning' }];
    const fix: string[] = [];
    if (m.diversion) {
      ev.push({ path: '/var/lib/dpkg/diversions', detail: `diverted to ${m.diversion.divertedTo} by ${m.diversion.package === ':' ? 'the local admin (dpkg-divert)' : m.diversion.package}` });
      fix.push(`sudo dpkg-divert --rename --remove ${q(m.path)}`);
    } else if (m.distribPresent) {
      ev.push({ path: `${m.path}.distrib`, detail: 'renamed copy of the marker (dpkg-divert --rename)' });
      fix.push(`sudo mv ${q(`${m.path}.distrib`)} ${q(m.path)}`);
    }
    if (m.listedBy) {
      ev.push({ path: `/var/lib/dpkg/info/${m.listedBy}.list`, detail: `dpkg lists the marker as part of ${m.listedBy}` });
      if (!m.diversion) fix.push(`sudo apt install --reinstall ${q(m.listedBy)}`);
    }
    out.push(finding('marker-missing', 'high', `PEP 668 marker removed from ${env.python.executable ?? env.prefix}`, ev, fix, { environment: env.id }));
  }
  return out;
};
