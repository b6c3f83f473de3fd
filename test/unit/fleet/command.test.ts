// `pyenvtui fleet` as scripts use it: --diff between two hosts (text and JSON, with exit codes), and
// its option parsing.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseFleetArgs, runFleet } from '../../../src/commands/fleet.js';
import { cacheEntry, dir, facts } from '../../helpers/fleet-fixtures.js';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  const chunks: [Buffer[], Buffer[]] = [[], []];
  out.on('data', (c: Buffer) => chunks[0].push(c));
  err.on('data', (c: Buffer) => chunks[1].push(c));
  const code = await runFleet(argv, { stdout: out, stderr: err, env: {}, isTTY: false });
  return { code, out: Buffer.concat(chunks[0]).toString(), err: Buffer.concat(chunks[1]).toString() };
}

describe('pyenvtui fleet --diff', () => {
  const a = facts({ packages: { digest: 'sha256:aa', count: 2, index: { requests: { '2.31.0': [1] }, six: { '1.16.0': [0] } } } });
  const b = facts({ packages: { digest: 'sha256:bb', count: 2, index: { requests: { '2.28.1': [0] }, six: { '1.16.0': [1] } } } });
  const d = dir({ 'pi-1': cacheEntry(a), 'pi-2': cacheEntry(b), 'pi-3': cacheEntry(a), 'pi-4': { unreachable: true, msg: 'ssh: connect to host pi-4 port 22: No route to host' } });

  it('parses HOST,HOST and refuses anything else', () => {
    expect(parseFleetArgs([d, '--diff', 'pi-1,pi-2'])).toMatchObject({ dir: d, diff: ['pi-1', 'pi-2'] });
    expect(parseFleetArgs([d, '--diff=pi-1,pi-2'])).toMatchObject({ diff: ['pi-1', 'pi-2'] });
    for (const bad of ['pi-1', 'pi-1,', ',pi-2', 'a,b,c']) expect(parseFleetArgs([d, '--diff', bad])).toEqual({ error: `--diff takes two host names, HOST,HOST (got '${bad}')` });
  });

  it('prints what differs, or that nothing does; a host without facts is an error (exit 1)', async () => {
    expect(await run([d, '--diff', 'pi-1,pi-2'])).toEqual({ code: 0, out: 'pi-1 vs pi-2: 1 package differs\n  requests: 2.31.0 on pi-1; 2.28.1 on pi-2\n', err: '' });
    expect(await run([d, '--diff', 'pi-1,pi-3'])).toEqual({ code: 0, out: 'pi-1 vs pi-3: the same packages (same digest)\n', err: '' });
    const down = await run([d, '--diff', 'pi-1,pi-4']);
    expect(down).toMatchObject({ code: 1, out: '' });
    expect(down.err).toContain('pi-4 has no facts (unreachable: ssh: connect to host pi-4 port 22: No route to host)');
  });

  it('--json carries the diff and the hosts sharing a package set', async () => {
    const r = await run([d, '--json', '--diff', 'pi-2,pi-1']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.diff).toEqual({ a: 'pi-2', b: 'pi-1', sameDigest: false, onlyA: [], onlyB: [], changed: [{ name: 'requests', a: ['2.28.1'], b: ['2.31.0'] }] });
    expect(doc.sameDigest).toEqual([{ digest: 'sha256:aa', hosts: ['pi-1', 'pi-3'] }]);
  });
});
