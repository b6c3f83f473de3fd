// The planner: selection + target + inventory facts → steps with exact argv. Pure: no disk, no processes.
// Order: backup → (create venv) → install → verify → remove source → remove orphaned deps → link apps.
// Nothing destructive comes before a passing verification.
import path from 'node:path';
import { normalizeName, type Distribution, type Environment } from '../model.js';
import { aptOnlyNames } from './apt-only.js';
import { closure, directDeps, inferExtras, keepReason, markersFor, readDepLine, removableDeps, visibleDists } from './closure.js';
import type { MarkerEnv } from '../formats/pep508.js';
import { distNameProblem, extraNameProblem, formatArgv, scriptNameProblem, versionProblem } from './names.js';
import { pipxInstallSteps, pipxLinkStep } from './targets/pipx.js';
import { uvInstallSteps } from './targets/uv.js';
import { createVenvStep, venvInstallSteps, type VenvTarget } from './targets/venv.js';
import type { TargetTools } from './targets/common.js';
import type { FileBackupSpec, Plan, PlannedPackage, Step, Target } from './types.js';

export interface PlanInput {
  id: string;
  createdAt: string;
  /** Host directory treated as "/"; "/" = the live machine. */
  root: string;
  /** Machine path → host path (ScanContext.hostPath). */
  hostPath: (p: string) => string;
  /** pyenvtui runs as root (uid 0). */
  isRoot: boolean;
  source: Environment;
  /** Normalised names to move. */
  selection: string[];
  target: Target;
  offline: boolean;
  keepSource: boolean;
  tools: TargetTools;
  /** Host directory for this migration's backups (journal dir). */
  backupDir: string;
  /** pip's cache dir (host path), searched for original wheels. */
  pipCache?: string;
  /** The target venv when it already exists (venv target only). */
  existingVenv?: Environment;
  /** PEP 508 marker environment of the source interpreter (default: from its version, Linux x86-64). */
  markers?: MarkerEnv;
  /** Companion packages (normalised names) to `pipx inject` into each tool (uv: `--with`); moved like the selection. */
  inject?: string[];
  /** Modules each selected package's own .py files import (read by prepare), for the apt-only check. */
  imports?: Record<string, string[]>;
}

type NewStep = Omit<Step, 'id'>;

/** Start of the planner's blocker for a missing pipx (prepare replaces it with the platform's fix). */
export const PIPX_NOT_INSTALLED = 'pipx is not installed';

