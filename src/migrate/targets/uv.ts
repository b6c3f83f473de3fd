// CLI tool → uv tool: the same idea as pipx with uv's receipts (offered when uv is installed).
import { formatArgv } from '../names.js';
import type { PlannedPackage, Step } from '../types.js';
import { packageChecks, pipCheck, type TargetTools } from './common.js';

type NewStep = Omit<Step, 'id'>;

export function uvInstallSteps(pkg: PlannedPackage, tools: TargetTools, offline: boolean, wheelDir: string, companions: PlannedPackage[] = []): NewStep[] {
  const uv = tools.uv!;
  const toolDir = tools.uvToolDir ?? `${tools.home}/.local/share/uv/tools`;
  const binDir = tools.uvToolBinDir ?? `${tools.home}/.local/bin`;
  const env = { HOME: tools.home, UV_TOOL_DIR: toolDir, UV_TOOL_BIN_DIR: binDir };
  const local = ['--offline', '--no-index', '--find-links', wheelDir];
  // uv's companions ride along in the same install (`--with`), recorded in its receipt.
  const withs = companions.flatMap((c) => ['--with', c.requirement]);
  const argv = [uv, 'tool', 'install', '--python', tools.python, ...(offline ? local : []), ...withs, pkg.requirement];
  const fallbackArgv = [uv, 'tool', 'install', '--python', tools.python, ...local, ...withs, pkg.requirement];
  const uninstall = [uv, 'tool', 'uninstall', pkg.name];
  const venv = `${toolDir}/${pkg.name}`;
  return [
    {
      kind: 'install',
      purpose: `install ${pkg.requirement} as a uv tool`,
      action: { type: 'run', argv, env, ...(offline ? {} : { fallback: { argv: fallbackArgv, env } }) },
      display: formatArgv(argv, env),
      needsRoot: false,
      destructive: false,
      undo: { description: formatArgv(uninstall), action: { type: 'run', argv: uninstall, env } },
      watch: [{ path: toolDir, keepIfNonEmpty: '.' }],
    },
    {
      kind: 'verify',
      purpose: `check ${pkg.name} works from uv before touching the source`,
      // uv venvs have no pip; pip check runs through the host python against the tool's site.
      action: { type: 'verify', checks: [...packageChecks(`${venv}/bin/python`, pkg, `${venv}/bin`), ...companions.flatMap((c) => packageChecks(`${venv}/bin/python`, { ...c, scripts: [] }, null))] },
      display: `verify ${pkg.name} in ${venv}`,
      needsRoot: false,
      destructive: false,
      undo: { description: 'nothing to undo', action: { type: 'noop' } },
    },
  ];
}

export { pipCheck };
