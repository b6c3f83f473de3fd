// Repair advice for a broken environment, fitted to its kind. Rules of the house:
//  - the managing tool's own command where there is one (pipx, uv, pyenv, conda, Homebrew, mise);
//  - the Python version is kept: a venv is rebuilt only with an interpreter of the same minor version that
//    exists on this machine, never "python3" whatever that is;
//  - nothing is deleted: a venv is moved aside before it is rebuilt, a directory that holds other
//    environments (a conda base, a pyenv root) is never touched;
//  - never a command that cannot run: when the tool or the interpreter it needs is missing, the steps are
//    given as `# ` comments (safe to paste: the shell ignores them) that say what to install first.
import { isValidDistName, minorVersion, type Environment, type Inventory } from '../model.js';
import { q } from './rules/util.js';
import { kindsWhere } from '../kinds.js';

/** A PEP 440-ish version fit for a command line (from disk: never trusted). */
const SAFE_VERSION = /^[A-Za-z0-9][A-Za-z0-9.+!_-]*$/;
/** A pyenv/mise version name (3.12.1, pypy3.10-7.3.15, miniforge3-24.1.2-0, 3.13.0t). */
const SAFE_TOOL_VERSION = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/;

/** Standalone interpreters a venv can be rebuilt with (conda's python is not one). */
const INTERPRETER_KINDS = kindsWhere((t) => t.base);

function comment(lines: string[]): string[] {
  return lines.map((l) => (l.startsWith('#') ? l : `# ${l}`));
}

/**
 * A healthy interpreter on this machine with the same X.Y as `version`: the exact version first, then
 * the newest patch of that minor. Returns its executable (machine path) or null.
 */
export function sameMinorInterpreter(inv: Inventory, version: string | null, exclude?: string): string | null {
  const want = minorVersion(version);
  if (!want) return null;
  const candidates = inv.environments.filter(
    (e) =>
      INTERPRETER_KINDS.has(e.kind) &&
      e.id !== exclude &&
      e.health.cannotRun === undefined &&
      e.python.executable !== null &&
      minorVersion(e.python.version) === want,
  );
  if (!candidates.length) return null;
  const exact = candidates.find((e) => e.python.version === version);
  if (exact) return exact.python.executable;
  const patch = (e: Environment) => Number(/^\d+\.\d+\.(\d+)/.exec(e.python.version ?? '')?.[1] ?? -1);
  return [...candidates].sort((a, b) => patch(b) - patch(a))[0]!.python.executable;
}

