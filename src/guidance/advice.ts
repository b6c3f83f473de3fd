// The PEP 668 playbook applied to every package of a global scope (distro, local, user):
// keep what the distro owns, allow the break flag only in throwaway containers, move command-line
// tools to pipx, point libraries at the project venv that already has them, at the distro package
// when the local lists have one, or at a new venv. Each advice carries a one-line reason.
import { isValidDistName, normalizeName, type Advice, type Distribution, type Environment, type Inventory } from '../model.js';
import type { Platform } from '../platform/types.js';
import { dockerfileInstall, installCommand, managerName, requirement } from './commands.js';
import type { MachineFacts } from '../facts/types.js';
import type { DistroIndex } from './distro-index.js';
import { kindsWhere } from '../kinds.js';

/** Kinds whose environments belong to a project (a library found there is "already in a venv"). */
const PROJECT_KINDS = kindsWhere((t) => t.project);

/** Libraries Raspberry Pi OS ships through apt because pip builds lack the Pi's hardware support. */
const PI_APT_FIRST = new Set(['picamera2', 'libcamera', 'rpi-gpio', 'lgpio', 'rpi-lgpio', 'gpiozero', 'pigpio', 'sense-hat', 'smbus', 'spidev']);

export interface AdviceInputs {
  platform: Platform;
  index: DistroIndex | null;
  /** Where command-line tools go: pipx, or uv tool when only uv is installed. */
  toolTarget: 'pipx' | 'uv-tool';
  /** Normalised name → prefixes of project environments that contain it. */
  projectEnvs: Map<string, string[]>;
  /** Normalised main package name → pipx venv already holding it (name and prefix). */
  pipxTools?: Map<string, { venv: string; prefix: string }>;
  /** metadataPath → RECORD entries outside the site (MachineFacts.recordEscapes): never advise pip uninstall there. */
  recordEscapes?: Map<string, string[]>;
}

/** Name of a requirement line (PEP 508), normalised; null when unparsable. */
export function requirementName(line: string): string | null {
  const m = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(line);
  return m ? normalizeName(m[1]!) : null;
}

/** Packages of a global scope: what advice covers. */
export function isGlobal(d: Distribution): boolean {
  return d.scope !== 'env';
}

/** Who installed it, when the distro did (dpkg, rpm, or no pip INSTALLER in the distro directory). */
function distroOwner(d: Distribution, platform: Platform): string | null {
  if (d.dpkgPackage) return `apt (${d.dpkgPackage})`;
  if (d.installer === 'debian') return 'apt';
  if (d.installer === 'rpm') return 'dnf/rpm';
  if (d.scope === 'distro' && d.installer !== 'pip' && d.installer !== 'uv') return managerName(platform);
  return null;
}

/** Top-level packages that (transitively) need `name` within one scope group; [] when none does. */
function rootsOf(name: string, dependents: Map<string, string[]>, seen = new Set<string>()): string[] {
  const parents = dependents.get(name) ?? [];
  if (parents.length === 0) return [];
  const out = new Set<string>();
  for (const p of parents) {
    if (seen.has(p)) continue;
    seen.add(p);
    const up = rootsOf(p, dependents, seen);
    if (up.length === 0) out.add(p);
    else up.forEach((r) => out.add(r));
  }
  return [...out];
}

function safeRequirement(d: Distribution): string | null {
  return isValidDistName(d.displayName) ? requirement(d.displayName, d.version) : null;
}

