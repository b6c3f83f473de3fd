// Prerequisites of one migration, checked before anything runs: the tool the target needs must work,
// or the plan is blocked with the platform's fix (instead of failing half-way through the steps).
// The checks are guidance's own (`prerequisiteFindings`): this file only decides which interpreter and
// which PATH they are about, and phrases the result for the plan.
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { ScanContext, type Env } from '../context/scan-context.js';
import type { Distribution, Environment, Evidence, Finding, Inventory } from '../model.js';
import { BASE_KINDS, gatherCheckFacts, platformOf } from '../facts/index.js';
import { DEFAULT_PATH, pathDirs } from '../facts/path.js';
import { fixCommand } from '../guidance/commands.js';
import { prerequisiteFindings } from '../guidance/prerequisites.js';
import type { TargetTools } from './targets/common.js';
import type { Prerequisite, Target } from './types.js';

export interface PrerequisiteInput {
  source: Environment;
  /** Normalised names of the packages that move (companions included). */
  selection: string[];
  target: Target;
  /** Host tools resolved by prepare; `python` builds the target. */
  tools: TargetTools;
  /** The venv target already exists: nothing creates a venv. */
  existingVenv: boolean;
  /** The operator's environment: its PATH is where pipx and uv are looked up. */
  hostEnv: Env;
}

/** The operator's PATH without pyenv-style shims, as prepare's own tool lookup sees it. */
function toolPath(hostEnv: Env): string {
  return pathDirs(hostEnv.PATH ?? DEFAULT_PATH, { skipShims: true }).join(':');
}

/** A context on the host (root "/") for the tools that run there: pipx, and a stand-in interpreter. */
function hostContext(ctx: ScanContext, hostEnv: Env): ScanContext {
  return new ScanContext({ root: '/', env: { ...hostEnv, PATH: toolPath(hostEnv) }, cacheDir: null, uid: ctx.uid, now: ctx.now });
}

/** An inventory holding only `envs`: guidance's checks are asked about exactly what this migration uses. */
function whatIf(ctx: ScanContext, envs: Environment[]): Inventory {
  return {
    schema: 'pyenvtui/inventory@1',
    generatedAt: ctx.now().toISOString(),
    root: ctx.root,
    host: '',
    platform: ctx.platform,
    arch: ctx.arch,
    home: ctx.home,
    environments: envs,
    path: { dirs: [], python: null, python3: null, pip: null, pip3: null, commands: [] },
    problems: [],
  };
}

function toPrerequisite(f: Finding, blocking: boolean): Prerequisite {
  return { rule: f.rule, blocking, title: f.title, fix: f.fix, evidence: f.evidence as Evidence[] };
}

/**
 * The selection as global command-line tools headed for pipx: guidance's pipx checks fire for
 * packages whose advice is pipx, so that is what the selected packages are here, whatever they were.
 */
function pipxBound(source: Environment, selection: string[]): Environment {
  const packages: Distribution[] = source.packages
    .filter((d) => selection.includes(d.name))
    .map((d) => ({ ...d, scope: d.scope === 'env' ? 'user' : d.scope, advice: { action: 'pipx', reason: 'selected for pipx', command: `pipx install ${d.name}` } }));
  return { ...source, kind: 'venv', packages };
}

async function pipxChecks(ctx: ScanContext, o: PrerequisiteInput): Promise<Prerequisite[]> {
  const tools = pipxBound(o.source, o.selection);
  // pipx runs on the host (the operator's PATH); its links land in the scanned home's bin dir.
  const host = ctx.root === '/' ? null : hostContext(ctx, o.hostEnv);
  const out: Prerequisite[] = [];
  const missingCtx = host ?? ctx;
  const missingInv = whatIf(missingCtx, [tools]);
  const missing = prerequisiteFindings(missingInv, await gatherCheckFacts(missingInv, missingCtx));
  for (const f of missing) if (f.rule === 'pipx-missing') out.push(toPrerequisite(f, true));
  const scanned = whatIf(ctx, [tools]);
  const onPath = host ? prerequisiteFindings(scanned, await gatherCheckFacts(scanned, ctx)) : missing;
  // Whether pipx is installed is pipx-missing's business (asked of the host): the warning keeps only
  // what puts the bin dir on PATH.
  const install = fixCommand(await platformOf(host ? ctx : missingCtx), { installPipx: true });
  for (const f of onPath) if (f.rule === 'pipx-bin-not-on-path') out.push(toPrerequisite({ ...f, fix: f.fix.filter((x) => x !== install) }, false));
  return out;
}

