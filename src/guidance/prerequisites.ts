// Prerequisite findings: the tools the playbook recommends must work before anything migrates.
// venv-unavailable, pipx-missing, pipx-bin-not-on-path, marker-removed-by-hand (and, inside a
// container, the Dockerfile venv pattern). Same Finding shape as the risk rules.
import type { ScanContext } from '../context.js';
import type { Distribution, Environment, Finding, Inventory } from '../model.js';
import type { Platform } from '../platform/types.js';
import { DOCKERFILE_VENV, fixCommand } from './commands.js';
import { readDpkgStatus } from './dpkg-status.js';
import { checkMarker } from './marker-check.js';
import { minorOf } from './naming.js';
import { findOnPath, isOnPath } from './path-lookup.js';
import { minorFromStdlib, stdlibDir } from './stdlib.js';
import { checkVenv } from './venv-check.js';
import { kindsWhere } from '../kinds.js';

/** Base interpreters that create venvs (venvs themselves borrow their base's stdlib). */
const BASE_KINDS = kindsWhere((t) => t.base);
/** Interpreters that carry a distro-style PEP 668 marker. */
const MARKED_KINDS = kindsWhere((t) => t.marked);

export const PREREQUISITE_RULES = ['venv-unavailable', 'pipx-missing', 'pipx-bin-not-on-path', 'marker-removed-by-hand', 'container-venv-pattern'] as const;

function globalPipPackages(inventory: Inventory): Distribution[] {
  return inventory.environments.flatMap((e) => e.packages.filter((d) => d.scope !== 'env' && (d.installer === 'pip' || d.installer === 'uv')));
}

/** Tools that should move to pipx: from advice when filled, else pip-installed packages with scripts. */
function pipxCandidates(inventory: Inventory): string[] {
  const globals = inventory.environments.flatMap((e) => e.packages.filter((d) => d.scope !== 'env'));
  const advised = globals.some((d) => d.advice);
  const picked = advised
    ? globals.filter((d) => d.advice?.action === 'pipx' && d.advice.command)
    : globals.filter((d) => (d.installer === 'pip' || d.installer === 'uv') && d.scripts.length > 0 && d.requested);
  return [...new Set(picked.map((d) => d.displayName))].sort();
}

/** The default python3: the interpreter /usr/bin/python3 resolves to. */
async function defaultMinor(ctx: ScanContext): Promise<string | null> {
  const real = await ctx.tryRealpath('/usr/bin/python3');
  return real ? (/python(\d+\.\d+)$/.exec(real)?.[1] ?? null) : null;
}

async function venvFindings(inventory: Inventory, ctx: ScanContext, platform: Platform): Promise<Finding[]> {
  const out: Finding[] = [];
  const dpkg = platform.family === 'debian' ? await readDpkgStatus(ctx) : null;
  const defMinor = await defaultMinor(ctx);
  for (const env of inventory.environments) {
    if (!BASE_KINDS.has(env.kind)) continue;
    const stdlib = await stdlibDir(ctx, env);
    if (!stdlib) continue;
    const check = await checkVenv(ctx, env, stdlib, platform, dpkg);
    if (check.ok) continue;
    const minor = minorFromStdlib(stdlib) ?? minorOf(env.python.version);
    const fix = env.kind === 'system' || env.kind === 'homebrew'
      ? fixCommand(platform, { installVenv: { pythonVersion: minor, isDefault: minor !== null && minor === defMinor } })
      : env.kind === 'pyenv' && env.python.version
        ? `pyenv install --force ${env.python.version}`
        : `reinstall ${env.name} with the tool that installed it`;
    out.push({
      rule: 'venv-unavailable',
      severity: env.kind === 'system' ? 'high' : 'medium',
      title: `${env.python.executable ?? env.name} cannot create venvs: ensurepip/venv is not usable`,
      environment: env.id,
      evidence: check.evidence,
      fix: [fix, `then: ${env.python.executable ?? 'python3'} -m venv .venv`],
    });
  }
  return out;
}