/** Advice for each global package of one environment (pure over its inputs). */
export function adviseEnvironment(env: Environment, inputs: AdviceInputs): Map<Distribution, Advice> {
  const { platform } = inputs;
  const globals = env.packages.filter(isGlobal);
  const byName = new Map(globals.map((d) => [d.name, d]));
  const dependents = new Map<string, string[]>();
  for (const d of globals) {
    for (const line of d.requires) {
      const dep = requirementName(line);
      if (!dep || dep === d.name || !byName.has(dep)) continue;
      const list = dependents.get(dep) ?? [];
      list.push(d.name);
      dependents.set(dep, list);
    }
  }
  const out = new Map<Distribution, Advice>();
  const tools = new Set<string>();
  const removed = new Set<string>();
  // Pass 1: what stays, containers, and tools.
  for (const d of globals) {
    const owner = distroOwner(d, platform);
    if (owner) {
      out.set(d, { action: 'keep', reason: `installed by ${owner}: leave it to ${managerName(platform)}` });
      continue;
    }
    if (platform.container) {
      const req = safeRequirement(d);
      out.set(d, {
        action: 'container',
        reason: `inside a throwaway ${platform.container.kind} container: the break flag is acceptable here; in the Dockerfile use a venv with ENV PATH=/opt/venv/bin:$PATH`,
        ...(req ? { command: dockerfileInstall(d.displayName, d.version) } : {}),
      });
      continue;
    }
    const isTopLevel = d.requested || !dependents.has(d.name);
    const inPipx = d.scripts.length > 0 && isTopLevel ? inputs.pipxTools?.get(d.name) : undefined;
    if (inPipx) {
      removed.add(d.name);
      out.set(d, removeCopyAdvice(env, d, inPipx, platform, inputs.recordEscapes?.get(d.metadataPath)));
      continue;
    }
    if (d.scripts.length > 0 && isTopLevel) {
      tools.add(d.name);
      const req = safeRequirement(d);
      const shown = d.scripts.slice(0, 3).join(', ') + (d.scripts.length > 3 ? ', …' : '');
      const target = inputs.toolTarget;
      out.set(d, {
        action: target,
        reason: `command-line tool (${shown}): ${target === 'pipx' ? 'pipx' : 'uv tool'} gives it its own venv and keeps the command on PATH`,
        ...(req ? { command: `${target === 'pipx' ? 'pipx install' : 'uv tool install'} ${req}` } : {}),
      });
    }
  }
  // Pass 2: libraries.
  for (const d of globals) {
    if (out.has(d)) continue;
    const roots = rootsOf(d.name, dependents);
    if (roots.length > 0 && roots.every((r) => removed.has(r))) {
      // Only copies that pipx already has need it: it goes with them (pip does not remove dependencies).
      const cmd = removeCopyAdvice(env, d, { venv: '', prefix: '' }, platform, inputs.recordEscapes?.get(d.metadataPath)).command?.split(' && ')[0];
      out.set(d, { action: 'remove-copy', reason: `dependency of ${roots.slice(0, 3).join(', ')} only, whose pipx install has its own copy: remove it with them`, ...(cmd ? { command: cmd } : {}) });
      continue;
    }
    if (roots.length > 0 && roots.every((r) => tools.has(r) || removed.has(r))) {
      out.set(d, { action: inputs.toolTarget, reason: `dependency of ${roots.slice(0, 3).join(', ')}: it moves along into that tool's own venv` });
      continue;
    }
    out.set(d, adviseLibrary(d, inputs));
  }
  return out;
}

/**
 * The tool already lives in a pipx venv: migrating it again leads nowhere. Remove this copy with the
 * interpreter that owns it, then let pipx re-create its command links (pip's uninstall deletes the
 * shared ~/.local/bin entry that pipx refused to overwrite, or that pip wrote over pipx's link).
 */
function removeCopyAdvice(env: Environment, d: Distribution, pipx: { venv: string; prefix: string }, platform: Platform, escapes?: string[]): Advice {
  const reason = `already installed with pipx (${pipx.prefix}): this ${d.scope} copy only shadows it; remove it, not migrate it`;
  // pip uninstall deletes every file its RECORD lists, wherever it is: never advise it for a RECORD that escapes.
  if (escapes?.length) return { action: 'remove-copy', reason: `${reason}; its RECORD lists ${escapes.length} file${escapes.length > 1 ? 's' : ''} outside its site that pip uninstall would delete: remove this copy's own files by hand` };
  const exe = env.python.executable;
  if (!exe || !isValidDistName(d.displayName) || !/^([A-Za-z0-9][A-Za-z0-9._+-]*)?$/.test(pipx.venv) || /\s/.test(exe)) {
    return { action: 'remove-copy', reason };
  }
  const sudo = d.scope === 'local' && platform.sudo ? 'sudo ' : '';
  const flag = env.externallyManaged ? ' --break-system-packages' : '';
  return { action: 'remove-copy', reason, command: `${sudo}${exe} -m pip uninstall -y${flag} ${d.name} && pipx reinstall ${pipx.venv}` };
}

