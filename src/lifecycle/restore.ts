// `pyenvtui restore FILE`: an export document turned into a plan for this machine, run by the same
// journaled executor as a migration (verify, undo). What exists is skipped; what cannot be restored is
// reported with why. Reads only (existence checks); the executor makes every change.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { normalizeName, type Inventory } from '../model.js';
import { distNameProblem, pathProblem, versionProblem } from '../migrate/names.js';
import { pipxInstallSteps } from '../migrate/targets/pipx.js';
import type { TargetTools } from '../migrate/targets/common.js';
import { createVenvStep, venvInstallSteps } from '../migrate/targets/venv.js';
import { uvInstallSteps } from '../migrate/targets/uv.js';
import type { Plan, PlannedPackage, Step } from '../migrate/types.js';
import { sameMinorInterpreter } from '../risk/repair.js';
import type { ExportDoc } from './export.js';

export interface RestoreInput {
  id: string;
  createdAt: string;
  doc: ExportDoc;
  /** The machine restored into (for same-minor interpreters). */
  inv: Inventory;
  /** Host paths of the tools; `python` is the fallback interpreter when no same-minor one exists. */
  tools: TargetTools;
  /** Home of the account restored into (`~` in the document). */
  home: string;
  /** Directory of wheels for an offline restore (pip --no-index --find-links). */
  wheels?: string;
  backupDir: string;
}

export interface RestorePlan extends Plan {
  /** What was already there (skipped) and what cannot be restored, each with why. */
  skipped: string[];
  notRestored: string[];
}

type NewStep = Omit<Step, 'id'>;

function planned(req: string): PlannedPackage | string {
  const m = /^([^=<>!~\s]+)==([^=\s]+)$/.exec(req);
  if (!m) return `${JSON.stringify(req)} is not NAME==VERSION`;
  const bad = distNameProblem(m[1]!) ?? versionProblem(m[2]!);
  if (bad) return bad;
  return { name: normalizeName(m[1]!), displayName: m[1]!, version: m[2]!, scope: 'env', metadataPath: '', scripts: [], extras: [], requirement: `${m[1]}==${m[2]}`, removableDeps: [], keptDeps: [] };
}

/** What `python -m venv` puts in every venv: installed pinned like the rest, but not import-checked. */
const SEED = ['pip', 'setuptools', 'wheel', 'distribute'];

// setuptools' top-level names include Debian's patches and vendored shims that do not import on their
// own (its version check stays). A venv that sees the system site inherits the system's own `pip check`
// complaints (Debian's pygobject without pycairo): reported, not a failed restore.
export function adjustChecks(systemSite: boolean) {
  return (s: NewStep): NewStep => {
    if (s.action.type !== 'verify') return s;
    const checks = s.action.checks
      .filter((c) => !SEED.some((n) => c.label === `${n} imports`))
      .map((c) => (systemSite && c.label === 'pip check passes' ? { ...c, soft: true } : c));
    return { ...s, action: { ...s.action, checks } };
  };
}

