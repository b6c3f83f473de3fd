// Reading a directory of per-host results: the three producers, Ansible's failure records, and hostile
// or garbage files, none of which may crash the reader, drive the terminal, or vanish silently.
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFleet } from '../../../src/fleet/aggregate.js';
import { tableToIndex } from '../../../src/fleet/package-table.js';
import { readBounded } from '../../../src/fleet/read-file.js';
import { hostFromFile, readFleetDir } from '../../../src/fleet/reader.js';
import { cacheEntry, dir, facts, treeEntry } from '../../helpers/fleet-fixtures.js';

const now = new Date('2026-11-21T10:00:00.000Z');

function read(files: Record<string, string | object>) {
  const d = dir(files);
  const { reports, skipped } = readFleetDir(d);
  return { d, fleet: buildFleet(reports, { dir: d, now, staleDays: 7, skipped }) };
}

describe('fleet reader', () => {
  it('names hosts after their files, as Ansible does', () => {
    expect(hostFromFile('pi-07')).toEqual({ host: 'pi-07', failedRecord: false });
    expect(hostFromFile('192.168.1.21')).toEqual({ host: '192.168.1.21', failedRecord: false });
    expect(hostFromFile('pi-07.json')).toEqual({ host: 'pi-07', failedRecord: false });
    expect(hostFromFile('pi-07.failed.json')).toEqual({ host: 'pi-07', failedRecord: true });
    expect(hostFromFile('.hidden')).toBeNull();
    expect(hostFromFile('pi-07~')).toBeNull();
  });

  it('reads the jsonfile cache, --tree output and scan --facts files alike', () => {
    const { fleet } = read({ cached: cacheEntry(facts()), tree: treeEntry(facts()), 'direct.json': facts() });
    expect(fleet.hosts.map((h) => [h.name, h.status, h.facts?.host])).toEqual([
      ['cached', 'ok', 'pi'],
      ['direct', 'ok', 'pi'],
      ['tree', 'ok', 'pi'],
    ]);
    expect(fleet.hosts[0]!.worst).toBe('high');
  });

  it("lists hosts that did not report with Ansible's message, never dropping them", () => {
    const { fleet } = read({
      down: { unreachable: true, msg: 'Failed to connect to the host via ssh: Connection refused', changed: false },
      broke: { failed: true, msg: 'MODULE FAILURE', changed: false },
      'late.failed.json': { unreachable: true, failed: false, msg: 'Data could not be sent to remote host' },
      nofact: cacheEntry(undefined),
      badfact: cacheEntry('error loading facts as JSON or ini - please check content: /etc/ansible/facts.d/pyenvtui.fact'),
    });
    const by = Object.fromEntries(fleet.hosts.map((h) => [h.name, h]));
    expect(by.down).toMatchObject({ status: 'unreachable', error: expect.stringContaining('Connection refused') });
    expect(by.broke).toMatchObject({ status: 'failed', error: 'MODULE FAILURE' });
    expect(by.late).toMatchObject({ status: 'unreachable', error: expect.stringContaining('Data could not be sent') });
    expect(by.nofact).toMatchObject({ status: 'no-facts', error: expect.stringContaining('no pyenvtui entry') });
    expect(by.badfact).toMatchObject({ status: 'no-facts', error: expect.stringContaining('error loading facts') });
  });

  it('keeps the last facts of a host that failed since, and marks the failure', () => {
    const d = dir({ pi: cacheEntry(facts()) });
    // The failure record is written after the facts (a later run).
    writeFileSync(path.join(d, 'pi.failed.json'), JSON.stringify({ unreachable: true, msg: 'timed out' }));
    const { reports } = readFleetDir(d);
    for (const r of reports) if (r.file === 'pi') r.mtimeMs -= 60_000;
    const [h] = buildFleet(reports, { dir: d, now, staleDays: 7 }).hosts;
    expect(h).toMatchObject({ name: 'pi', status: 'unreachable', error: 'timed out' });
    expect(h!.facts?.host).toBe('pi');
  });

  it('survives garbage: not JSON, wrong shapes, other schemas, directories, FIFOs, symlinks, huge files', () => {
    const d = dir({
      garbage: '\u0000\u0001not json at all',
      array: [1, 2, 3],
      nothing: 'null',
      foreign: { hello: 'world' },
      future: facts({ schema: 'pyenvtui/facts@2' }),
      '.ansible_cache_lock': 'x',
    });
    mkdirSync(path.join(d, 'subdir'));
    execFileSync('mkfifo', [path.join(d, 'fifo')]);
    symlinkSync('/etc/passwd', path.join(d, 'sneaky'));
    writeFileSync(path.join(d, 'huge'), 'x'.repeat(1024));
    const { reports, skipped } = readFleetDir(d);
    const fleet = buildFleet(reports, { dir: d, now, staleDays: 7, skipped });
    const by = Object.fromEntries(fleet.hosts.map((h) => [h.name, h]));
    expect(by.garbage).toMatchObject({ status: 'invalid', error: expect.stringContaining('not JSON') });
    expect(by.array!.status).toBe('invalid');
    expect(by.nothing!.status).toBe('invalid');
    expect(by.foreign).toMatchObject({ status: 'invalid', error: expect.stringContaining('not a pyenvtui facts file') });
    expect(by.future).toMatchObject({ status: 'invalid', error: expect.stringContaining("unsupported facts schema 'pyenvtui/facts@2'") });
    expect(by.fifo).toMatchObject({ status: 'invalid', error: expect.stringContaining('not a regular file') });
    expect(by.sneaky).toMatchObject({ status: 'invalid', error: expect.stringContaining('symbolic link') });
    expect(skipped.map((s) => s.file).sort()).toEqual(['.ansible_cache_lock', 'subdir']);
    expect(readBounded(path.join(d, 'huge'), 100)).toMatchObject({ error: expect.stringContaining('too large') });
  });

  it('cleans hostile strings: escape sequences and control characters never come through, lengths are bounded', () => {
    const evil = '\u001b]0;pwned\u0007\u001b[2J\u009b31m';
    const f = facts({
      host: evil,
      environments: [{ id: evil, kind: 'evil-kind', name: 'x'.repeat(10_000), prefix: evil, python: 3.11, health: 'broken', packages: -5, sizeBytes: 'big', scopes: { env: 'many' } }],
      findings: [{ rule: evil, severity: 'apocalyptic', title: evil }, 'not a finding', null],
      packages: { index: { [evil]: { [evil]: [0, 99, -1, 'x', 0.5] }, __proto__: { '1': [0] }, weird: 'no' } },
    });
    const { fleet } = read({ [`host${'\u001b'}name`]: cacheEntry(f) });
    const json = JSON.stringify(fleet);
    // eslint-disable-next-line no-control-regex
    expect(json).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    const h = fleet.hosts[0]!;
    expect(h.name).toBe('host?name');
    const env = h.facts!.environments[0]!;
    expect(env).toMatchObject({ kind: 'venv', python: null, health: 'broken', packages: 0, sizeBytes: null, scopes: { env: 0 } });
    expect(env.name.length).toBeLessThanOrEqual(256);
    expect(h.facts!.findings).toEqual([{ rule: expect.stringMatching(/^\?\]0;pwned/), severity: 'info', title: expect.any(String), environment: null, package: null }]);
    // Only indexes naming an environment of the document survive.
    const index = tableToIndex(h.facts!.packages.table);
    expect(Object.values(index).flatMap((v) => Object.values(v))).toEqual([[0]]);
    expect(Object.keys(index)).toEqual([expect.stringMatching(/^\?\]0;pwned/)]);
  });
});
