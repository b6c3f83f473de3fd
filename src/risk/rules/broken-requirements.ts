// R11: `pip check` for every environment, from metadata: a Requires-Dist that is missing or whose
// version does not satisfy the specifier (PEP 440 via @renovatebot/pep440, markers via pep508.ts).
import { satisfies } from '@renovatebot/pep440';
import { normalizeName, type Distribution, type Environment, type Finding } from '../../model.js';
import { installCommand } from '../../guidance/commands.js';
import { evalMarker, markerEnv, parseRequirement } from '../../formats/pep508.js';
import type { RiskFacts } from '../facts.js';
import { finding, q, safeName, type Rule } from './util.js';

/**
 * How to install a missing or too-old requirement. Into a PEP 668 (externally managed) interpreter pip
 * refuses, and forcing it is R1's risk: the distro's package comes first when its lists have one, else
 * the package moves into a venv with what it needs. Elsewhere pip installs it with that interpreter.
 */
function fixFor(env: Environment, d: Distribution, depName: string | null, specifier: string | null, facts: RiskFacts): string[] {
  if (!depName || !safeName(d)) return ['Reinstall the package so its dependencies are resolved again'];
  const want = `${depName}${specifier ?? ''}`;
  if (!env.externallyManaged) {
    const py = env.kind === 'system' ? `${env.python.executable ?? 'python3'}` : `${env.prefix}/bin/python`;
    return [`${q(py)} -m pip install ${q(want)}`];
  }
  const apt = facts.distro?.lookup(depName) ?? null;
  const venv = `python3 -m venv .venv && .venv/bin/python -m pip install ${q(safeName(d)!)} ${q(want)}   # move ${safeName(d)} into a venv with what it needs`;
  if (!apt) return [venv];
  const version = apt.version ? ` (${apt.manager} has ${apt.version}${specifier ? `; pip wants ${specifier}` : ''})` : '';
  return [`${installCommand(facts.platform, apt.name)}${version ? `   #${version}` : ''}`, venv];
}

export const brokenRequirements: Rule = (inv, facts) => {
  const out: Finding[] = [];
  // 50k dists repeat a few thousand distinct requirement lines and (version, specifier) pairs.
  const reqs = new Map<string, ReturnType<typeof parseRequirement> | null>();
  const sat = new Map<string, boolean>();
  for (const env of inv.environments) {
    if (!env.python.version) continue;
    // The interpreter's own marker environment (its version and CPU, from the facts).
    const menv = facts.markerEnv?.get(env.id) ?? markerEnv(env.python.version, inv.platform, inv.arch);
    const order = new Map(env.sites.map((s) => [s.path, s.order]));
    // What `import` sees: the first copy of each name on sys.path.
    const visible = new Map<string, Distribution>();
    for (const d of [...env.packages].sort((a, b) => (order.get(a.site) ?? 99) - (order.get(b.site) ?? 99))) if (!visible.has(d.name)) visible.set(d.name, d);
    for (const d of visible.values()) {
      for (const line of d.requires) {
        let req = reqs.get(line);
        if (req === undefined) {
          try {
            req = parseRequirement(line);
          } catch {
            req = null;
          }
          reqs.set(line, req);
        }
        if (!req) continue;
        try {
          if (req.marker && !evalMarker(req.marker, menv)) continue;
        } catch {
          continue; // unparsable metadata is discovery's problem record, not a requirement failure
        }
        const dep = visible.get(normalizeName(req.name));
        let problem: string | null = null;
        if (!dep) problem = `requires ${line.split(';')[0]!.trim()}, which is not installed`;
        else if (req.specifier && !memoSat(sat, dep.version, req.specifier)) problem = `requires ${req.name}${req.specifier}, but ${dep.version} is installed`;
        if (!problem) continue;
        const depName = /^[A-Za-z0-9._-]+$/.test(req.name) ? req.name : null;
        out.push(
          finding('broken-requirements', 'medium', `${d.displayName} ${d.version} ${problem}`, [{ path: `${d.metadataPath}/${d.format === 'egg-info' ? 'PKG-INFO' : 'METADATA'}`, detail: `Requires-Dist: ${line}` }], fixFor(env, d, depName, req.specifier, facts), { environment: env.id, package: d.name }),
        );
      }
    }
  }
  return out;
};

function memoSat(cache: Map<string, boolean>, version: string, spec: string): boolean {
  const k = `${version}\0${spec}`;
  let v = cache.get(k);
  if (v === undefined) {
    // @renovatebot/pep440 throws on some non-PEP 440 versions: such a requirement cannot be judged, so
    // it is not reported broken (and the rule goes on for every other requirement and package).
    try {
      v = satisfies(version, spec, { prereleases: true });
    } catch {
      v = true;
    }
    cache.set(k, v);
  }
  return v;
}
