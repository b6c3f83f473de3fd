// CLI tool → pipx: one pipx venv per package, same version and extras, the source Python.
import { formatArgv } from '../names.js';
import type { PlannedPackage, Step } from '../types.js';
import { installEnv, installFallback, packageChecks, pipCheck, type TargetTools } from './common.js';

type NewStep = Omit<Step, 'id'>;

export function pipxInstallSteps(
  pkg: PlannedPackage,
  tools: TargetTools,
  offline: boolean,
  wheelDir: string,
  systemSite = false,
  companions: PlannedPackage[] = [],
): NewStep[] {
  const pipx = tools.pipx!;
  const env = { HOME: tools.home, PIPX_HOME: tools.pipxHome, PIPX_BIN_DIR: tools.pipxBinDir, ...installEnv(offline, wheelDir) };
  const argv = [pipx, 'install', '--python', tools.python, ...(systemSite ? ['--system-site-packages'] : []), pkg.requirement];
  const venv = `${tools.pipxHome}/venvs/${pkg.name}`;
  const uninstall = [pipx, 'uninstall', pkg.name];
  const uenv = { HOME: tools.home, PIPX_HOME: tools.pipxHome, PIPX_BIN_DIR: tools.pipxBinDir };
  return [
    {
      kind: 'install',
      purpose: `install ${pkg.requirement} into its own pipx venv${offline ? ' from the rebuilt wheels' : ''}`,
      action: { type: 'run', argv, env, ...installFallback(offline, argv, env, wheelDir) },
      display: formatArgv(argv, env),
      needsRoot: false,
      destructive: false,
      undo: { description: formatArgv(uninstall), action: { type: 'uninstall-pipx', argv: uninstall, env: uenv, venv, binDir: tools.pipxBinDir } },
      watch: [
        { path: tools.pipxHome, keepIfNonEmpty: 'venvs' },
        // pipx's shared libraries, built on first use: gone again when no pipx venv is left to use them.
        { path: `${tools.pipxHome}/shared`, keepIfNonEmpty: '../venvs' },
        { path: tools.pipxBinDir, keepIfNonEmpty: '.' },
        // pipx creates ~/.local on a fresh account; undo leaves the home as it found it.
        { path: `${tools.home}/.local`, keepIfNonEmpty: '.' },
      ],
    },
    ...companions.map((c) => injectStep(pkg, c, pipx, env, offline, wheelDir)),
    {
      kind: 'verify',
      purpose: `check ${[pkg.name, ...companions.map((c) => c.name)].join(', ')} work${companions.length ? '' : 's'} from pipx before touching the source`,
      action: {
        type: 'verify',
        checks: [...packageChecks(`${venv}/bin/python`, pkg, `${venv}/bin`), ...companions.flatMap((c) => packageChecks(`${venv}/bin/python`, { ...c, scripts: [] }, null)), pipCheck(`${venv}/bin/python`)],
      },
      display: `verify ${pkg.name} in ${venv}`,
      needsRoot: false,
      destructive: false,
      undo: { description: 'nothing to undo', action: { type: 'noop' } },
    },
  ];
}

/** `pipx inject TOOL 'pkg[extras]==V'`: a companion the user chose goes into the tool's own venv. */
function injectStep(tool: PlannedPackage, c: PlannedPackage, pipx: string, env: Record<string, string>, offline: boolean, wheelDir: string): NewStep {
  const argv = [pipx, 'inject', tool.name, c.requirement];
  return {
    kind: 'inject',
    purpose: `inject ${c.requirement} into the pipx venv of ${tool.name}`,
    action: { type: 'run', argv, env, ...installFallback(offline, argv, env, wheelDir) },
    display: formatArgv(argv, env),
    needsRoot: false,
    destructive: false,
    // pipx 1.1 has no uninject; the install step's undo (pipx uninstall) removes the whole venv.
    undo: { description: `removed with the pipx venv of ${tool.name}`, action: { type: 'noop' } },
  };
}

/**
 * Links pipx could not place because the source's own scripts still occupied the bin dir (user-site
 * installs share ~/.local/bin). Placed after the source is removed: the order rule.
 */
export function pipxLinkStep(pkg: PlannedPackage, tools: TargetTools): NewStep | null {
  if (pkg.scripts.length === 0) return null;
  const venv = `${tools.pipxHome}/venvs/${pkg.name}`;
  const links = pkg.scripts.map((s) => ({ link: `${tools.pipxBinDir}/${s}`, to: `${venv}/bin/${s}` }));
  return {
    kind: 'link-apps',
    purpose: `expose ${pkg.scripts.join(', ')} in ${tools.pipxBinDir} (where pipx links apps)`,
    action: { type: 'link-apps', links },
    display: links.map((l) => `ln -s ${l.to} ${l.link}`).join('; '),
    needsRoot: false,
    destructive: false,
    undo: { description: `remove the links into ${venv}`, action: { type: 'unlink-apps', links } },
  };
}
