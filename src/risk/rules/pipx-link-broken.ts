// R13: a pipx app whose link in the bin dir is missing or points somewhere else (overwritten by
// `pip install --user` or another tool).
import type { Finding } from '../../model.js';
import { finding, q, type Rule } from './util.js';

interface Link {
  name: string;
  path: string;
  exists: boolean;
  target: string | null;
  pointsIntoVenv: boolean;
}

export const pipxLinkBroken: Rule = (inv) => {
  const out: Finding[] = [];
  for (const env of inv.environments.filter((e) => e.kind === 'pipx')) {
    const links = Array.isArray(env.meta?.appLinks) ? (env.meta.appLinks as Link[]) : [];
    const bad = links.filter((l) => !l.exists || !l.pointsIntoVenv);
    if (!bad.length) continue;
    const pkg = typeof env.meta?.mainPackage === 'string' ? env.meta.mainPackage : null;
    out.push(
      finding(
        'pipx-link-broken',
        'medium',
        `pipx app${bad.length > 1 ? 's' : ''} ${bad.map((b) => b.name).join(', ')} of ${env.name} ${bad.every((b) => !b.exists) ? 'missing' : 'missing or hijacked'}`,
        bad.map((b) => ({ path: b.path, detail: !b.exists ? 'link missing (or dangling)' : `does not point into ${env.prefix}${b.target ? ` (→ ${b.target})` : ' (not a symlink)'}` })),
        [pkg ? `pipx reinstall ${q(pkg)}` : `pipx reinstall ${q(env.name)}`],
        { environment: env.id, package: pkg ?? undefined },
      ),
    );
  }
  return out;
};
