// `pyenvtui doctor`: scan, evaluate the risk rules, print a report grouped by severity (or JSON), and
// exit 0 (clean) / 1 (findings at or above --fail-on) / 2 (usage or internal error) for CI and scripts.
import type { Env } from '../context/scan-context.js';
import { ScanContext } from '../context/scan-context.js';
import { visible, visibleLines } from '../text/safe.js';
import { SEVERITIES, severityRank, type Evidence, type Finding, type Inventory, type Severity } from '../model.js';
import { jsonSafe } from '../text/safe.js';
import { DOCTOR_SPEC } from './args/doctor.js';
import { scanScope, type ScanScope } from './scan-scope.js';
import { flag, parseCommand, str, usageError } from './spec.js';

export interface DoctorIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: Env;
  isTTY: boolean;
}

interface DoctorArgs {
  json: boolean;
  scope: ScanScope;
  /** --root was given: a root that is not a directory is a usage error. */
  rootGiven: boolean;
  failOn: Severity;
  color: boolean | null;
}

/** Parse doctor options (DOCTOR_SPEC); an error message for bad usage. Pure. */
export function parseDoctorArgs(argv: string[]): DoctorArgs | { error: string } {
  const p = parseCommand(DOCTOR_SPEC, argv);
  if ('error' in p) return p;
  const scope = scanScope(p);
  if ('error' in scope) return scope;
  const color = flag(p, 'no-color') ? false : flag(p, 'color') ? true : null;
  return { json: flag(p, 'json'), scope, rootGiven: str(p, 'root') !== undefined, failOn: (str(p, 'fail-on') ?? 'high') as Severity, color };
}

const COLORS: Record<Severity, string> = { critical: '\x1b[1;35m', high: '\x1b[1;31m', medium: '\x1b[33m', low: '\x1b[36m', info: '\x1b[2m' };

function evidenceLine(e: Evidence): string {
  const where = e.env ? `$${e.env}` : e.path ? `${e.path}${e.line ? `:${e.line}` : ''}` : '';
  return where ? `${where} — ${e.detail}` : e.detail;
}

/** Plain-text report grouped by severity; colour only when asked for. */
export function renderDoctorText(inv: Inventory, findings: Finding[], failOn: Severity, color: boolean): string {
  const paint = (s: Severity, t: string): string => (color ? `${COLORS[s]}${t}\x1b[0m` : t);
  const counts = SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length] as const).filter(([, n]) => n > 0);
  // Lines are made visible here (names, paths and messages come from disk); colour is added after.
  const lines: string[] = [];
  const painted = new Set<number>();
  const where = inv.root === '/' ? inv.host : `${inv.root} (as /)`;
  lines.push(`pyenvtui doctor — ${inv.environments.length} environment${inv.environments.length === 1 ? '' : 's'} on ${where}`);
  if (inv.context) lines.push(contextLine(inv.context));
  if (!findings.length) {
    lines.push('', 'No risks found.');
    return lines.map(visible).join('\n') + '\n';
  }
  lines.push(`${findings.length} finding${findings.length === 1 ? '' : 's'}: ${counts.map(([s, n]) => `${n} ${s}`).join(', ')}`);
  for (const sev of SEVERITIES) {
    const group = findings.filter((f) => f.severity === sev);
    if (!group.length) continue;
    lines.push('', paint(sev, `${sev.toUpperCase()} (${group.length})`)); // fixed text only
    painted.add(lines.length - 1);
    for (const f of group) {
      lines.push(`  [${f.rule}] ${f.title}`);
      const ctx = [f.environment ? `environment: ${f.environment}` : '', f.package ? `package: ${f.package}` : ''].filter(Boolean).join('   ');
      if (ctx) lines.push(`    ${ctx}`);
      for (const e of f.evidence) lines.push(`    evidence: ${evidenceLine(e)}`);
      for (const x of f.fix) lines.push(`    fix: ${x}`);
    }
  }
  const failing = findings.filter((f) => severityRank(f.severity) <= severityRank(failOn)).length;
  lines.push('', failing ? `${failing} finding${failing === 1 ? '' : 's'} at or above '${failOn}'.` : `Nothing at or above '${failOn}'.`);
  return lines.map((l, i) => (painted.has(i) ? l : visible(l))).join('\n') + '\n';
}

/** One line: what the machine was taken for, why, and how to say otherwise. */
export function contextLine(c: NonNullable<Inventory['context']>): string {
  const other = c.assumed === 'host' ? 'container' : 'host';
  const hint = c.source === 'detected' ? ` (if wrong: --context ${other} or PYENVTUI_CONTEXT=${other})` : '';
  return `context: ${c.assumed === 'host' ? 'host' : 'throwaway container'} — ${c.why}${hint}`;
}

/** Runs `pyenvtui doctor`; returns the exit code. */
export async function runDoctor(argv: string[], io: DoctorIO): Promise<number> {
  const args = parseDoctorArgs(argv);
  if ('error' in args) return usageError(io, DOCTOR_SPEC, args.error, visible);
  try {
    const { root, search, depth } = args.scope;
    const ctx = new ScanContext({ root, env: io.env, search, ...(depth !== undefined ? { depth } : {}) });
    if (args.rootGiven && !(await ctx.isDir('/'))) {
      io.stderr.write(`pyenvtui: --root ${visible(root)} is not a directory\n`);
      return 2;
    }
    const { scan } = await import('../discover/index.js');
    const { analyze } = await import('../analyze.js');
    const inv = await scan(ctx);
    const { findings } = await analyze(inv, ctx);
    const failing = findings.some((f) => severityRank(f.severity) <= severityRank(args.failOn));
    // An internal error means the report may be incomplete: exit 2 (docs/risks.md), and say so on stderr.
    const internal = findings.filter((f) => f.rule === 'internal-error').length;
    const code = internal ? 2 : failing ? 1 : 0;
    if (internal) io.stderr.write(`pyenvtui doctor: ${internal} internal error${internal === 1 ? '' : 's'} (see the internal-error findings); the report may be incomplete\n`);
    if (args.json) {
      const counts = Object.fromEntries(SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length]));
      io.stdout.write(jsonSafe(JSON.stringify({ schema: 'pyenvtui/doctor@1', root: inv.root, context: inv.context, failOn: args.failOn, exitCode: code, counts, findings }, null, 2)) + '\n');
    } else {
      const color = args.color ?? (io.isTTY && !io.env.NO_COLOR);
      const { unfinishedMigrations, unfinishedText } = await import('../migrate/unfinished.js');
      io.stdout.write(unfinishedText(await unfinishedMigrations(io.env)));
      io.stdout.write(renderDoctorText(inv, findings, args.failOn, color));
    }
    return code;
  } catch (e) {
    io.stderr.write(`pyenvtui doctor: internal error: ${visibleLines(String(e instanceof Error ? (e.stack ?? e.message) : e).split('\n'))}\n`);
    return 2;
  }
}