export function planRestore(r: RestoreInput): RestorePlan {
  const steps: NewStep[] = [];
  const skipped: string[] = [];
  const notRestored: string[] = [];
  const warnings: string[] = [];
  const packages: PlannedPackage[] = [];
  const offline = r.wheels !== undefined;
  const wheelDir = r.wheels ?? path.join(r.backupDir, 'wheels');
  const python = (version: string | null, what: string): string => {
    const same = sameMinorInterpreter(r.inv, version);
    if (same) return same;
    if (version) warnings.push(`${what}: no Python ${/^\d+\.\d+/.exec(version)?.[0] ?? version} here; it is rebuilt with ${r.tools.python}`);
    return r.tools.python;
  };

  for (const t of r.doc.pipx) {
    if (!r.tools.pipx) {
      notRestored.push(`pipx tool ${t.package}: pipx is not installed here`);
      continue;
    }
    const pkg = planned(`${t.package}==${t.version}`);
    if (typeof pkg === 'string') {
      notRestored.push(`pipx tool ${t.package}: ${pkg}`);
      continue;
    }
    if (existsSync(path.join(r.tools.pipxHome, 'venvs', pkg.name))) {
      skipped.push(`pipx tool ${pkg.name}: already installed`);
      continue;
    }
    const companions = t.injected.map((i) => planned(`${i.package}==${i.version}`)).filter((c): c is PlannedPackage => typeof c !== 'string');
    packages.push(pkg, ...companions);
    steps.push(...pipxInstallSteps(pkg, { ...r.tools, python: python(t.python, `pipx tool ${pkg.name}`) }, offline, wheelDir, false, companions));
  }
  const uvToolDir = r.tools.uvToolDir ?? `${r.home}/.local/share/uv/tools`;
  for (const t of r.doc.uvTools) {
    const pkg = planned(`${t.package}==${t.version}`);
    if (typeof pkg === 'string') {
      notRestored.push(`uv tool ${t.package}: ${pkg}`);
      continue;
    }
    if (existsSync(path.join(uvToolDir, pkg.name))) {
      skipped.push(`uv tool ${pkg.name}: already installed`);
      continue;
    }
    const companions = t.injected.map((i) => planned(`${i.package}==${i.version}`)).filter((c): c is PlannedPackage => typeof c !== 'string');
    const uvSteps = uvInstallSteps(pkg, { ...r.tools, uv: r.tools.uv ?? 'uv', uvToolDir, python: python(t.python, `uv tool ${pkg.name}`) }, offline, wheelDir, companions);
    if (!r.tools.uv) {
      // The step is planned exactly as it would run; without uv it cannot, so it is reported, not run.
      notRestored.push(`uv tool ${pkg.name}: uv is not installed here; once it is, restore runs: ${uvSteps[0]!.display}`);
      continue;
    }
    packages.push(pkg, ...companions);
    steps.push(...uvSteps);
  }

  for (const v of r.doc.venvs) {
    const dir = v.path === '~' ? r.home : v.path.startsWith('~/') ? path.join(r.home, v.path.slice(2)) : v.path;
    if (pathProblem(dir) || path.normalize(dir) !== dir) {
      notRestored.push(`venv ${JSON.stringify(v.path)}: not a clean absolute path`);
      continue;
    }
    if (existsSync(dir)) {
      skipped.push(`venv ${dir}: already exists`);
      continue;
    }
    const reqs = v.requirements.map(planned);
    const bad = reqs.filter((x): x is string => typeof x === 'string');
    if (bad.length) {
      notRestored.push(`venv ${dir}: ${bad.join('; ')}`);
      continue;
    }
    for (const s of v.skipped) notRestored.push(`venv ${dir}: ${s}`);
    const pkgs = reqs as PlannedPackage[];
    const target = { dir, exists: false, systemSitePackages: v.systemSitePackages, present: [] };
    const create = createVenvStep(target, { ...r.tools, python: python(v.python, `venv ${dir}`) });
    // venv makes every missing parent (~/projects/app for ~/projects/app/.venv): undo removes those it made, if empty.
    const parents: string[] = [];
    for (let p = path.dirname(path.dirname(dir)); p.length > r.home.length && p.startsWith(`${r.home}/`); p = path.dirname(p)) parents.push(p);
    steps.push({ ...create, watch: [...(create.watch ?? []), ...parents.map((p) => ({ path: p, keepIfNonEmpty: '.' }))] });
    if (pkgs.length) steps.push(...venvInstallSteps(pkgs, target, offline, wheelDir, []).map(adjustChecks(v.systemSitePackages)));
    packages.push(...pkgs);
  }
  for (const c of r.doc.pipConfig) notRestored.push(`pip setting in ${c.file}${c.line ? `:${c.line}` : ''} (${c.detail}): not re-applied on purpose`);
  for (const a of r.doc.aptReplacements) notRestored.push(`${a.package} ${a.version} came from the distribution's ${a.distroPackage}: ${a.command ?? `install ${a.distroPackage} with the package manager`}`);

  return {
    schema: 'pyenvtui/plan@1',
    id: r.id,
    createdAt: r.createdAt,
    root: '/',
    target: { kind: r.doc.pipx.length ? 'pipx' : 'venv' },
    purpose: 'restore',
    offline,
    keepSource: true,
    packages,
    steps: steps.map((s, i) => ({ ...s, id: i + 1 })),
    blockers: [],
    warnings,
    backupDir: r.backupDir,
    skipped,
    notRestored,
  };
}
