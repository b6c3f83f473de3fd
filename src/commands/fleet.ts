// `pyenvtui fleet DIR` (dashboard across hosts), `fleet DIR --json`, `fleet doctor DIR` (exit codes
// like doctor: 0 clean, 1 a host at or above --fail-on or not reporting, 2 usage).
import { statSync } from 'node:fs';
import path from 'node:path';
import type { CommandIO } from '../io.js';
import { SEVERITIES, type Severity } from '../model.js';
import { VERSION } from '../version.js';
import { jsonSafe } from '../text/safe.js';

export const FLEET_USAGE =
  'pyenvtui fleet [doctor] DIR [--json] [--package NAME] [--diff HOST,HOST] [--stale-days N] [--fail-on SEVERITY] [--no-color] [--ascii]';

export interface FleetArgs {
  doctor: boolean;
  dir: string;
  json: boolean;
  pkg?: string;
  diff?: [string, string];
  staleDays: number;
  failOn: Severity;
  noColor: boolean;
  ascii: boolean;
}

/** Parses fleet options; an error message for bad usage. Pure. */
export function parseFleetArgs(argv: string[]): FleetArgs | { error: string } {
  const out: Partial<FleetArgs> & { doctor: boolean } = { doctor: false, json: false, staleDays: 7, failOn: 'high', noColor: false, ascii: false };
  const rest = [...argv];
  if (rest[0] === 'doctor') {
    out.doctor = true;
    rest.shift();
  }
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    const eq = a.indexOf('=');
    const [flag, inline] = a.startsWith('--') && eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    const value = (): string | null => (inline !== undefined ? inline : (rest[++i] ?? null));
    if (flag === '--json') out.json = true;
    else if (flag === '--no-color') out.noColor = true;
    else if (flag === '--ascii') out.ascii = true;
    else if (flag === '--package' || flag === '--diff' || flag === '--stale-days' || flag === '--fail-on') {
      const v = value();
      if (v === null || v === '') return { error: `${flag} needs a value` };
      if (flag === '--package') out.pkg = v;
      else if (flag === '--diff') {
        const pair = v.split(',');
        if (pair.length !== 2 || !pair[0] || !pair[1]) return { error: `--diff takes two host names, HOST,HOST (got '${v}')` };
        out.diff = [pair[0], pair[1]];
      } else if (flag === '--stale-days') {
        if (!/^\d{1,5}$/.test(v)) return { error: `--stale-days must be a whole number of days, got '${v}'` };
        out.staleDays = Number(v);
      } else {
        if (!(SEVERITIES as readonly string[]).includes(v)) return { error: `--fail-on must be one of ${SEVERITIES.join(', ')} (got '${v}')` };
        out.failOn = v as Severity;
      }
    } else if (a.startsWith('-')) return { error: `unknown option '${a}'` };
    else if (out.dir === undefined) out.dir = a;
    else return { error: `one directory only (got '${out.dir}' and '${a}')` };
  }
  if (out.dir === undefined) return { error: 'which directory? (the jsonfile fact cache, an --tree directory, or files written by scan --facts)' };
  return out as FleetArgs;
}

/** Runs `pyenvtui fleet`; returns the exit code. */
export async function runFleet(argv: string[], io: CommandIO): Promise<number> {
  const args = parseFleetArgs(argv);
  if ('error' in args) {
    io.stderr.write(`pyenvtui fleet: ${args.error}\nUsage: ${FLEET_USAGE}\n`);
    return 2;
  }
  const dir = path.resolve(args.dir);
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    /* reported below */
  }
  if (!isDir) {
    io.stderr.write(`pyenvtui fleet: ${args.dir} is not a directory\nUsage: ${FLEET_USAGE}\n`);
    return 2;
  }
  const { readFleetDir } = await import('../fleet/reader.js');
  const { buildFleet } = await import('../fleet/aggregate.js');
  const report = await import('../fleet/report.js');
  const { reports, skipped } = readFleetDir(dir);
  const fleet = buildFleet(reports, { dir, now: new Date(), staleDays: args.staleDays, skipped });
  if (args.doctor) {
    const result = report.fleetDoctor(fleet, args.failOn);
    if (args.json) io.stdout.write(jsonSafe(JSON.stringify({ ...report.fleetJson(fleet, args.pkg, args.diff), failOn: args.failOn, exitCode: result.exitCode, failing: result.failing })) + '\n');
    else io.stdout.write(report.fleetDoctorText(fleet, args.failOn, result));
    return result.exitCode;
  }
  if (args.json) {
    io.stdout.write(jsonSafe(JSON.stringify(report.fleetJson(fleet, args.pkg, args.diff))) + '\n');
    return 0;
  }
  if (args.diff) {
    const { diffHosts, diffText } = await import('../fleet/diff.js');
    const d = diffHosts(fleet, args.diff[0], args.diff[1]);
    if ('error' in d) io.stderr.write(`pyenvtui fleet: ${d.error}\n`);
    else io.stdout.write(diffText(d));
    return 'error' in d ? 1 : 0;
  }
  if (!io.isTTY) {
    io.stdout.write(`pyenvtui ${VERSION}: the fleet dashboard needs an interactive terminal; here is the text report (fleet doctor).\n\n`);
    io.stdout.write(report.fleetDoctorText(fleet, args.failOn, report.fleetDoctor(fleet, args.failOn)));
    return 0;
  }
  const env = io.env;
  const color = !args.noColor && !(env.NO_COLOR !== undefined && env.NO_COLOR !== '') && env.FORCE_COLOR !== '0' && env.TERM !== 'dumb';
  const { withoutFetch } = await import('./tui.js');
  const { launchFleet } = await withoutFetch(() => import('../../components/fleet/launch.js'));
  await launchFleet({ version: VERSION, fleet, color, ascii: args.ascii, pkg: args.pkg, slow: !!env.SSH_CONNECTION });
  return 0;
}