async function markerFindings(inventory: Inventory, ctx: ScanContext, platform: Platform): Promise<Finding[]> {
  const out: Finding[] = [];
  for (const env of inventory.environments) {
    if (!MARKED_KINDS.has(env.kind)) continue;
    const stdlib = await stdlibDir(ctx, env);
    if (!stdlib) continue;
    const found = await checkMarker(ctx, stdlib, platform);
    if (!found) continue;
    const restore = found.renamed
      ? `${platform.sudo ? 'sudo ' : ''}mv ${found.renamed} ${found.marker}`
      : fixCommand(platform, { reinstallStdlib: { pythonVersion: minorFromStdlib(stdlib) } });
    out.push({
      rule: 'marker-removed-by-hand',
      severity: 'high',
      title: `PEP 668 marker removed by hand from ${stdlib}: never delete EXTERNALLY-MANAGED, use a venv or pipx instead`,
      environment: env.id,
      evidence: found.evidence,
      fix: [restore, 'python3 -m venv .venv && .venv/bin/python -m pip install PACKAGE   # libraries', 'pipx install PACKAGE   # command-line tools'],
    });
  }
  return out;
}

async function pipxFindings(inventory: Inventory, ctx: ScanContext, platform: Platform): Promise<Finding[]> {
  const out: Finding[] = [];
  const tools = pipxCandidates(inventory);
  const pipx = await findOnPath(ctx, 'pipx');
  const pipxEnvs = inventory.environments.filter((e: Environment) => e.kind === 'pipx');
  if (tools.length > 0 && !pipx) {
    const shown = tools.slice(0, 5).join(', ') + (tools.length > 5 ? ', …' : '');
    out.push({
      rule: 'pipx-missing',
      severity: 'medium',
      title: `pipx is not installed, yet ${tools.length} command-line tool${tools.length > 1 ? 's' : ''} should move to it (${shown})`,
      evidence: [{ env: 'PATH', detail: `no pipx in ${ctx.env.PATH ?? '(empty PATH)'}` }],
      fix: [fixCommand(platform, { installPipx: true }), 'pipx ensurepath'],
    });
  }
  if (pipx || pipxEnvs.length > 0 || tools.length > 0) {
    const binDir = ctx.env.PIPX_BIN_DIR ?? `${ctx.home}/.local/bin`;
    if (!isOnPath(ctx, binDir)) {
      const fromVar = ctx.env.PIPX_BIN_DIR !== undefined;
      out.push({
        rule: 'pipx-bin-not-on-path',
        severity: 'medium',
        title: `${binDir} (where pipx links commands) is not on PATH: tools moved to pipx would not run`,
        evidence: [
          ...(fromVar ? [{ env: 'PIPX_BIN_DIR', detail: `PIPX_BIN_DIR=${binDir}` }] : []),
          { env: 'PATH', detail: `PATH=${ctx.env.PATH ?? ''} lacks ${binDir}` },
        ],
        fix: [...(pipx ? [] : [fixCommand(platform, { installPipx: true })]), 'pipx ensurepath', 'open a new shell (or: exec "$SHELL" -l) so PATH includes it'],
      });
    }
  }
  return out;
}

function containerFindings(inventory: Inventory, platform: Platform): Finding[] {
  if (!platform.container) return [];
  const pkgs = globalPipPackages(inventory);
  if (pkgs.length === 0) return [];
  return [
    {
      rule: 'container-venv-pattern',
      severity: 'info',
      title: `inside a ${platform.container.kind} container: pip into the system Python is acceptable here, but a venv in the Dockerfile keeps the image clean`,
      evidence: platform.evidence.filter((e) => /container|docker|podman|cgroup/i.test(e.detail)),
      fix: [...DOCKERFILE_VENV],
    },
  ];
}

/** All prerequisite findings. Run after adviseInventory so pipx checks follow the advice. */
export async function prerequisiteFindings(inventory: Inventory, ctx: ScanContext, platform: Platform): Promise<Finding[]> {
  const [venv, marker, pipx] = await Promise.all([
    venvFindings(inventory, ctx, platform),
    markerFindings(inventory, ctx, platform),
    pipxFindings(inventory, ctx, platform),
  ]);
  return [...venv, ...marker, ...pipx, ...containerFindings(inventory, platform)];
}