/** Build a plan; problems that make it unsafe land in `blockers` and the plan has no steps. */
export function planMigration(input: PlanInput): Plan {
  const blockers: string[] = [];
  const warnings: string[] = [];
  const installed = visibleDists(input.source);
  const chosen: Distribution[] = [];
  const companions = new Set((input.inject ?? []).filter((n) => !input.selection.includes(n)));
  for (const name of [...input.selection, ...companions]) {
    const bad = distNameProblem(name);
    if (bad) {
      blockers.push(bad);
      continue;
    }
    const d = installed.get(name) ?? byDirName(input.source, name);
    if (!d) blockers.push(`${name} is not installed in ${input.source.name} (${input.source.prefix})`);
    else chosen.push(d);
  }
  for (const d of chosen) blockers.push(...distProblems(d, input));
  const live = input.root === '/';
  const base: Plan = {
    schema: 'pyenvtui/plan@1',
    id: input.id,
    createdAt: input.createdAt,
    root: input.root,
    target: input.target,
    offline: input.offline,
    keepSource: input.keepSource,
    packages: [],
    steps: [],
    blockers,
    warnings,
    backupDir: input.backupDir,
  };
  if (blockers.length || chosen.length === 0) {
    if (!chosen.length && !blockers.length) blockers.push('nothing selected');
    return base;
  }

  const markers = input.markers ?? markersFor(input.source);
  const { remove, kept } = input.keepSource ? { remove: [], kept: [] } : removableDeps(chosen, input.source, markers);
  const deps = closure(chosen, installed, markers);
  for (const m of deps.missing) warnings.push(`${m} is required but not installed in the source; the installer must find it`);
  const packages: PlannedPackage[] = chosen.map((d) => {
    const extras = inferExtras(d, installed, markers).filter((e) => !extraNameProblem(e));
    return {
      name: d.name,
      displayName: d.displayName,
      version: d.version,
      scope: d.scope,
      metadataPath: d.metadataPath,
      scripts: d.scripts,
      extras,
      requirement: `${d.name}${extras.length ? `[${extras.join(',')}]` : ''}==${d.version}`,
      removableDeps: remove.map((r) => r.name),
      keptDeps: kept,
    };
  });
  // Apt-only modules (Raspberry Pi camera/GPIO) exist only in the system site: the target must see it.
  for (const p of packages) {
    const d = chosen.find((c) => c.name === p.name)!;
    const reqs = [d, ...closure([d], installed, markers).deps].flatMap((x) => x.requires.map((l) => readDepLine(l, markers)).filter((r) => r?.applies && !r.onlyForExtra).map((r) => r!.name));
    const found = aptOnlyNames([d.name, ...reqs, ...(input.imports?.[d.name] ?? [])]);
    if (found.length) p.aptOnly = found;
  }
  const target = systemSiteChoice(input, packages, warnings);
  // A package something else still needs stays where it is (it is copied, not moved); removableDeps
  // already kept it and everything it needs, so no step removes what a kept package depends on.
  const keepChosen = new Set<string>();
  for (const k of kept) {
    const c = chosen.find((x) => x.name === k.name);
    if (!c) continue;
    keepChosen.add(c.name);
    warnings.push(`${c.displayName} is ${k.reason}, which stays: it is installed in the target but not removed from the source`);
  }

  const spec = (d: Distribution): FileBackupSpec => ({ name: d.name, metadataHost: input.hostPath(d.metadataPath), siteHost: input.hostPath(d.site), rootHost: input.root });
  const wheelDir = path.join(input.backupDir, 'wheels');
  const toRemove = input.keepSource ? [] : [...chosen.filter((c) => !keepChosen.has(c.name)), ...remove];
  // Offline installs need every dependency as a wheel; rebuilding needs a RECORD.
  const wheelDists = input.offline ? [...chosen, ...deps.deps] : [...chosen, ...remove];
  // Online installs fall back to rebuilt wheels when the index is unreachable: rebuild the rest of
  // the closure too, best effort (what cannot be rebuilt only loses the fallback).
  const rebuildable = (d: Distribution) => d.hasRecord && d.format === 'dist-info' && !d.editable;
  const fallbackDists = input.offline ? [] : deps.deps.filter((d) => !wheelDists.includes(d) && rebuildable(d));
  if (!input.offline) {
    const lost = deps.deps.filter((d) => !rebuildable(d)).map((d) => d.displayName);
    if (lost.length) warnings.push(`no offline fallback for ${lost.join(', ')} (cannot be rebuilt as wheels): the install needs the index`);
  }
  if (input.offline) {
    for (const d of deps.deps) {
      if (!d.hasRecord || d.format !== 'dist-info' || d.editable) {
        const sys = target.systemSitePackages === true && d.scope === 'distro';
        if (!sys) blockers.push(`${d.displayName} ${d.version} cannot be rebuilt as a wheel (${d.format}${d.hasRecord ? '' : ', no RECORD'}); an offline install cannot provide it`);
      }
    }
  }
  const steps: NewStep[] = [];
  steps.push({
    kind: 'backup',
    purpose: `keep wheels of ${[...wheelDists, ...fallbackDists].map((d) => d.name).join(', ')}${toRemove.length ? ' and copies of the files to remove' : ''} so undo needs no network`,
    action: {
      type: 'backup',
      wheels: wheelDists.map(spec),
      files: toRemove.map(spec),
      ...(fallbackDists.length ? { fallbackWheels: fallbackDists.map(spec) } : {}),
      ...(input.pipCache ? { pipCache: input.pipCache } : {}),
    },
    display: `back up into ${input.backupDir}`,
    needsRoot: false,
    destructive: false,
    undo: { description: 'backups are kept', action: { type: 'noop' } },
  });

  const t = target;
  const tools = packages.filter((p) => !companions.has(p.name));
  const extras = packages.filter((p) => companions.has(p.name));
  // One case per target kind: a new TargetKind without its case does not compile (never planned as a venv).
  switch (t.kind) {
  case 'pipx':
  case 'uv': {
    if (t.kind === 'pipx' && !input.tools.pipx) blockers.push(`${PIPX_NOT_INSTALLED} (apt install pipx)`);
    if (t.kind === 'uv' && !input.tools.uv) blockers.push('uv is not installed');
    for (const c of extras) {
      c.injectInto = tools.map((p) => p.name);
      if (c.scripts.length) warnings.push(`${c.displayName}'s commands (${c.scripts.join(', ')}) stay inside the tool's venv: companions are injected without their apps`);
    }
    for (const p of tools) {
      if (p.scripts.length === 0) blockers.push(`${p.displayName} has no console scripts: move it into a venv instead (--to venv), or inject it into a tool (--inject)`);
      steps.push(...(t.kind === 'pipx' ? pipxInstallSteps(p, input.tools, input.offline, wheelDir, t.systemSitePackages === true, extras) : uvInstallSteps(p, input.tools, input.offline, wheelDir, extras)));
    }
    break;
  }
  case 'venv': {
    if (extras.length) blockers.push(`--inject is for the pipx and uv targets; to put ${extras.map((c) => c.displayName).join(', ')} in the venv, name them as packages`);
    const dir = t.dir ?? `${input.tools.home}/.venvs/${packages[0]!.name}`;
    const vt: VenvTarget = {
      dir,
      exists: input.existingVenv !== undefined,
      systemSitePackages: t.systemSitePackages ?? false,
      present: input.existingVenv ? [...visibleDists(input.existingVenv).keys()] : [],
    };
    if (!vt.exists) steps.push(createVenvStep(vt, input.tools));
    steps.push(...venvInstallSteps(packages, vt, input.offline, wheelDir, deps.deps.map((d) => d.name)));
    break;
  }
  default:
    return unknownTarget(t.kind);
  }

  for (const d of toRemove) steps.push(removalStep(d, spec(d), input, live, chosen.includes(d)));
  if (t.kind === 'pipx' && !input.keepSource) {
    for (const p of tools) {
      const link = pipxLinkStep(p, input.tools);
      if (link) steps.push(link);
    }
  }
  if (input.keepSource && packages.some((p) => p.scripts.length)) {
    warnings.push('--keep-source: the source scripts stay on PATH and may hide the new ones');
  }
  return { ...base, target, packages, steps: blockers.length ? [] : steps.map((s, i) => ({ ...s, id: i + 1 })) };
}

