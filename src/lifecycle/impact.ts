// "What breaks if…": removing an interpreter, or a distribution release upgrade that replaces the system
// Python. Pure functions of the inventory (dependents are linked by discovery, see dependents.ts).
import { minorVersion, type Environment, type Inventory } from '../model.js';
import { INTERPRETER_KINDS } from './dependents.js';
import { stripTrailingSlashes } from '../text/trim.js';

export interface ImpactItem {
  /** Environment id, or the site directory for packages that lose their interpreter. */
  id: string;
  kind: string;
  name: string;
  path: string;
  /** Why it breaks, in one line. */
  why: string;
  /** What to do about it (safe to paste, or a `# ` comment). */
  fix?: string;
}

export interface Impact {
  schema: 'pyenvtui/impact@1';
  /** What is removed or upgraded. */
  subject: string;
  items: ImpactItem[];
  notes: string[];
}

function dependentItem(d: Environment, why: string): ImpactItem {
  const tool = typeof d.meta?.mainPackage === 'string' ? d.meta.mainPackage : null;
  const fix =
    d.kind === 'pipx' && tool ? `pipx reinstall ${tool}` : d.kind === 'uv-tool' && tool ? `uv tool install --reinstall ${tool}` : undefined;
  return { id: d.id, kind: d.kind, name: d.name, path: d.prefix, why, ...(fix ? { fix } : {}) };
}

/** Package sites only `target` reads among the interpreters that remain (its user site, typically). */
function orphanedSites(inv: Inventory, targets: Environment[], why: (site: string, n: number) => string): ImpactItem[] {
  const gone = new Set(targets.map((t) => t.id));
  const remaining = inv.environments.filter((e) => INTERPRETER_KINDS.has(e.kind) && !gone.has(e.id));
  const out: ImpactItem[] = [];
  const seen = new Set<string>();
  for (const t of targets) {
    for (const s of t.sites) {
      if (s.scope === 'env' || s.scope === 'distro' || seen.has(s.path)) continue;
      seen.add(s.path);
      if (remaining.some((r) => r.sites.some((x) => x.path === s.path))) continue;
      // A shared site lists its packages under one reader only (SiteDir.packagesIn): count them wherever they are.
      const n = inv.environments.reduce((sum, e) => sum + e.packages.filter((p) => p.site === s.path).length, 0);
      if (n) out.push({ id: s.path, kind: `${s.scope}-site`, name: s.path, path: s.path, why: why(s.path, n) });
    }
  }
  return out;
}

/** Everything that stops working when `target` (an interpreter) is removed. */
export function removalImpact(inv: Inventory, target: Environment): Impact {
  const byId = new Map(inv.environments.map((e) => [e.id, e]));
  const items = (target.dependents ?? []).map((id) => byId.get(id)).filter((e): e is Environment => e !== undefined)
    .map((d) => dependentItem(d, `made from ${target.python.executable ?? target.prefix}: its interpreter link would dangle`));
  items.push(...orphanedSites(inv, [target], (site, n) => `${n} package(s) in ${site} would have no Python ${minorVersion(target.python.version) ?? ''} left to use them`));
  const notes = INTERPRETER_KINDS.has(target.kind) ? [] : [`${target.kind} ${target.name} is not an interpreter: nothing is built on it`];
  return { schema: 'pyenvtui/impact@1', subject: `remove ${target.kind} ${target.name} (${target.prefix})`, items, notes };
}

/** Release upgrades whose system Python (and pipx) change, by os-release ID and codename. */
export const RELEASE_UPGRADES: Record<string, { from: string; to: string; python: [string, string]; pipx?: [string, string] }> = {
  trixie: { from: 'bookworm', to: 'trixie', python: ['3.11', '3.13'], pipx: ['1.1.0', '1.7.1'] },
  bookworm: { from: 'bullseye', to: 'bookworm', python: ['3.9', '3.11'], pipx: ['0.12.3', '1.1.0'] },
  noble: { from: 'jammy', to: 'noble', python: ['3.10', '3.12'], pipx: ['1.0.0', '1.4.3'] },
  jammy: { from: 'focal', to: 'jammy', python: ['3.8', '3.10'], pipx: ['0.12.3', '1.0.0'] },
};

/** What a release upgrade that replaces the system Python X.Y by Z.W breaks. */
export function upgradeImpact(inv: Inventory, release: string): Impact | { error: string } {
  const u = RELEASE_UPGRADES[release.toLowerCase()];
  if (!u) return { error: `unknown release '${release}'; known: ${Object.keys(RELEASE_UPGRADES).join(', ')}` };
  const [oldMinor, newMinor] = u.python;
  const olds = inv.environments.filter((e) => e.kind === 'system' && minorVersion(e.python.version) === oldMinor);
  const byId = new Map(inv.environments.map((e) => [e.id, e]));
  const items: ImpactItem[] = [];
  for (const s of olds) {
    for (const id of s.dependents ?? []) {
      const d = byId.get(id);
      if (d) items.push(dependentItem(d, `made from the system Python ${oldMinor}, which ${u.to} replaces with ${newMinor}: its lib/python${oldMinor} packages are not seen by ${newMinor}`));
    }
  }
  items.push(...orphanedSites(inv, olds, (site, n) => `${n} package(s) in ${site} are for Python ${oldMinor}; Python ${newMinor} looks in python${newMinor} directories and will not see them`));
  const notes = [
    `${u.from} → ${u.to}: the system python3 goes from ${oldMinor} to ${newMinor}${u.pipx ? `, pipx from ${u.pipx[0]} to ${u.pipx[1]}` : ''}.`,
    ...(olds.length ? [] : [`no system Python ${oldMinor} found on this machine: nothing of it to break`]),
    ...(u.pipx && items.some((i) => i.kind === 'pipx')
      ? [`after the upgrade run \`pipx reinstall-all\` (pipx ${u.pipx[1]} keeps using ~/.local/pipx when it exists; a fresh account gets ~/.local/share/pipx)`]
      : []),
  ];
  return { schema: 'pyenvtui/impact@1', subject: `upgrade ${u.from} → ${u.to}`, items, notes };
}

/**
 * The interpreter a user names: an environment id, a prefix or executable (machine path), or a version or
 * pyenv name (`3.12.1`, `3.12`). Several matches are an error that lists them.
 */
export function findInterpreter(inv: Inventory, spec: string, realpath: (p: string) => string | null = () => null): Environment | { error: string } {
  const interps = inv.environments.filter((e) => INTERPRETER_KINDS.has(e.kind));
  const trimmed = stripTrailingSlashes(spec) || '/';
  const exact = inv.environments.find((e) => e.id === spec) ?? interps.find((e) => e.prefix === trimmed || e.python.executable === trimmed);
  if (exact) return exact;
  // A link to an interpreter (/usr/bin/python3 → python3.11, a pyenv version's bin/python): the file it leads to.
  if (trimmed.startsWith('/')) {
    const real = realpath(trimmed);
    const viaLink = real ? interps.find((e) => e.python.executable !== null && (e.python.executable === real || realpath(e.python.executable) === real)) : undefined;
    if (viaLink) return viaLink;
  }
  const named = interps.filter((e) => e.name === spec || e.python.version === spec || (/^\d+\.\d+$/.test(spec) && minorVersion(e.python.version) === spec));
  if (named.length === 1) return named[0]!;
  if (named.length > 1) return { error: `'${spec}' matches ${named.length} interpreters; name one:\n${named.map((e) => `  ${e.id}`).join('\n')}` };
  return { error: `no interpreter '${spec}' on this machine (give its path, its id from 'pyenvtui scan --json', or its version)` };
}