function adviseLibrary(d: Distribution, inputs: AdviceInputs): Advice {
  const { platform, index } = inputs;
  const req = safeRequirement(d);
  const venvs = inputs.projectEnvs.get(d.name) ?? [];
  if (venvs.length > 0) {
    const others = venvs.length > 1 ? ` (and ${venvs.length - 1} more)` : '';
    return { action: 'venv', venv: venvs[0], reason: `a library; the project venv ${venvs[0]}${others} already has it, so the global copy is likely unneeded` };
  }
  const match = index?.lookup(d.displayName) ?? null;
  const piApt = platform.raspberryPi !== null && PI_APT_FIRST.has(d.name);
  if (match) {
    const version = match.version ? ` ${match.version}` : '';
    return {
      action: 'distro',
      reason: `${match.manager} has ${match.name}${version} (pip copy is ${d.version})${piApt ? '; on a Pi the apt build supports the hardware' : ''}`,
      distroPackage: { manager: match.manager, name: match.name, ...(match.version ? { version: match.version } : {}) },
      command: installCommand(platform, match.name),
    };
  }
  // On a Pi, venvs need the apt-installed hardware libraries: --system-site-packages keeps them importable.
  const flags = platform.raspberryPi ? ' --system-site-packages' : '';
  return {
    action: 'venv',
    reason: `a library${index ? ` with no ${index.manager} package` : ''}: install it in the venv of the project that uses it`,
    ...(req ? { command: `python3 -m venv${flags} .venv && .venv/bin/python -m pip install ${req}` } : {}),
  };
}

/** Map normalised package name → project environments containing it (sorted for stable output). */
export function projectEnvsByPackage(inventory: Inventory): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const env of inventory.environments) {
    if (!PROJECT_KINDS.has(env.kind)) continue;
    for (const d of env.packages) {
      if (d.scope !== 'env') continue;
      const list = out.get(d.name) ?? [];
      if (!list.includes(env.prefix)) list.push(env.prefix);
      out.set(d.name, list);
    }
  }
  for (const list of out.values()) list.sort();
  return out;
}

/** Main packages of the active pipx home's venvs (normalised name → venv name and prefix). */
export function pipxToolsOf(inventory: Inventory): Map<string, { venv: string; prefix: string }> {
  const out = new Map<string, { venv: string; prefix: string }>();
  for (const e of inventory.environments) {
    const m = e.meta ?? {};
    if (e.kind !== 'pipx' || !e.health.ok || m.global === true || m.activeHome === false || typeof m.mainPackage !== 'string') continue;
    const name = normalizeName(m.mainPackage);
    if (!out.has(name)) out.set(name, { venv: e.name, prefix: e.prefix });
  }
  return out;
}

/** pipx when it is installed (or nothing is); uv tool when only uv is there. */
export function toolTargetFor(inventory: Inventory, path: MachineFacts['path']): 'pipx' | 'uv-tool' {
  const kinds = new Set(inventory.environments.map((e) => e.kind));
  if (kinds.has('pipx') || path.pipx) return 'pipx';
  if (kinds.has('uv-tool') || path.uv) return 'uv-tool';
  return 'pipx';
}

/** Whether advice needs the distro's package lists (a global package the distro does not own, on a host). */
export function adviceNeedsIndex(inventory: Inventory, platform: Platform): boolean {
  return !platform.container && inventory.environments.some((e) => e.packages.some((d) => isGlobal(d) && !distroOwner(d, platform)));
}

/**
 * Fill `advice` on every package of a global scope, from the facts. The distro lists are asked of the
 * facts (read on first ask) only when some package needs them; `index` overrides them (tests).
 */
export async function adviseInventory(inventory: Inventory, facts: MachineFacts, index?: DistroIndex | null): Promise<void> {
  const { platform } = facts;
  const envs = inventory.environments.filter((e) => e.packages.some(isGlobal));
  if (envs.length === 0) return;
  const inputs: AdviceInputs = {
    platform,
    index: index !== undefined ? index : adviceNeedsIndex(inventory, platform) ? await facts.distroIndex() : null,
    toolTarget: toolTargetFor(inventory, facts.path),
    projectEnvs: projectEnvsByPackage(inventory),
    pipxTools: pipxToolsOf(inventory),
    recordEscapes: facts.recordEscapes,
  };
  for (const env of envs) {
    for (const [d, advice] of adviseEnvironment(env, inputs)) d.advice = advice;
  }
  if (inputs.index?.problems.length) {
    for (const p of inputs.index.problems) inventory.problems.push({ locator: 'guidance', path: p.path, message: p.message });
  }
}
