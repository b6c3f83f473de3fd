// The scan's second product beside the Inventory: MachineFacts, gathered once per analysis. Each fact is
// read here (or in the one reader it names) and nowhere else; everything downstream is pure over
// (Inventory, MachineFacts).
import type { ScanContext } from '../context/scan-context.js';
import { getDpkgIndex, getDpkgStatus } from '../discover/dpkg-index.js';
import type { PipConfig } from '../formats/pip-config.js';
import { loadDistroIndex, type DistroIndex } from '../guidance/distro-index.js';
import type { Inventory } from '../model.js';
import { loadPipConfig, loadUvConfig, type ConfigReads } from '../risk/config-load.js';
import { is64bitUserland, markerFacts, pthFiles, recordScripts, rootOwned } from '../risk/facts.js';
import { kindsWhere } from '../kinds.js';
import type { MarkerEnv } from '../formats/pep508.js';
import { checkMarker } from './marker-check.js';
import { markersOf } from './interpreter.js';
import { findOnPath, pathDirs } from './path.js';
import { platformOf } from './platform.js';
import { stdlibDir } from './stdlib.js';
import { toolHomes } from './tools.js';
import type { CheckFacts, InterpreterChecks, MachineFacts, PathFacts } from './types.js';
import { checkVenv } from './venv-check.js';

export type { CheckFacts, MachineFacts, InterpreterChecks, PathFacts } from './types.js';
export { platformOf } from './platform.js';

/** Base interpreters that create venvs (venvs borrow their base's stdlib). */
export const BASE_KINDS = kindsWhere((t) => t.base);
/** Interpreters that carry a distro-style PEP 668 marker. */
export const MARKED_KINDS = kindsWhere((t) => t.marked);

/** PATH of the scanned user and where pipx and uv resolve on it. */
export function pathFacts(ctx: ScanContext): PathFacts {
  return { value: ctx.env.PATH, dirs: pathDirs(ctx.env.PATH), pipx: findOnPath(ctx, 'pipx'), uv: findOnPath(ctx, 'uv') };
}

/** X.Y of the interpreter /usr/bin/python3 resolves to. */
async function defaultMinor(ctx: ScanContext): Promise<string | null> {
  const real = await ctx.tryRealpath('/usr/bin/python3');
  return real ? (/python(\d+\.\d+)$/.exec(real)?.[1] ?? null) : null;
}

/** Stdlib, venv and marker checks of the base interpreters of an inventory. */
export async function interpreterChecks(inv: Inventory, ctx: ScanContext): Promise<Map<string, InterpreterChecks>> {
  const platform = await platformOf(ctx);
  const out = new Map<string, InterpreterChecks>();
  for (const env of inv.environments) {
    if (!BASE_KINDS.has(env.kind)) continue;
    const stdlib = await stdlibDir(ctx, env);
    if (!stdlib) continue;
    const venv = await checkVenv(ctx, env, stdlib, platform, () => (platform.family === 'debian' ? getDpkgStatus(ctx) : Promise.resolve(null)));
    const marker = MARKED_KINDS.has(env.kind) ? await checkMarker(ctx, stdlib, platform, platform.family === 'debian' ? await getDpkgIndex(ctx) : null) : null;
    out.set(env.id, { stdlib, venv, marker });
  }
  return out;
}

/** Marker environment of each environment's interpreter. */
export function markerEnvs(inv: Inventory, ctx: ScanContext): Map<string, MarkerEnv> {
  return new Map(inv.environments.map((e) => [e.id, markersOf(ctx, e)]));
}

/** Only what the prerequisite checks read, for a what-if inventory (a migration's source or target interpreter). */
export async function gatherCheckFacts(inv: Inventory, ctx: ScanContext): Promise<CheckFacts> {
  return {
    platform: await platformOf(ctx),
    env: ctx.env,
    path: pathFacts(ctx),
    tools: await toolHomes(ctx),
    interpreters: await interpreterChecks(inv, ctx),
    defaultMinor: await defaultMinor(ctx),
  };
}

/** Gather every fact of the machine behind ctx that rules, checks, advice and planning need. Never throws for bad input. */
export async function gatherMachineFacts(inv: Inventory, ctx: ScanContext): Promise<MachineFacts> {
  const platform = await platformOf(ctx);
  const dpkg = await getDpkgIndex(ctx);
  const reads: ConfigReads = new Map();
  const pip = new Map<string, PipConfig>();
  for (const env of inv.environments) pip.set(env.id, await loadPipConfig(ctx, env.prefix, reads));
  let distro: Promise<DistroIndex | null> | null = null;
  const facts: MachineFacts = {
    platform,
    home: ctx.home,
    uid: ctx.uid,
    env: ctx.env,
    container: platform.container,
    raspberryPi: platform.raspberryPi,
    is64bit: await is64bitUserland(ctx),
    dpkg,
    pip,
    uv: await loadUvConfig(ctx, [], reads),
    tools: await toolHomes(ctx),
    path: pathFacts(ctx),
    markerEnv: markerEnvs(inv, ctx),
    interpreters: await interpreterChecks(inv, ctx),
    defaultMinor: await defaultMinor(ctx),
    distroIndex: () =>
      (distro ??= loadDistroIndex(ctx, platform).then((index) => {
        facts.distro = index;
        return index;
      })),
    distro: null,
    markers: await markerFacts(ctx, inv, dpkg),
    diversions: dpkg.diversions,
    rootOwned: await rootOwned(ctx, [`${ctx.home}/.local`, `${ctx.home}/.cache/pip`]),
    pth: await pthFiles(ctx, inv),
    ...(await recordScripts(ctx, inv).then((r) => ({ recordScripts: r.scripts, recordEscapes: r.escapes }))),
    usrBin: new Set((await ctx.tryReaddir('/usr/bin')).map((e) => e.name)),
  };
  return facts;
}
