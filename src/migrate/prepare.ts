// Gathering what the pure planner needs from the machine: host paths of tools, pipx's home (src/facts),
// the source interpreter's marker environment, whether the target venv exists. Reads only. Shared by `pyenvtui migrate` and the dashboard's wizard.
import { accessSync, closeSync, constants, existsSync, readSync } from 'node:fs';
import { openRegular } from '../formats/bounded-read.js';
import path from 'node:path';
import type { ScanContext } from '../context/scan-context.js';
import { envFromPrefix } from '../discover/env-prefix.js';
import { markersOf } from '../facts/interpreter.js';
import { findOnHostPath } from '../facts/path.js';
import { toolHomes } from '../facts/tools.js';
import type { Environment } from '../model.js';
import { newMigrationId, stateDir } from './journal.js';
import { readImports } from './apt-only.js';
import { listOwnedFiles } from './backup.js';
import { confineRemovals } from './confine.js';
import { PIPX_NOT_INSTALLED, planMigration } from './plan.js';
import { migrationPrerequisites, prerequisiteText } from './prerequisites.js';
import type { TargetTools } from './targets/common.js';
import type { Plan, Target } from './types.js';

export interface PrepareOptions {
  source: Environment;
  selection: string[];
  /** Companions to inject into each pipx tool (uv: --with). */
  inject?: string[];
  target: Target;
  offline: boolean;
  keepSource: boolean;
  /** The operator's environment (host): PATH for tools, XDG_STATE_HOME for the journal. */
  hostEnv: Record<string, string | undefined>;
}

function executable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Under --root the image's interpreter may be for another CPU (an SD card) or a stand-in script: only
 * a native ELF binary counts as runnable here. On the live machine the executable bit is enough.
 */
function runnableHere(ctx: ScanContext, host: string): boolean {
  if (!existsSync(host) || !executable(host)) return false;
  if (ctx.root === '/') return true;
  try {
    const fd = openRegular(host, Number.MAX_SAFE_INTEGER); // a FIFO here would block an open(2)
    const head = Buffer.alloc(20);
    readSync(fd, head, 0, 20, 0);
    closeSync(fd);
    const machine = head.readUInt16LE(18);
    const native: Record<string, number> = { x64: 62, arm64: 183, arm: 40, ia32: 3 };
    return head.subarray(0, 4).toString('latin1') === '\x7fELF' && (native[process.arch] === undefined || machine === native[process.arch]);
  } catch {
    return false;
  }
}

/** Host interpreter to build the target with: the source's own, or in a sandbox root the host's same path. */
export function targetPython(ctx: ScanContext, source: Environment): { python?: string; warning?: string } {
  const exe = source.python.executable;
  if (!exe) return {};
  const host = ctx.hostPath(exe);
  if (runnableHere(ctx, host)) return { python: host };
  if (ctx.root !== '/' && existsSync(exe) && executable(exe)) {
    return { python: exe, warning: `${host} is not runnable here; using this host's ${exe} to build the target` };
  }
  return {};
}

/** Host tools for the plan: the interpreter, pipx's home and bin dir (the facts' one answer), pipx and uv on the operator's PATH. */
export async function resolveTools(ctx: ScanContext, source: Environment, hostEnv: Record<string, string | undefined>): Promise<{ tools: TargetTools | null; warnings: string[]; error?: string }> {
  const py = targetPython(ctx, source);
  if (!py.python) return { tools: null, warnings: [], error: `no runnable interpreter for ${source.name} (${source.python.executable ?? 'unknown'})` };
  const home = ctx.hostPath(ctx.home);
  const homes = await toolHomes(ctx);
  const tools: TargetTools = {
    python: py.python,
    pipxHome: ctx.hostPath(homes.pipx.home),
    pipxBinDir: ctx.hostPath(homes.pipx.binDir),
    home,
  };
  const pipx = findOnHostPath('pipx', hostEnv.PATH);
  const uv = findOnHostPath('uv', hostEnv.PATH);
  if (pipx) tools.pipx = pipx;
  if (uv) tools.uv = uv;
  if (ctx.env.UV_TOOL_DIR) tools.uvToolDir = ctx.hostPath(ctx.env.UV_TOOL_DIR);
  if (ctx.env.UV_TOOL_BIN_DIR) tools.uvToolBinDir = ctx.hostPath(ctx.env.UV_TOOL_BIN_DIR);
  return { tools, warnings: py.warning ? [py.warning] : [] };
}

