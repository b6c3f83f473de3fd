// How the dashboard groups environment kinds, and the facts each group shows in the overview strip.
import { KIND_TRAITS, KINDS_BY_PRECEDENCE, type KindGroupId } from '../../src/kinds.js';
import { normalizeName, severityRank, type EnvKind, type Environment, type Finding, type Inventory, type Severity } from '../../src/model.js';

export interface KindGroup {
  id: KindGroupId | 'user';
  label: string;
  /** The kinds whose `group` trait (src/kinds.ts) names this group, most specific first. */
  kinds: readonly EnvKind[];
}

/** Display order: what the OS owns first, then project envs, then tool-managed ones. Labels only: members come from KIND_TRAITS. */
const GROUP_LABELS: Record<KindGroupId | 'user', string> = {
  system: 'System', user: 'User site', venvs: 'venvs', pipx: 'pipx', conda: 'conda', pyenv: 'pyenv', uv: 'uv', other: 'other',
};

export const KIND_GROUPS: readonly KindGroup[] = (Object.keys(GROUP_LABELS) as (KindGroupId | 'user')[]).map((id) => ({
  id,
  label: GROUP_LABELS[id],
  kinds: KINDS_BY_PRECEDENCE.filter((k) => KIND_TRAITS[k].group === id),
}));

/** Group of a kind (its `group` trait). */
export function groupOf(kind: EnvKind): KindGroup {
  return KIND_GROUPS.find((g) => g.id === KIND_TRAITS[kind].group)!;
}

/** Worst of a list of severities, or null. */
export function worst(sevs: Iterable<Severity>): Severity | null {
  let best: Severity | null = null;
  for (const s of sevs) if (best === null || severityRank(s) < severityRank(best)) best = s;
  return best;
}

/** Findings grouped by environment id (a finding may name the env by id or by prefix). */
export function findingsByEnv(envs: readonly Environment[], findings: readonly Finding[]): Map<string, Finding[]> {
  const byKey = new Map<string, string>();
  for (const e of envs) {
    byKey.set(e.id, e.id);
    if (!byKey.has(e.prefix)) byKey.set(e.prefix, e.id);
  }
  const out = new Map<string, Finding[]>();
  for (const f of findings) {
    const id = f.environment === undefined ? undefined : byKey.get(f.environment);
    if (id === undefined) continue;
    const list = out.get(id);
    if (list) list.push(f);
    else out.set(id, [f]);
  }
  return out;
}

export interface GroupSummary {
  group: KindGroup;
  count: number;
  worst: Severity | null;
}

/** Count and worst severity per group; "User site" counts user-scope packages across the machine. */
export function summarizeGroups(inv: Inventory | null, findings: readonly Finding[]): GroupSummary[] {
  const envs = inv?.environments ?? [];
  const byEnv = findingsByEnv(envs, findings);
  const userPkgs = new Set<string>();
  const userSev: Severity[] = [];
  for (const e of envs)
    for (const p of e.packages)
      if (p.scope === 'user') {
        userPkgs.add(p.metadataPath);
        for (const f of byEnv.get(e.id) ?? []) if (f.package !== undefined && normalizeName(f.package) === p.name) userSev.push(f.severity);
      }
  for (const f of findings) if (/user/.test(f.rule)) userSev.push(f.severity);
  return KIND_GROUPS.map((group) => {
    if (group.id === 'user') return { group, count: userPkgs.size, worst: worst(userSev) };
    const members = envs.filter((e) => groupOf(e.kind) === group);
    return { group, count: members.length, worst: worst(members.flatMap((e) => (byEnv.get(e.id) ?? []).map((f) => f.severity))) };
  });
}

/** Finding counts by severity (header). */
export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const out: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of findings) out[f.severity]++;
  return out;
}

/** The environment whose interpreter `python3` on PATH runs, if any. */
export function pathPythonEnv(inv: Inventory | null): Environment | null {
  const cmd = inv?.path?.python3 ?? inv?.path?.python ?? null;
  if (!inv || !cmd) return null;
  // A pyenv shim stands for the interpreter it runs.
  const candidates = [cmd.pyenv?.runs, cmd.path, cmd.target].filter((p): p is string => typeof p === 'string');
  return (
    inv.environments.find((e) => e.python.executable !== null && candidates.includes(e.python.executable)) ??
    inv.environments.find((e) => candidates.some((c) => c.startsWith(`${e.prefix}/bin/`))) ??
    null
  );
}
