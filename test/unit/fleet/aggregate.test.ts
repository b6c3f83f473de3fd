// The answers across hosts: worst finding per host, rules grouped across hosts, one package on every
// host, staleness, and fleet doctor's exit code — the same for the dashboard, --json and CI.
import { describe, expect, it } from 'vitest';
import { buildFleet, compareHostNames, findingsByRule, packageAcross, packageNames } from '../../../src/fleet/aggregate.js';
import { fleetDoctor, fleetDoctorText, fleetJson } from '../../../src/fleet/report.js';
import { readFleetDir } from '../../../src/fleet/reader.js';
import { cacheEntry, dir, facts } from '../../helpers/fleet-fixtures.js';

const now = new Date('2026-11-21T10:00:00.000Z');

function fleetOf(files: Record<string, string | object>, staleDays = 7) {
  const d = dir(files);
  const { reports, skipped } = readFleetDir(d);
  return buildFleet(reports, { dir: d, now, staleDays, skipped });
}

const clean = facts({ findings: [], packages: { digest: 'sha256:11', count: 1, index: { requests: { '2.31.0': [1] } } } });
const old = facts({ generatedAt: '2026-11-01T00:00:00.000Z' });

describe('fleet aggregation', () => {
  it('orders hosts the way people count them', () => {
    expect(['pi-10', 'pi-2', 'pi-1', 'lab'].sort(compareHostNames)).toEqual(['lab', 'pi-1', 'pi-2', 'pi-10']);
  });

  it('groups findings by rule across hosts: "rule on N of M hosts"', () => {
    const fleet = fleetOf({ 'pi-1': cacheEntry(facts()), 'pi-2': cacheEntry(facts()), 'pi-3': cacheEntry(clean), 'pi-4': { unreachable: true, msg: 'down' } });
    const [g] = findingsByRule(fleet);
    expect(g).toMatchObject({ rule: 'break-system-packages-config', severity: 'high', hosts: ['pi-1', 'pi-2'], findings: 2, of: 3 });
    expect(fleet.hosts.map((h) => h.worst)).toEqual(['high', 'high', null, null]);
  });

  it('shows one package on every host and environment, versions side by side (PEP 440 order)', () => {
    const newer = facts({ packages: { digest: 'x', count: 1, index: { requests: { '2.9.0': [0], '2.10.1': [1] } } } });
    const fleet = fleetOf({ 'pi-1': cacheEntry(facts()), 'pi-2': cacheEntry(newer), 'pi-3': cacheEntry(facts({ packages: { index: {} } })), 'pi-4': { unreachable: true, msg: 'down' } });
    const across = packageAcross(fleet, 'Requests');
    expect(across.package).toBe('requests');
    expect(across.versions).toEqual(['2.9.0', '2.10.1', '2.28.1', '2.31.0']);
    expect(across.hosts[0]).toEqual({
      host: 'pi-1',
      versions: [
        { version: '2.28.1', environments: [{ id: 'system:/usr/bin/python3.11', name: 'python3.11', kind: 'system' }] },
        { version: '2.31.0', environments: [{ id: 'venv:/home/pi/app/.venv', name: 'app', kind: 'venv' }] },
      ],
    });
    expect(across.hosts[1]!.versions.map((v) => v.version)).toEqual(['2.9.0', '2.10.1']);
    expect(across.absent).toEqual(['pi-3']);
    expect(across.unknown).toEqual(['pi-4']);
    expect(packageNames(fleet)[0]).toEqual({ name: 'requests', hosts: 2, versions: 4 });
  });

  it('flags hosts whose facts are older than --stale-days', () => {
    const fleet = fleetOf({ fresh: cacheEntry(facts()), old: cacheEntry(old) });
    const by = Object.fromEntries(fleet.hosts.map((h) => [h.name, h]));
    expect(by.fresh).toMatchObject({ stale: false, ageDays: 1 });
    expect(by.old!.stale).toBe(true);
    expect(Math.floor(by.old!.ageDays!)).toBe(20);
    expect(fleetOf({ old: cacheEntry(old) }, 30).hosts[0]!.stale).toBe(false);
  });

  it('fleet doctor: 0 when clean and every host reported, 1 for findings at --fail-on or a silent host', () => {
    expect(fleetDoctor(fleetOf({ a: cacheEntry(clean) }), 'high').exitCode).toBe(0);
    const risky = fleetOf({ a: cacheEntry(facts()) });
    expect(fleetDoctor(risky, 'high')).toEqual({ exitCode: 1, failing: [{ host: 'a', reason: "1 finding at or above 'high'" }] });
    expect(fleetDoctor(risky, 'critical').exitCode).toBe(0);
    const silent = fleetOf({ a: cacheEntry(clean), b: { unreachable: true, msg: 'ssh: connect to host b port 22: No route to host' } });
    const r = fleetDoctor(silent, 'critical');
    expect(r.failing).toEqual([{ host: 'b', reason: 'unreachable: ssh: connect to host b port 22: No route to host' }]);
    const text = fleetDoctorText(silent, 'critical', r);
    expect(text).toMatch(/^ {2}b {2}UNREACHABLE {2}ssh: connect to host b port 22: No route to host$/m);
    expect(text).toContain("1 host failing at 'critical'");
  });

  it('--json carries the same answers as the dashboard', () => {
    const fleet = fleetOf({ 'pi-1': cacheEntry(facts()), 'pi-2': { unreachable: true, msg: 'down' }, 'pi-3': cacheEntry(old) });
    const doc = fleetJson(fleet, 'six') as Record<string, any>;
    expect(doc.schema).toBe('pyenvtui/fleet@1');
    expect(doc.summary).toMatchObject({ hosts: 3, ok: 2, unreachable: 1, stale: 1, findings: { high: 2 } });
    expect(doc.hosts.map((h: { name: string; status: string }) => `${h.name}:${h.status}`)).toEqual(['pi-1:ok', 'pi-2:unreachable', 'pi-3:ok']);
    expect(doc.rules[0]).toMatchObject({ rule: 'break-system-packages-config', hosts: ['pi-1', 'pi-3'], of: 2 });
    expect(doc.package.hosts.map((h: { host: string }) => h.host)).toEqual(['pi-1', 'pi-3']);
  });
});