/** Pinned requirements from the environment's own records (its own site only; pip comes with the venv). */
function pinnedRequirements(env: Environment): { reqs: string[]; skipped: string[] } {
  const reqs: string[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  for (const d of env.packages) {
    if (d.scope !== 'env' || d.name === 'pip' || seen.has(d.name)) continue;
    seen.add(d.name);
    const name = isValidDistName(d.displayName) ? d.displayName : isValidDistName(d.name) ? d.name : null;
    if (!name || !SAFE_VERSION.test(d.version)) skipped.push(d.name);
    else if (d.editable) skipped.push(`${name} (editable: reinstall it from its project with pip install -e)`);
    else reqs.push(q(`${name}==${d.version}`));
  }
  return { reqs: reqs.sort(), skipped };
}

/** Move aside, rebuild with the same minor version, reinstall the same packages at the same versions. */
function rebuildVenv(env: Environment, inv: Inventory): string[] {
  const prefix = env.prefix;
  const aside = `${prefix}.broken-${inv.generatedAt.slice(0, 10).replace(/-/g, '')}`;
  const { reqs, skipped } = pinnedRequirements(env);
  const python = sameMinorInterpreter(inv, env.python.version, env.id);
  const want = minorVersion(env.python.version);
  // GNU mv -T refuses to move into an existing directory of that name (plain mv would nest it there).
  const mv = inv.platform === 'linux' ? `mv -T ${q(prefix)} ${q(aside)}` : `mv ${q(prefix)} ${q(aside)}`;
  const steps = [
    mv,
    `${python ? q(python) : `python${want ?? '3'}`} -m venv${env.systemSitePackages ? ' --system-site-packages' : ''} ${q(prefix)}`,
    ...(reqs.length ? [`${q(prefix)}/bin/python -m pip install ${reqs.join(' ')}`] : []),
  ];
  const tail = [
    ...(skipped.length ? [`# not reinstalled (reinstall by hand): ${skipped.join(', ')}`] : []),
    `# the old copy stays in ${aside}; delete it yourself once the new environment works`,
  ];
  if (python) return [...steps, ...tail];
  const why = want
    ? `no Python ${want} on this machine: install one first (pyenv install ${want}, or your distribution's python${want}), then run:`
    : 'the Python version of this environment is unknown: rebuild it with the interpreter it was made with:';
  return comment([why, ...steps, ...tail]);
}

function condaFix(env: Environment): string[] {
  const isBase = env.meta?.isBase === true;
  const root = typeof env.meta?.root === 'string' ? env.meta.root : null;
  const v = env.python.version;
  if (isBase || !root) {
    // conda is a Python program: with the base's own Python gone no conda command can run.
    return comment([
      `conda's own Python in ${env.prefix} is missing, so conda cannot repair itself; its environments in ${env.prefix}/envs are intact.`,
      `Re-run the Miniforge/Miniconda installer in update mode, which keeps envs/ and pkgs/:`,
      `bash Miniforge3-Linux-$(uname -m).sh -b -u -p ${q(env.prefix)}`,
    ]);
  }
  const python = v && SAFE_VERSION.test(v) ? `python=${v}` : 'python';
  return [`${q(root)}/bin/conda install --yes --prefix ${q(env.prefix)} --force-reinstall ${q(python)}`];
}

/** The commands that repair `env` (an environment whose interpreter cannot run), safe to paste. */
export function repairCommands(env: Environment, inv: Inventory): string[] {
  const v = env.python.version;
  const m = minorVersion(v);
  switch (env.kind) {
    case 'pipx': {
      const name = typeof env.meta?.mainPackage === 'string' ? env.meta.mainPackage : null;
      if (!name) return ['pipx reinstall-all'];
      const python = sameMinorInterpreter(inv, v);
      const home = typeof env.meta?.pipxHome === 'string' ? env.meta.pipxHome : null;
      const defaultHomes = [`${inv.home}/.local/pipx`, `${inv.home}/.local/share/pipx`];
      const pre = home && !defaultHomes.includes(home) ? `PIPX_HOME=${q(home)} ` : '';
      return [`${pre}pipx reinstall${python ? ` --python ${q(python)}` : ''} ${q(name)}`];
    }
    case 'uv-tool': {
      const name = typeof env.meta?.mainPackage === 'string' ? env.meta.mainPackage : null;
      if (!name) return comment([`reinstall the uv tool in ${env.prefix} with: uv tool install --reinstall NAME`]);
      return [`uv tool install --reinstall${m ? ` --python ${m}` : ''} ${q(name)}`];
    }
    case 'uv-python':
      return v && SAFE_VERSION.test(v) ? [`uv python install --reinstall ${v}`] : comment([`reinstall it with: uv python install --reinstall VERSION`]);
    case 'pyenv':
      return SAFE_TOOL_VERSION.test(env.name) ? [`pyenv install --force ${q(env.name)}`] : comment([`reinstall it with pyenv install --force`]);
    case 'mise':
      return v && SAFE_VERSION.test(v) ? [`mise install --force python@${v}`] : comment(['reinstall it with mise install --force python@VERSION']);
    case 'asdf':
      return comment([`asdf cannot reinstall over an installed version; reinstall Python ${v ?? ''} with asdf after checking what uses it`]);
    case 'homebrew':
      return m ? [`brew reinstall python@${m}`] : ['brew reinstall python'];
    case 'conda':
      return condaFix(env);
    case 'system':
      return comment([`the system interpreter ${env.python.executable ?? env.prefix} cannot run: reinstall python${m ?? '3'} with the OS package manager`]);
    case 'venv':
    case 'virtualenvwrapper':
    case 'poetry':
    case 'pipenv':
    case 'hatch':
    case 'pdm':
    case 'uv-project':
    case 'pyenv-virtualenv':
      return rebuildVenv(env, inv);
  }
}
