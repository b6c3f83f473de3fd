// `pyenvtui fleet DIR` (dashboard across hosts), `fleet DIR --json`, `fleet doctor DIR` (exit codes
// like doctor: 0 clean, 1 a host at or above --fail-on or not reporting, 2 usage).
import { statSync } from 'node:fs';
import path from 'node:path';
import type { CommandIO } from '../io.js';
import type { Severity } from '../model.js';
import { VERSION } from '../version.js';
import { jsonSafe, visible } from '../text/safe.js';
import { FLEET_SPEC } from './args/fleet.js';
import { flag, parseCommand, str, usageError } from './spec.js';

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

/** Parses fleet options (FLEET_SPEC); an error message for bad usage. Pure. */
export function parseFleetArgs(argv: string[]): FleetArgs | { error: string } {
  const p = parseCommand(FLEET_SPEC, argv);
  if ('error' in p) return p;
  const rest = [...p.positionals];
  const doctor = rest[0] === 'doctor';
  if (doctor) rest.shift();
  if (rest.length > 1) return { error: `one directory only (got '${rest[0]}' and '${rest[1]}')` };
  const dir = rest[0];
  if (dir === undefined) return { error: 'which directory? (the jsonfile fact cache, an --tree directory, or files written by scan --facts)' };
  const stale = str(p, 'stale-days') ?? '7';
  if (!/^\d{1,5}$/.test(stale)) return { error: `--stale-days must be a whole number of days, got '${stale}'` };
  const pkg = str(p, 'package');
  const diffArg = str(p, 'diff');
  let diff: [string, string] | undefined;
  if (diffArg !== undefined) {
    const pair = diffArg.split(',');
    if (pair.length !== 2 || !pair[0] || !pair[1]) return { error: `--diff takes two host names, HOST,HOST (got '${diffArg}')` };
    diff = [pair[0], pair[1]];
  }
  return {
    doctor,
    dir,
    json: flag(p, 'json'),
    ...(pkg !== undefined ? { pkg } : {}),
    ...(diff ? { diff } : {}),
    staleDays: Number(stale),
    failOn: (str(p, 'fail-on') ?? 'high') as Severity,
    noColor: flag(p, 'no-color'),
    ascii: flag(p, 'ascii'),
  };
}

/** Runs `pyenvtui fleet`; returns the exit code. */
export async function runFleet(argv: string[], io: CommandIO): Promise<number> {
  const args = parseFleetArgs(argv);
  if ('error' in args) {
    return usageError(io, FLEET_SPEC, args.error, visible);
  }
  const dir = path.resolve(args.dir);
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    /* reported below */
  }
  if (!isDir) {
    return usageError(io, FLEET_SPEC, `${args.dir} is not a directory`, visible);
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
    if ('error' in d) io.stderr.write(`pyenvtui fleet: ${visible(d.error)}\n`);
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