/**
 * --system-site-packages: as asked, or (not asked either way) pre-selected when a package needs an
 * apt-only module. uv tools cannot see the system site, so they only get a warning.
 */
function systemSiteChoice(input: PlanInput, packages: PlannedPackage[], warnings: string[]): Target {
  const t = input.target;
  const needing = packages.filter((p) => p.aptOnly?.length);
  const why = needing.map((p) => `${p.displayName} needs ${p.aptOnly!.join(', ')}`).join('; ');
  if (!needing.length) return t;
  if (t.kind === 'venv' && input.existingVenv) {
    if (!input.existingVenv.systemSitePackages) warnings.push(`${why}, which only apt provides, but ${t.dir} does not see system site-packages (set include-system-site-packages = true in its pyvenv.cfg)`);
    return t;
  }
  if (t.kind === 'uv') {
    warnings.push(`${why}, which only apt provides; a uv tool cannot see system site-packages: prefer --to pipx or venv`);
    return t;
  }
  if (t.systemSitePackages === false) {
    warnings.push(`${why}, which only apt provides: without --system-site-packages it will not import`);
    return t;
  }
  if (t.systemSitePackages === undefined) warnings.push(`--system-site-packages pre-selected: ${why}, which only apt provides`);
  return { ...t, systemSitePackages: true };
}

/** A distribution whose metadata dir is NAME-VER.dist-info even though METADATA says otherwise. */
export function byDirName(env: Environment, name: string): Distribution | undefined {
  return env.packages.find((p) => normalizeName(p.metadataPath.split('/').pop()?.split('-')[0] ?? '') === name);
}

function distProblems(d: Distribution, input: PlanInput): string[] {
  const out: string[] = [];
  const bad = distNameProblem(d.name) ?? versionProblem(d.version);
  if (bad) out.push(bad);
  for (const s of d.scripts) {
    const p = scriptNameProblem(s);
    if (p) out.push(p);
  }
  if (d.format !== 'dist-info' || !d.hasRecord) out.push(`${d.displayName}: ${d.format} without RECORD cannot be backed up or removed safely; remove it with the tool that installed it`);
  if (d.editable) out.push(`${d.displayName} is an editable install (${d.url ?? 'unknown path'}): reinstall it from its source tree instead`);
  if (!input.keepSource) {
    const why = keepReason({ ...d, requested: false }, d.scope);
    if (why && !why.startsWith('lives in')) out.push(`${d.displayName}: cannot remove the source copy (${why}); use --keep-source`);
  }
  return out;
}

/** Removing a source copy: pip uninstall on a live machine, exact RECORD files inside a sandbox root. */
function removalStep(d: Distribution, spec: FileBackupSpec, input: PlanInput, live: boolean, selected: boolean): NewStep {
  const needsRoot = live && !input.isRoot && (d.scope === 'local' || d.scope === 'distro');
  const restore = { description: `restore the backed-up files of ${d.name}`, action: { type: 'restore-files' as const, dist: d.name } };
  const kind = selected ? ('remove-source' as const) : ('remove-dependency' as const);
  const purpose = selected ? `remove the old copy of ${d.name} from ${d.site}` : `remove ${d.name}, needed only by what moved`;
  if (live) {
    const py = input.source.python.executable ? input.hostPath(input.source.python.executable) : '/usr/bin/python3';
    const argv = [py, '-m', 'pip', 'uninstall', '-y', ...(input.source.externallyManaged ? ['--break-system-packages'] : []), d.name];
    const env = d.scope === 'user' ? { HOME: input.tools.home } : undefined;
    return {
      kind,
      purpose,
      action: { type: 'run', argv, expectGone: spec, ...(env ? { env } : {}) },
      display: (needsRoot ? 'sudo ' : '') + formatArgv(argv, env),
      needsRoot,
      destructive: true,
      undo: restore,
    };
  }
  return {
    kind,
    purpose,
    action: { type: 'remove-files', dist: spec },
    display: `delete the files listed in ${spec.metadataHost}/RECORD`,
    needsRoot: false,
    destructive: true,
    undo: restore,
  };
}

/** Exhaustiveness: reached only with a target kind the switch above has no case for. */
function unknownTarget(kind: never): never {
  throw new Error(`no plan for migration target '${String(kind)}'`);
}
