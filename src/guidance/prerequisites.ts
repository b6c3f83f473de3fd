// Prerequisite findings: the tools the playbook recommends must work before anything migrates.
// venv-unavailable, pipx-missing, pipx-bin-not-on-path, marker-removed-by-hand (and, inside a
// container, the Dockerfile venv pattern). Same Finding shape as the risk rules.
import type { Distribution, Environment, Finding, Inventory } from '../model.js';
import { isOnPath } from '../facts/path.js';
import { minorFromStdlib } from '../facts/stdlib.js';
import type { CheckFacts } from '../facts/types.js';
import { DOCKERFILE_VENV, fixCommand } from './commands.js';
import { shellQuote } from '../text/shell.js';
import { minorOf } from './naming.js';

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

function venvFindings(inventory: Inventory, facts: CheckFacts): Finding[] {
  const { platform } = facts;
  const out: Finding[] = [];
  const defMinor = facts.defaultMinor;
  for (const env of inventory.environments) {
    const checks = facts.interpreters.get(env.id);
    const check = checks?.venv;
    if (!checks || !check || check.ok) continue;
    const stdlib = checks.stdlib;
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
      // Each line pasteable as printed: the second one says in a comment that it comes after the first.
      fix: [fix, `${shellQuote(env.python.executable ?? 'python3')} -m venv .venv   # then, once the step above is done`],
    });
  }
  return out;
}

function markerFindings(inventory: Inventory, facts: CheckFacts): Finding[] {
  const { platform } = facts;
  const out: Finding[] = [];
  for (const env of inventory.environments) {
    const checks = facts.interpreters.get(env.id);
    const found = checks?.marker;
    if (!checks || !found) continue;
    const stdlib = checks.stdlib;
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

function pipxFindings(inventory: Inventory, facts: CheckFacts): Finding[] {
  const { platform } = facts;
  const out: Finding[] = [];
  const tools = pipxCandidates(inventory);
  const pipx = facts.path.pipx;
  const pipxEnvs = inventory.environments.filter((e: Environment) => e.kind === 'pipx');
  if (tools.length > 0 && !pipx) {
    const shown = tools.slice(0, 5).join(', ') + (tools.length > 5 ? ', …' : '');
    out.push({
      rule: 'pipx-missing',
      severity: 'medium',
      title: `pipx is not installed, yet ${tools.length} command-line tool${tools.length > 1 ? 's' : ''} should move to it (${shown})`,
      evidence: [{ env: 'PATH', detail: `no pipx in ${facts.path.value ?? '(empty PATH)'}` }],
      fix: [fixCommand(platform, { installPipx: true }), 'pipx ensurepath'],
    });
  }
  if (pipx || pipxEnvs.length > 0 || tools.length > 0) {
    const binDir = facts.tools.pipx.binDir;
    if (!isOnPath(facts.path.value, binDir)) {
      const fromVar = Boolean(facts.env.PIPX_BIN_DIR);
      out.push({
        rule: 'pipx-bin-not-on-path',
        severity: 'medium',
        title: `${binDir} (where pipx links commands) is not on PATH: tools moved to pipx would not run`,
        evidence: [
          ...(fromVar ? [{ env: 'PIPX_BIN_DIR', detail: `PIPX_BIN_DIR=${binDir}` }] : []),
          { env: 'PATH', detail: `PATH=${facts.path.value ?? ''} lacks ${binDir}` },
        ],
        fix: [...(pipx ? [] : [fixCommand(platform, { installPipx: true })]), 'pipx ensurepath', 'open a new shell (or: exec "$SHELL" -l) so PATH includes it'],
      });
    }
  }
  return out;
}

function containerFindings(inventory: Inventory, { platform }: CheckFacts): Finding[] {
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

/** All prerequisite findings, pure over the facts. Run after advice so the pipx checks follow it. */
export function prerequisiteFindings(inventory: Inventory, facts: CheckFacts): Finding[] {
  return [...venvFindings(inventory, facts), ...markerFindings(inventory, facts), ...pipxFindings(inventory, facts), ...containerFindings(inventory, facts)];
}
