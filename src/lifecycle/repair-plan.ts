// `pyenvtui repair`: a broken environment (its interpreter cannot run) rebuilt from its own records, as a
// plan the journaled executor runs (verify, undo). Pure: a function of the inventory and the host tools.
//  - venv kinds: the env's installed files are rebuilt into wheels, the env is moved aside whole, a new venv
//    is made in its place with a Python of the same minor version, the same packages at the same versions
//    are installed from those wheels (offline), and verified. Undo removes the new venv and moves the old
//    one back, byte for byte.
//  - pipx: a copy of the tool's venv is kept, then `pipx reinstall --python PY NAME` from the rebuilt wheels.
//  - uv tools: `uv tool install --reinstall` (the plan is blocked, saying so, when uv is not installed).
//  - anything else (an interpreter, a conda base): not repaired here; the advice says what to run.
import path from 'node:path';
import { minorVersion, type Distribution, type Environment, type Inventory } from '../model.js';
import { distNameProblem, formatArgv, pathProblem, versionProblem } from '../migrate/names.js';
import { packageChecks, type TargetTools } from '../migrate/targets/common.js';
import { createVenvStep, venvInstallSteps } from '../migrate/targets/venv.js';
import type { FileBackupSpec, Plan, PlannedPackage, Step } from '../migrate/types.js';
import { repairCommands, sameMinorInterpreter } from '../risk/repair.js';
import { adjustChecks } from './restore.js';

type NewStep = Omit<Step, 'id'>;

export const VENV_KINDS: ReadonlySet<Environment['kind']> = new Set(['venv', 'virtualenvwrapper', 'poetry', 'pipenv', 'hatch', 'pdm', 'uv-project', 'pyenv-virtualenv']);

export interface RepairInput {
  id: string;
  createdAt: string;
  inv: Inventory;
  envs: Environment[];
  tools: TargetTools;
  /** The user's choice of interpreter when no same-minor one exists (its version is shown). */
  python?: { path: string; version: string | null };
  backupDir: string;
}

export interface RepairPlan extends Plan {
  /** Environments not repaired by this plan, each with why and what to run instead. */
  notRepaired: string[];
}

function planned(d: Distribution): PlannedPackage {
  return { name: d.name, displayName: d.displayName, version: d.version, scope: d.scope, metadataPath: d.metadataPath, scripts: d.scripts, extras: [], requirement: `${d.displayName}==${d.version}`, removableDeps: [], keptDeps: [] };
}

