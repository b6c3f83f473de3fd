// scan --facts and --json-lines on a real (small) machine under --root: the facts contract Ansible keeps.
import { chmodSync, symlinkSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseScanArgs, runScan } from '../../../src/commands/scan.js';
import { validateFacts } from '../../../src/fleet/validate.js';
import { makeVenv, pipInstall, tmp, write } from '../discover/fixtures.js';

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

function machine(): { root: string; env: Record<string, string> } {
  const root = tmp('pyenvtui-facts-');
  write(`${root}/usr/bin/python3.11`, '');
  chmodSync(`${root}/usr/bin/python3.11`, 0o755);
  symlinkSync('python3.11', `${root}/usr/bin/python3`);
  write(`${root}/etc/hostname`, 'pi-07\n');
  const venv = makeVenv(`${root}/home/u/work/app/.venv`);
  pipInstall(venv, `${root}/home/u`, ['pyenvtui-demo-lib==0.2.0']);
  return { root, env: { HOME: `${root}/home/u`, PATH: `${root}/usr/bin`, USER: 'u', PYENVTUI_NO_CACHE: '1' } };
}

describe('scan --facts', () => {
  it('parses --facts, --facts=full and --json-lines, one output format at a time', () => {
    expect(parseScanArgs(['--facts'])).toMatchObject({ facts: 'compact' });
    expect(parseScanArgs(['--facts=full', '--no-sizes'])).toMatchObject({ facts: 'full', noSizes: true });
    expect(parseScanArgs(['--json-lines'])).toMatchObject({ jsonLines: true });
    expect(parseScanArgs(['--facts=everything'])).toHaveProperty('error');
    expect(parseScanArgs(['--facts', '--json'])).toEqual({ error: 'choose one of --json, --json-lines, --facts' });
  });

  it('prints one compact versioned document with environments, findings, sizes and a package digest', async () => {
    const { root, env } = machine();
    const out = capture();
    const err = capture();
    expect(await runScan(['--facts', '--root', root], { stdout: out.stream, stderr: err.stream, env })).toBe(0);
    const text = out.text();
    expect(text.trim().split('\n')).toHaveLength(1);
    const doc = JSON.parse(text);
    expect(doc.schema).toBe('pyenvtui/facts@1');
    expect(doc.host).toBe('pi-07');
    expect(doc.context).toMatchObject({ root, user: 'u', home: '/home/u' });
    const venv = doc.environments.find((e: { kind: string }) => e.kind === 'venv');
    expect(venv).toMatchObject({ name: 'app', health: 'ok', packages: 1, scopes: { env: 1 } });
    expect(venv.sizeBytes).toBeGreaterThan(0);
    expect(venv.packageList).toBeUndefined();
    const counted = doc.findings.reduce((n: Record<string, number>, f: { severity: string }) => ({ ...n, [f.severity]: (n[f.severity] ?? 0) + 1 }), {});
    for (const [sev, n] of Object.entries(doc.summary.findings)) expect(counted[sev] ?? 0, sev).toBe(n);
    const i = doc.environments.indexOf(venv);
    expect(doc.packages.index['pyenvtui-demo-lib']).toEqual({ '0.2.0': [i] });
    expect(doc.packages.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(doc.summary.environments).toBe(doc.environments.length);
    // What fleet reads back is what scan wrote.
    const back = validateFacts(doc);
    expect('facts' in back && back.facts.environments).toEqual(doc.environments);

    const full = capture();
    expect(await runScan(['--facts=full', '--no-sizes', '--root', root], { stdout: full.stream, stderr: err.stream, env })).toBe(0);
    const fdoc = JSON.parse(full.text());
    const fvenv = fdoc.environments.find((e: { kind: string }) => e.kind === 'venv');
    expect(fvenv.sizeBytes).toBeNull();
    expect(fvenv.packageList).toEqual([{ name: 'pyenvtui-demo-lib', version: '0.2.0', scope: 'env', installer: 'pip', requested: true }]);
    // Same packages, same digest.
    expect(fdoc.packages.digest).toBe(doc.packages.digest);
    expect(err.text()).toBe('');
  });

  it('--json-lines prints one environment per line, each with host and time', async () => {
    const { root, env } = machine();
    const out = capture();
    expect(await runScan(['--json-lines', '--root', root], { stdout: out.stream, stderr: capture().stream, env })).toBe(0);
    const lines = out.text().trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.kind)).toEqual(['system', 'venv']);
    for (const l of lines) expect(l).toMatchObject({ schema: 'pyenvtui/environment-line@1', host: 'pi-07' });
    expect(lines[1].packages[0].name).toBe('pyenvtui-demo-lib');
  });
});
