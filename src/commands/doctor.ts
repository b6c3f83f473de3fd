// `pyenvtui doctor`: scan, evaluate the risk rules, print a report grouped by severity (or JSON), and
// exit 0 (clean) / 1 (findings at or above --fail-on) / 2 (usage or internal error) for CI and scripts.
import type { Env } from '../context.js';
import { ScanContext } from '../context.js';
import { visible, visibleLines } from '../text/safe.js';
import { SEVERITIES, severityRank, type Evidence, type Finding, type Inventory, type Severity } from '../model.js';

export interface DoctorIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: Env;
  isTTY: boolean;
}

interface DoctorArgs {
  json: boolean;
  root?: string;
  failOn: Severity;
  color: boolean | null;
  help: boolean;
}

export const DOCTOR_USAGE = 'pyenvtui doctor [--json] [--root DIR] [--fail-on critical|high|medium|low|info] [--no-color]';

class DoctorUsageError extends Error {}

function parseArgs(argv: string[]): DoctorArgs {
  const a: DoctorArgs = { json: false, failOn: 'high', color: null, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new DoctorUsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--json') a.json = true;
    else if (flag === '--root') a.root = value();
    else if (flag === '--fail-on') {
      const v = value();
      if (!(SEVERITIES as readonly string[]).includes(v)) throw new DoctorUsageError(`--fail-on must be one of ${SEVERITIES.join(', ')} (got '${v}')`);
      a.failOn = v as Severity;
    } else if (flag === '--no-color') a.color = false;
    else if (flag === '--color') a.color = true;
    else if (flag === '-h' || flag === '--help') a.help = true;
    else throw new DoctorUsageError(`doctor: unknown option '${arg}'`);
  }
  return a;
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
  let args: DoctorArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    io.stderr.write(`pyenvtui: ${visible((e as Error).message)}\nUsage: ${DOCTOR_USAGE}\n`);
    return 2;
  }
  if (args.help) {
    io.stdout.write(`Usage: ${DOCTOR_USAGE}\n  report PEP 668 risks with evidence and fixes; exit 1 when a finding reaches --fail-on (default high)\n`);
    return 0;
  }
  try {
    const ctx = new ScanContext({ root: args.root ?? '/', env: io.env });
    if (args.root && !(await ctx.isDir('/'))) {
      io.stderr.write(`pyenvtui: --root ${visible(String(args.root))} is not a directory\n`);
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
      io.stdout.write(JSON.stringify({ schema: 'pyenvtui/doctor@1', root: inv.root, context: inv.context, failOn: args.failOn, exitCode: code, counts, findings }, null, 2) + '\n');
    } else {
      const color = args.color ?? (io.isTTY && !io.env.NO_COLOR);
      io.stdout.write(renderDoctorText(inv, findings, args.failOn, color));
    }
    return code;
  } catch (e) {
    io.stderr.write(`pyenvtui doctor: internal error: ${visibleLines(String(e instanceof Error ? (e.stack ?? e.message) : e).split('\n'))}\n`);
    return 2;
  }
}