/** A base interpreter environment for an interpreter path, by where it lives; null when unknown. */
function baseFor(exe: string, version: string | null): Environment | null {
  const prefix = path.dirname(path.dirname(exe));
  const kind = /\/\.pyenv\/versions\/[^/]+$/.test(prefix)
    ? 'pyenv'
    : prefix === '/usr' || prefix === '/usr/local'
      ? 'system'
      : /^\/(opt\/homebrew|home\/linuxbrew\/\.linuxbrew)(\/|$)/.test(prefix)
        ? 'homebrew'
        : null;
  if (!kind) return null;
  // pyenv's directory names carry the full version (`pyenv install --force 3.11.7` needs it).
  const full = kind === 'pyenv' && /^\d+\.\d+\.\d+$/.test(path.basename(prefix)) ? path.basename(prefix) : version;
  return {
    id: `${kind}:${prefix}`,
    kind,
    name: path.basename(exe),
    prefix,
    python: { version: full, executable: exe },
    externallyManaged: false,
    systemSitePackages: false,
    health: { ok: true, problems: [] },
    sites: [],
    packages: [],
  };
}

/** "3.11" from an interpreter file name such as python3.11. */
function minorOfExe(p: string | null): string | null {
  return p ? (/python(\d+\.\d+)$/.exec(p)?.[1] ?? null) : null;
}

async function venvChecks(ctx: ScanContext, o: PrerequisiteInput): Promise<Prerequisite[]> {
  // The interpreter that will run `-m venv` is tools.python as the host resolves it: under --root that
  // is the image's own binary when it runs here, else the host's at the same path (docs/migration.md
  // "Live machine vs --root"), and a venv's bin/python may lead either way. Check that one, where it lives.
  let real = o.tools.python;
  try {
    real = realpathSync(o.tools.python);
  } catch {
    // A dangling interpreter fails later with its own message; check the path as given.
  }
  const machine = ctx.machinePath(real);
  const where = machine !== null ? ctx : hostContext(ctx, o.hostEnv);
  const interp = machine ?? real;
  const src = o.source;
  const isSource = machine !== null && BASE_KINDS.has(src.kind) && interp.startsWith(`${src.prefix === '/' ? '' : src.prefix}/`);
  const base = isSource ? src : baseFor(interp, minorOfExe(interp) ?? (machine !== null ? src.python.version : null));
  if (!base) return [];
  const inv = whatIf(where, [base]);
  const found = prerequisiteFindings(inv, await gatherCheckFacts(inv, where));
  return found.filter((f) => f.rule === 'venv-unavailable').map((f) => toPrerequisite(f, true));
}

/** Prerequisites for the target: pipx → pipx-missing (blocks), pipx-bin-not-on-path (warns); new venv → venv-unavailable (blocks). */
export async function migrationPrerequisites(ctx: ScanContext, o: PrerequisiteInput): Promise<Prerequisite[]> {
  if (o.target.kind === 'pipx') return pipxChecks(ctx, o);
  if (o.target.kind === 'venv' && !o.existingVenv) return venvChecks(ctx, o);
  return [];
}

/** One line for the plan: what is missing and the first command that fixes it. */
export function prerequisiteText(p: Prerequisite): string {
  return p.fix.length ? `${p.title} — fix: ${p.fix[0]}` : p.title;
}

/** Plain lines for a prerequisite: the title as BLOCKED/warning, then each fix on its own line. */
export function prerequisiteLines(p: Prerequisite): string[] {
  return [`${p.blocking ? 'BLOCKED' : 'warning'}: ${p.title}`, ...p.fix.map((f, i) => `${i === 0 ? '  fix: ' : '       '}${f}`)];
}

/** Blockers and warnings of a plan that are not a prerequisite's own line (those print with their fixes). */
export function otherNotes(plan: { blockers: string[]; warnings: string[]; prerequisites?: Prerequisite[] }): { blockers: string[]; warnings: string[] } {
  const mine = new Set((plan.prerequisites ?? []).map(prerequisiteText));
  return { blockers: plan.blockers.filter((b) => !mine.has(b)), warnings: plan.warnings.filter((w) => !mine.has(w)) };
}
