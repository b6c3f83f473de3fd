// Dependency facts of a selection inside one environment: closure, inferred extras, and which
// dependencies may leave with the moved package. Pure.
import { normalizeName, type Distribution, type Environment } from '../model.js';
import { evalMarker, markerEnv, parseRequirement, type Marker, type MarkerEnv } from '../formats/pep508.js';

/** A Requires-Dist line as planning sees it, read by the project's one PEP 508 parser (src/formats/pep508.ts). */
export interface DepLine {
  name: string;
  extras: string[];
  /** The extra this line belongs to (`extra == "x"` in its marker), or null when unconditional. */
  onlyForExtra: string | null;
  /** The line applies on the source interpreter, apart from extras (python_version, sys_platform, ...). */
  applies: boolean;
}

/** Used only when a caller has no interpreter facts (pure unit callers); planning passes markersFor(source). */
const DEFAULT_MARKERS: MarkerEnv = markerEnv('3.11', 'linux', 'x64');

/** Marker environment of an environment's interpreter (its version from files; platform of the scan). */
export function markersFor(env: Environment, platform = 'linux', arch = 'x64'): MarkerEnv {
  return markerEnv(env.python.version ?? '3', platform, arch);
}

/** Extras named in a marker (`extra == "x"`, either side). */
function markerExtras(m: Marker): string[] {
  if (m.op !== 'cmp') return [...markerExtras(m.left), ...markerExtras(m.right)];
  const isExtra = (o: typeof m.lhs) => 'var' in o && o.var === 'extra';
  if (isExtra(m.lhs) && 'str' in m.rhs) return [normalizeName(m.rhs.str)];
  if (isExtra(m.rhs) && 'str' in m.lhs) return [normalizeName(m.lhs.str)];
  return [];
}

/** Parse one Requires-Dist line and evaluate its marker; null for lines the parser refuses. */
export function readDepLine(line: string, markers: MarkerEnv): DepLine | null {
  let r;
  try {
    r = parseRequirement(line);
  } catch {
    return null;
  }
  const name = normalizeName(r.name);
  if (!r.marker) return { name, extras: r.extras, onlyForExtra: null, applies: true };
  const m = r.marker;
  if (evalMarker(m, { ...markers, extra: '' })) return { name, extras: r.extras, onlyForExtra: null, applies: true };
  const extra = markerExtras(m).find((x) => evalMarker(m, { ...markers, extra: x }));
  if (extra) return { name, extras: r.extras, onlyForExtra: extra, applies: true };
  // Names an extra but is false for it too (`extra == "x" and python_version < "3"`), or false outright.
  const named = markerExtras(m)[0];
  return { name, extras: r.extras, onlyForExtra: named ?? null, applies: false };
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
export function inferExtras(dist: Distribution, installed: Map<string, Distribution>, markers: MarkerEnv = DEFAULT_MARKERS): string[] {
  const byExtra = new Map<string, string[]>();
  for (const line of dist.requires) {
    const r = readDepLine(line, markers);
    if (!r?.onlyForExtra || !r.applies) continue;
    byExtra.set(r.onlyForExtra, [...(byExtra.get(r.onlyForExtra) ?? []), r.name]);
  }
  return [...byExtra].filter(([, deps]) => deps.every((d) => installed.has(d))).map(([e]) => e).sort();
}

/** Installed dependencies of `dist` (given its extras), one level. Missing ones are reported. */
export function directDeps(
  dist: Distribution,
  extras: string[],
  installed: Map<string, Distribution>,
  markers: MarkerEnv = DEFAULT_MARKERS,
): { deps: Distribution[]; missing: string[] } {
  const deps: Distribution[] = [];
  const missing: string[] = [];
  for (const line of dist.requires) {
    const r = readDepLine(line, markers);
    // Markers are evaluated for the source interpreter: a line false there is no dependency at all.
    if (!r || !r.applies) continue;
    if (r.onlyForExtra && !extras.includes(r.onlyForExtra)) continue;
    const d = installed.get(r.name);
    if (d) deps.push(d);
    else missing.push(r.name);
  }
  return { deps, missing };
}

/** Every installed distribution reachable from `roots` (excluding the roots), with inferred extras. */
export function closure(roots: Distribution[], installed: Map<string, Distribution>, markers?: MarkerEnv): { deps: Distribution[]; missing: string[] } {
  const seen = new Set(roots.map((r) => r.name));
  const out: Distribution[] = [];
  const missing = new Set<string>();
  const queue = [...roots];
  while (queue.length) {
    const d = queue.shift()!;
    const { deps, missing: miss } = directDeps(d, inferExtras(d, installed, markers), installed, markers);
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
 * Iterates to a fixed point, since keeping one dependency keeps what it needs. A moving package that
 * something staying needs is copied, not moved: it stays in the source (listed in `kept`), and so does
 * everything it needs, so one plan never keeps a package while removing what it depends on.
 */
export function removableDeps(
  moving: Distribution[],
  env: Environment,
  markers: MarkerEnv = markersFor(env),
): { remove: Distribution[]; kept: { name: string; reason: string }[] } {
  const installed = visibleDists(env);
  const { deps } = closure(moving, installed, markers);
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
      const { deps: needs } = directDeps(other, inferExtras(other, installed, markers), installed, markers);
      for (const n of needs) {
        if (leaving.has(n.name)) {
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
