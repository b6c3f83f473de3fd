import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseScanArgs, runScan } from '../../src/commands/scan.js';
import { makeVenv, tmp, write } from './discover/fixtures.js';
import { chmodSync, symlinkSync } from 'node:fs';

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

describe('pyenvtui scan', () => {
  it('parses options and rejects bad usage', () => {
    expect(parseScanArgs(['--json', '--root', '/mnt', '--search', 'a', '--search=b', '--depth', '2'])).toEqual({
      json: true, pretty: false, root: '/mnt', search: ['a', 'b'], depth: 2,
    });
    expect(parseScanArgs(['--depth', 'x'])).toHaveProperty('error');
    expect(parseScanArgs(['--root'])).toHaveProperty('error');
    expect(parseScanArgs(['--frobnicate'])).toEqual({ error: "unknown option '--frobnicate'" });
  });

  it('prints one JSON inventory for --root, and a text summary without --json', async () => {
    const root = tmp('pyenvtui-cmd-');
    write(`${root}/usr/bin/python3.11`, '');
    chmodSync(`${root}/usr/bin/python3.11`, 0o755);
    symlinkSync('python3.11', `${root}/usr/bin/python3`);
    makeVenv(`${root}/home/u/work/app/.venv`);
    const env = { HOME: `${root}/home/u`, PATH: `${root}/usr/bin` };
    const out = capture();
    const err = capture();
    expect(await runScan(['--json', '--root', root], { stdout: out.stream, stderr: err.stream, env })).toBe(0);
    const inv = JSON.parse(out.text());
    expect(inv.schema).toBe('pyenvtui/inventory@1');
    expect(inv.root).toBe(root);
    expect(inv.environments.map((e: { id: string }) => e.id)).toEqual(['system:/usr/bin/python3.11', 'venv:/home/u/work/app/.venv']);
    expect(err.text()).toBe('');

    const txt = capture();
    expect(await runScan(['--root', root], { stdout: txt.stream, stderr: err.stream, env })).toBe(0);
    expect(txt.text()).toMatch(/^2 environments, \d+ packages?$/m);
    expect(txt.text()).toMatch(/^venv \(1\)\n {2}app {2}python 3\.11\.\d+ {2}\/home\/u\/work\/app\/\.venv/m);
    expect(txt.text()).not.toMatch(/\x1b\[/);
  });

  it('exits 2 with usage on stderr for a bad option or a missing root', async () => {
    const out = capture();
    const err = capture();
    expect(await runScan(['--depth', '-1'], { stdout: out.stream, stderr: err.stream, env: {} })).toBe(2);
    expect(err.text()).toMatch(/Usage: pyenvtui scan/);
    expect(await runScan(['--root', '/nonexistent/x'], { stdout: out.stream, stderr: err.stream, env: {} })).toBe(2);
    expect(out.text()).toBe('');
  });
});

describe('streamed JSON output', () => {
  it('equals JSON.stringify of the inventory, compact and pretty, even when the stream pushes back', async () => {
    const { writeInventoryJson, inventoryJson } = await import('../../src/report/json.js');
    const { Writable } = await import('node:stream');
    const env = (i: number) => ({ id: `venv:/p${i}`, kind: 'venv', name: `p${i}`, prefix: `/p${i}`, python: { version: '3.11.2', executable: `/p${i}/bin/python` },
      externallyManaged: false, systemSitePackages: false, health: { ok: true, problems: [] }, sites: [], packages: [] });
    for (const n of [0, 1, 3]) {
      const inv = { schema: 'pyenvtui/inventory@1', generatedAt: 'x', root: '/', host: 'h', platform: 'linux', arch: 'x64', home: '/h',
        environments: Array.from({ length: n }, (_, i) => env(i)), path: { dirs: [], python: null, python3: null, pip: null, pip3: null, commands: [] },
        problems: [], findings: [] } as unknown as import('../../src/model.js').Inventory;
      for (const pretty of [false, true]) {
        let text = '';
        // highWaterMark 1: every write reports backpressure, so the drain path is exercised.
        const sink = new Writable({ highWaterMark: 1, write(chunk, _e, cb) { text += chunk; setImmediate(cb); } });
        await writeInventoryJson(inv, sink, pretty);
        expect(text).toBe(pretty ? inventoryJson(inv) : JSON.stringify(inv) + '\n');
      }
    }
  });
});