/** Build a plan for the machine behind ctx. */
export async function prepareMigration(ctx: ScanContext, o: PrepareOptions): Promise<Plan> {
  const id = newMigrationId(ctx.now());
  const backupDir = path.join(stateDir(o.hostEnv), id);
  const { tools, warnings, error } = await resolveTools(ctx, o.source, o.hostEnv);
  const target: Target = { ...o.target };
  let existingVenv: Environment | undefined;
  if (target.kind === 'venv') {
    const machineDir = target.dir ?? `${ctx.home}/.venvs/${o.selection[0] ?? 'venv'}`;
    target.dir = ctx.hostPath(machineDir);
    if (await ctx.isFile(`${machineDir}/pyvenv.cfg`)) existingVenv = await envFromPrefix(ctx, 'venv', machineDir, path.basename(machineDir), { noProbe: true });
    else if (await ctx.exists(machineDir)) {
      return blocked(id, ctx, target, o, backupDir, `${machineDir} exists and is not a venv`);
    }
  }
  if (!tools) return blocked(id, ctx, target, o, backupDir, error ?? 'no interpreter');
  const imports = await selectedImports(ctx, o.source, [...o.selection, ...(o.inject ?? [])]);
  const pipCache = ctx.hostPath(ctx.env.XDG_CACHE_HOME ? `${ctx.env.XDG_CACHE_HOME}/pip` : `${ctx.home}/.cache/pip`);
  const plan = planMigration({
    id,
    createdAt: ctx.now().toISOString(),
    root: ctx.root,
    hostPath: (p) => ctx.hostPath(p),
    isRoot: ctx.uid === 0,
    source: o.source,
    selection: o.selection,
    ...(o.inject?.length ? { inject: o.inject } : {}),
    target,
    offline: o.offline,
    keepSource: o.keepSource,
    tools,
    backupDir,
    pipCache,
    ...(existingVenv ? { existingVenv } : {}),
    markers: markersOf(ctx, o.source),
    imports,
  });
  // Before anything can run: the tool the target needs must work, else the plan names the fix.
  const prerequisites = await migrationPrerequisites(ctx, { source: o.source, selection: [...o.selection, ...(o.inject ?? [])], target, tools, existingVenv: existingVenv !== undefined, hostEnv: o.hostEnv });
  if (prerequisites.length) {
    plan.prerequisites = prerequisites;
    const blocking = prerequisites.filter((p) => p.blocking);
    // The planner's own "pipx is not installed" says less than the prerequisite (no platform command).
    if (blocking.some((p) => p.rule === 'pipx-missing')) plan.blockers = plan.blockers.filter((b) => !b.startsWith(PIPX_NOT_INSTALLED));
    plan.blockers.unshift(...blocking.map(prerequisiteText));
    plan.warnings.push(...prerequisites.filter((p) => !p.blocking).map(prerequisiteText));
    if (blocking.length) plan.steps = [];
  }
  if (target.kind === 'pipx' && tools.pipx) {
    for (const p of plan.packages) {
      if (!p.injectInto && existsSync(path.join(tools.pipxHome, 'venvs', p.name))) plan.blockers.push(`${p.name} is already installed with pipx (${tools.pipxHome}/venvs/${p.name})`);
    }
    if (plan.blockers.length) plan.steps = [];
  }
  plan.warnings.push(...warnings);
  if (plan.steps.length) await confineRemovals(plan, ctx.uid === 0);
  return plan;
}

/** Modules imported by the selected packages' own .py files (for the apt-only check); reads only. */
async function selectedImports(ctx: ScanContext, source: Environment, selection: string[]): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const d of source.packages) {
    if (!selection.includes(d.name) || !d.hasRecord || out[d.name]) continue;
    const files = await listOwnedFiles({ name: d.name, metadataHost: ctx.hostPath(d.metadataPath), siteHost: ctx.hostPath(d.site), rootHost: ctx.root }).catch(() => []);
    out[d.name] = await readImports(files);
  }
  return out;
}

function blocked(id: string, ctx: ScanContext, target: Target, o: PrepareOptions, backupDir: string, why: string): Plan {
  return {
    schema: 'pyenvtui/plan@1',
    id,
    createdAt: ctx.now().toISOString(),
    root: ctx.root,
    target,
    offline: o.offline,
    keepSource: o.keepSource,
    packages: [],
    steps: [],
    blockers: [why],
    warnings: [],
    backupDir,
  };
}
