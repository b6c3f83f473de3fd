// Library → venv: a new venv (default ~/.venvs/NAME) or an existing one.
import path from 'node:path';
import { formatArgv } from '../names.js';
import type { PlannedPackage, Step } from '../types.js';
import { installEnv, installFallback, packageChecks, pipCheck, type TargetTools } from './common.js';

type NewStep = Omit<Step, 'id'>;

export interface VenvTarget {
  /** Host path of the venv. */
  dir: string;
  exists: boolean;
  systemSitePackages: boolean;
  /** Normalised names already installed there (so undo removes only what we added). */
  present: string[];
}

export function createVenvStep(t: VenvTarget, tools: TargetTools): NewStep {
  const argv = [tools.python, '-m', 'venv', ...(t.systemSitePackages ? ['--system-site-packages'] : []), t.dir];
  return {
    kind: 'create-venv',
    purpose: `create the venv ${t.dir}${t.systemSitePackages ? ' (sees apt-installed modules)' : ''}`,
    action: { type: 'run', argv },
    display: formatArgv(argv),
    needsRoot: false,
    destructive: false,
    undo: { description: `rm -r ${t.dir}`, action: { type: 'remove-dir', dir: t.dir } },
    // The venv itself too: cut off before pyvenv.cfg exists, it is still ours to remove.
    watch: [{ path: path.posix.dirname(t.dir), keepIfNonEmpty: '.' }, { path: t.dir }],
  };
}

export function venvInstallSteps(
  pkgs: PlannedPackage[],
  t: VenvTarget,
  offline: boolean,
  wheelDir: string,
  addedDeps: string[],
): NewStep[] {
  const py = `${t.dir}/bin/python`;
  const env = installEnv(offline, wheelDir);
  const argv = [py, '-m', 'pip', 'install', ...pkgs.map((p) => p.requirement)];
  const added = [...pkgs.map((p) => p.name), ...addedDeps.filter((d) => !t.present.includes(d))];
  const uninstall = [py, '-m', 'pip', 'uninstall', '-y', ...added];
  return [
    {
      kind: 'install',
      purpose: `install ${pkgs.map((p) => p.requirement).join(' ')} into ${t.dir}${offline ? ' from the rebuilt wheels' : ''}`,
      action: { type: 'run', argv, env, ...installFallback(offline, argv, env, wheelDir) },
      display: formatArgv(argv, env),
      needsRoot: false,
      destructive: false,
      undo: t.exists
        ? { description: formatArgv(uninstall), action: { type: 'run', argv: uninstall, env } }
        : { description: 'removed with the venv', action: { type: 'noop' } },
    },
    {
      kind: 'verify',
      purpose: `check the packages work in ${t.dir} before touching the source`,
      action: { type: 'verify', checks: [...pkgs.flatMap((p) => packageChecks(py, p, `${t.dir}/bin`)), pipCheck(py)] },
      display: `verify ${pkgs.map((p) => p.name).join(', ')} in ${t.dir}`,
      needsRoot: false,
      destructive: false,
      undo: { description: 'nothing to undo', action: { type: 'noop' } },
    },
  ];
}