/** The env's own distributions that can be rebuilt and pinned; the others with why. */
function ownPackages(env: Environment): { pkgs: Distribution[]; skipped: string[] } {
  const pkgs: Distribution[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  for (const d of env.packages) {
    if (d.scope !== 'env' || seen.has(d.name)) continue;
    seen.add(d.name);
    const bad = distNameProblem(d.displayName) ?? versionProblem(d.version);
    if (bad) skipped.push(`${d.name}: ${bad}`);
    else if (d.editable) skipped.push(`${d.displayName} (editable: reinstall it from its project with pip install -e)`);
    else pkgs.push(d);
  }
  return { pkgs, skipped };
}

function wheelSpecs(pkgs: Distribution[]): FileBackupSpec[] {
  return pkgs.map((d) => ({ name: d.name, metadataHost: d.metadataPath, siteHost: d.site }));
}

function backupStep(env: Environment, pkgs: Distribution[]): NewStep {
  return {
    kind: 'backup',
    purpose: `rebuild wheels of ${env.prefix}'s ${pkgs.length} packages from its installed files (checked against RECORD)`,
    action: { type: 'backup', wheels: wheelSpecs(pkgs), files: [] },
    // Done in-process (no command to run): shown as a shell comment, so a pasted plan runs nothing here.
    display: `# pyenvtui rebuilds wheels of ${pkgs.map((d) => `${d.displayName}==${d.version}`).join(' ')}`,
    needsRoot: false,
    destructive: false,
    undo: { description: 'nothing to undo (the wheels stay with the journal)', action: { type: 'noop' } },
  };
}

function asideStep(env: Environment, aside: string, copy: boolean): NewStep {
  return {
    kind: 'set-aside',
    purpose: copy ? `keep a copy of ${env.prefix} for undo` : `move the broken ${env.prefix} aside whole (nothing is deleted)`,
    action: { type: 'set-aside', from: env.prefix, to: aside, ...(copy ? { copy: true } : {}) },
    display: copy ? formatArgv(['cp', '-a', env.prefix, aside]) : formatArgv(['mv', '-T', env.prefix, aside]),
    needsRoot: false,
    destructive: false,
    undo: { description: `put ${aside} back at ${env.prefix}`, action: { type: 'put-back', aside, dir: env.prefix, replace: true } },
  };
}

function offlineEnv(wheelDir: string): Record<string, string> {
  return { PIP_NO_INDEX: '1', PIP_FIND_LINKS: wheelDir, PIP_DISABLE_PIP_VERSION_CHECK: '1' };
}

export function planRepair(r: RepairInput): RepairPlan {
  const steps: NewStep[] = [];
  const notRepaired: string[] = [];
  const blockers: string[] = [];
  const warnings: string[] = [];
  const packages: PlannedPackage[] = [];
  const wheelDir = path.join(r.backupDir, 'wheels');
  const advice = (env: Environment): string => repairCommands(env, r.inv).join('; ');

  r.envs.forEach((env, n) => {
    const aside = path.join(r.backupDir, 'aside', `${n + 1}-${path.basename(env.prefix)}`);
    if (env.health.cannotRun === undefined) {
      notRepaired.push(`${env.prefix}: not broken (its interpreter runs); nothing to repair`);
      return;
    }
    const bad = pathProblem(env.prefix);
    if (bad) {
      notRepaired.push(`${env.prefix}: ${bad}`);
      return;
    }
    const { pkgs, skipped } = ownPackages(env);
    for (const s of skipped) warnings.push(`${env.prefix}: not reinstalled: ${s}`);
    const same = sameMinorInterpreter(r.inv, env.python.version, env.id);
    const want = minorVersion(env.python.version);
    let python = same;
    if (!python && r.python) {
      python = r.python.path;
      warnings.push(`${env.prefix}: no Python ${want ?? '(unknown version)'} here; rebuilt with ${r.python.path} (Python ${r.python.version ?? '?'}): packages built for ${want ?? 'the old version'} may not install or work the same`);
    }
    if (VENV_KINDS.has(env.kind)) {
      if (!python) {
        notRepaired.push(`${env.prefix}: no Python ${want ?? '(unknown version)'} on this machine to rebuild it with: install one (pyenv install ${want ?? 'X.Y'}), or choose one with --python PATH`);
        return;
      }
      const tools = { ...r.tools, python };
      const target = { dir: env.prefix, exists: false, systemSitePackages: env.systemSitePackages, present: [] };
      const pp = pkgs.map(planned);
      if (pkgs.length) steps.push(backupStep(env, pkgs));
      steps.push(asideStep(env, aside, false));
      steps.push(createVenvStep(target, tools));
      if (pp.length) steps.push(...venvInstallSteps(pp, target, true, wheelDir, []).map(adjustChecks(env.systemSitePackages)));
      packages.push(...pp);
      return;
    }
    if (env.kind === 'pipx') {
      const name = path.basename(env.prefix);
      const main = typeof env.meta?.mainPackage === 'string' ? env.meta.mainPackage : null;
      if (!r.tools.pipx || !main || env.meta?.safeName === false) {
        notRepaired.push(`${env.prefix}: ${!r.tools.pipx ? 'pipx is not installed here' : 'pipx_metadata.json does not name a safe package'}; run: ${advice(env)}`);
        return;
      }
      if (!python) {
        notRepaired.push(`${env.prefix}: no Python ${want ?? '(unknown version)'} on this machine for pipx to reinstall it with: install one, or choose one with --python PATH`);
        return;
      }
      const home = typeof env.meta?.pipxHome === 'string' ? env.meta.pipxHome : r.tools.pipxHome;
      const binDir = typeof env.meta?.binDir === 'string' ? env.meta.binDir : r.tools.pipxBinDir;
      const envVars = { ...offlineEnv(wheelDir), PIPX_HOME: home, PIPX_BIN_DIR: binDir, HOME: r.tools.home };
      const argv = [r.tools.pipx, 'reinstall', '--python', python, name];
      if (pkgs.length) steps.push(backupStep(env, pkgs));
      steps.push(asideStep(env, aside, true));
      const mainDist = pkgs.find((d) => d.name === main.toLowerCase().replace(/[-_.]+/g, '-'));
      steps.push({
        kind: 'reinstall',
        purpose: `reinstall the pipx tool ${name} with ${python}, from the rebuilt wheels`,
        action: { type: 'run', argv, env: envVars },
        display: formatArgv(argv, envVars),
        needsRoot: false,
        destructive: false,
        undo: { description: 'the copy is put back (previous step)', action: { type: 'noop' } },
      });
      if (mainDist) {
        const py = `${env.prefix}/bin/python`;
        steps.push({
          kind: 'verify',
          purpose: `check ${name} runs again`,
          action: { type: 'verify', checks: packageChecks(py, planned(mainDist), binDir) },
          display: `verify ${mainDist.displayName} ${mainDist.version} in ${env.prefix}`,
          needsRoot: false,
          destructive: false,
          undo: { description: 'nothing to undo', action: { type: 'noop' } },
        });
        packages.push(planned(mainDist));
      }
      return;
    }
    if (env.kind === 'uv-tool') {
      const main = typeof env.meta?.mainPackage === 'string' ? env.meta.mainPackage : null;
      if (!main) {
        notRepaired.push(`${env.prefix}: uv-receipt.toml names no package; run: ${advice(env)}`);
        return;
      }
      const uv = r.tools.uv ?? 'uv';
      const toolDir = path.dirname(env.prefix);
      const binDir = typeof env.meta?.binDir === 'string' ? env.meta.binDir : (r.tools.uvToolBinDir ?? `${r.tools.home}/.local/bin`);
      const envVars = { ...offlineEnv(wheelDir), UV_TOOL_DIR: toolDir, UV_TOOL_BIN_DIR: binDir, UV_OFFLINE: '1', UV_FIND_LINKS: wheelDir };
      const mainDist = pkgs.find((d) => d.name === main.toLowerCase().replace(/[-_.]+/g, '-'));
      const req = mainDist ? `${mainDist.displayName}==${mainDist.version}` : main;
      const argv = [uv, 'tool', 'install', '--reinstall', '--python', python ?? want ?? '3', '--no-index', '--find-links', wheelDir, req];
      if (!r.tools.uv) blockers.push(`${env.prefix}: uv is not installed here; the step below is what pyenvtui runs once it is`);
      if (pkgs.length) steps.push(backupStep(env, pkgs));
      steps.push(asideStep(env, aside, true));
      steps.push({
        kind: 'reinstall',
        purpose: `reinstall the uv tool ${main} with Python ${want ?? '?'}, from the rebuilt wheels`,
        action: { type: 'run', argv, env: envVars },
        display: formatArgv(argv, envVars),
        needsRoot: false,
        destructive: false,
        undo: { description: 'the copy is put back (previous step)', action: { type: 'noop' } },
      });
      return;
    }
    notRepaired.push(`${env.prefix} (${env.kind}): not repaired by pyenvtui; run: ${advice(env)}`);
  });

  const first = r.envs.find((e) => VENV_KINDS.has(e.kind));
  return {
    schema: 'pyenvtui/plan@1',
    id: r.id,
    createdAt: r.createdAt,
    purpose: 'repair',
    root: '/',
    target: first ? { kind: 'venv', dir: first.prefix } : { kind: 'pipx' },
    offline: true,
    keepSource: true,
    packages,
    steps: steps.map((s, i) => ({ ...s, id: i + 1 })),
    blockers,
    warnings,
    backupDir: r.backupDir,
    notRepaired,
  };
}
