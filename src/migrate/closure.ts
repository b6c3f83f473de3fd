// Dependency facts of a selection inside one environment: closure, inferred extras, and which
// dependencies may leave with the moved package. Pure.
import { normalizeName, type Distribution, type Environment } from '../model.js';

export interface Requirement {
  name: string;
  extras: string[];
  /** The `extra == "x"` a line is conditional on, when any. */
  onlyForExtra: string | null;
  /** Any other environment marker (python_version, sys_platform, ...). */
  hasOtherMarker: boolean;
}

/** The parts of a PEP 508 line that planning needs. Returns null for lines it cannot read. */
export function parseRequirement(line: string): Requirement | null {
  const m = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?([^;]*)(?:;(.*))?$/.exec(line);
  if (!m) return null;
  const marker = m[4] ?? '';
  const ex = /extra\s*==\s*['"]([^'"]+)['"]/.exec(marker);
  const rest = marker.replace(/extra\s*==\s*['"][^'"]+['"]/, '').replace(/\b(and|or)\b/g, '').trim();
  return {
    name: normalizeName(m[1]!),
    extras: (m[2] ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    onlyForExtra: ex ? normalizeName(ex[1]!) : null,
    hasOtherMarker: rest.length > 0,
  };
}

/** First copy of each name in sys.path order: what `import` would see. */
export function visibleDists(env: Environment): Map<string, Distribution> {
  const order = new Map(env.sites.map((s) => [s.path, s.order]));
  const sorted = [...env.packages].sort((a, b) => (order.get(a.site) ?? 99) - (order.get(b.site) ?? 99));
  const out = new Map<string, Distribution>();
  for (const d of sorted) if (!out.has(d.name)) out.set(d.name, d);
  return out;
}

/** Extras whose requirements are all installed: pip does not record extras, so infer them. */
export function inferExtras(dist: Distribution, installed: Map<string, Distribution>): string[] {
  const byExtra = new Map<string, string[]>();
  for (const line of dist.requires) {
    const r = parseRequirement(line);
    if (!r?.onlyForExtra) continue;
    byExtra.set(r.onlyForExtra, [...(byExtra.get(r.onlyForExtra) ?? []), r.name]);
  }
  return [...byExtra].filter(([, deps]) => deps.every((d) => installed.has(d))).map(([e]) => e).sort();
}

/** Installed dependencies of `dist` (given its extras), one level. Missing ones are reported. */
export function directDeps(
  dist: Distribution,
  extras: string[],
  installed: Map<string, Distribution>,
): { deps: Distribution[]; missing: string[] } {
  const deps: Distribution[] = [];
  const missing: string[] = [];
  for (const line of dist.requires) {
    const r = parseRequirement(line);
    if (!r) continue;
    if (r.onlyForExtra && !extras.includes(r.onlyForExtra)) continue;
    const d = installed.get(r.name);
    if (d) deps.push(d);
    // A marker we do not evaluate (python_version...) most likely excluded a missing dependency.
    else if (!r.hasOtherMarker) missing.push(r.name);
  }
  return { deps, missing };
}

/** Every installed distribution reachable from `roots` (excluding the roots), with inferred extras. */
export function closure(roots: Distribution[], installed: Map<string, Distribution>): { deps: Distribution[]; missing: string[] } {
  const seen = new Set(roots.map((r) => r.name));
  const out: Distribution[] = [];
  const missing = new Set<string>();
  const queue = [...roots];
  while (queue.length) {
    const d = queue.shift()!;
    const { deps, missing: miss } = directDeps(d, inferExtras(d, installed), installed);
    miss.forEach((m) => missing.add(m));
    for (const dep of deps) {
      if (seen.has(dep.name)) continue;
      seen.add(dep.name);
      out.push(dep);
      queue.push(dep);
    }
  }
  return { deps: out, missing: [...missing] };
}

/** Why a dependency must stay, or null when it may be removed with the packages being moved. */
export function keepReason(dep: Distribution, scope: Distribution['scope']): string | null {
  if (dep.requested) return 'installed on request (REQUESTED)';
  if (dep.dpkgPackage) return `owned by the Debian package ${dep.dpkgPackage}`;
  if (dep.installer !== 'pip' && dep.installer !== 'uv') return `installed by ${dep.installer ?? 'an unknown tool'}`;
  if (dep.scope !== scope) return `lives in the ${dep.scope} scope, not beside the package`;
  if (!dep.hasRecord || dep.format !== 'dist-info') return 'no RECORD: cannot be removed cleanly';
  if (dep.editable) return 'editable install';
  return null;
}

/**
 * Dependencies that leave with `moving`: not needed by anything that stays, and no keep reason.
 * Iterates to a fixed point, since keeping one dependency keeps what it needs.
 */
export function removableDeps(
  moving: Distribution[],
  env: Environment,
): { remove: Distribution[]; kept: { name: string; reason: string }[] } {
  const installed = visibleDists(env);
  const { deps } = closure(moving, installed);
  const scope = moving[0]?.scope ?? 'env';
  const kept = new Map<string, string>();
  for (const d of deps) {
    const r = keepReason(d, scope);
    if (r) kept.set(d.name, r);
  }
  const leaving = new Set([...moving.map((m) => m.name), ...deps.filter((d) => !kept.has(d.name)).map((d) => d.name)]);
  for (let changed = true; changed; ) {
    changed = false;
    for (const other of installed.values()) {
      if (leaving.has(other.name)) continue;
      const { deps: needs } = directDeps(other, inferExtras(other, installed), installed);
      for (const n of needs) {
        if (leaving.has(n.name) && !moving.some((m) => m.name === n.name)) {
          leaving.delete(n.name);
          kept.set(n.name, `needed by ${other.displayName}`);
          changed = true;
        }
      }
    }
  }
  return {
    remove: deps.filter((d) => leaving.has(d.name)),
    kept: [...kept].map(([name, reason]) => ({ name, reason })),
  };
}
