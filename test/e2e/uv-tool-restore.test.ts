// uv tools in export and restore. uv cannot be installed on the test machines, so the uv tool is laid out
// as uv leaves it (test/helpers/sandbox/uv-tool.ts writes uv-receipt.toml byte for byte in uv's format):
// export reads it (package, version, Python, `--with` companions pinned), and restore plans the exact
// `uv tool install` it would run; without uv on PATH that step is reported, not run, and nothing changes.
import { readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportDoc } from '../../src/lifecycle/export.js';
import { parseUvReceipt } from '../../src/formats/uv-receipt.js';
import { cli, createSandbox, DEMO, diffListings, listing, uvReceiptText, uvTool, type Sandbox } from '../helpers/sandbox/index.js';

describe('uv tools: receipt, export, restore', () => {
  let src: Sandbox;
  let dst: Sandbox;
  let tool: string;
  beforeAll(async () => {
    src = await createSandbox();
    dst = await createSandbox();
    tool = await uvTool(src, DEMO.tool, DEMO.toolVersion, ['demo-tool'], { with: [{ name: DEMO.lib, specifier: `==${DEMO.libVersion}` }], python: '3.11' });
  }, 300_000);
  afterAll(() => {
    src?.cleanup();
    dst?.cleanup();
  });

  it('writes the receipt in the shape uv writes it', () => {
    // The shape of uv's own snapshot in crates/uv/tests/tool/tool_install.rs (`uv tool install black`).
    expect(uvReceiptText({ requirements: [{ name: 'black' }], entrypoints: [{ name: 'blackd', installPath: '[TEMP_DIR]/bin/blackd', from: 'black' }, { name: 'black', installPath: '[TEMP_DIR]/bin/black', from: 'black' }], options: { 'exclude-newer': '2024-03-25T00:00:00Z' } })).toBe(
      '[tool]\nrequirements = [{ name = "black" }]\nentrypoints = [\n    { name = "black", install-path = "[TEMP_DIR]/bin/black", from = "black" },\n    { name = "blackd", install-path = "[TEMP_DIR]/bin/blackd", from = "black" },\n]\n\n[tool.options]\nexclude-newer = "2024-03-25T00:00:00Z"\n',
    );
    const text = readFileSync(path.join(tool, 'uv-receipt.toml'), 'utf8');
    expect(text).toBe(
      `[tool]\nrequirements = [\n    { name = "${DEMO.tool}", specifier = "==${DEMO.toolVersion}" },\n    { name = "${DEMO.lib}", specifier = "==${DEMO.libVersion}" },\n]\npython = "3.11"\nentrypoints = [\n    { name = "demo-tool", install-path = "${src.path('~/.local/bin/demo-tool')}", from = "${DEMO.tool}" },\n]\n`,
    );
    const r = parseUvReceipt(text);
    expect(r.ok && r.value.requirements.map((q) => q.name)).toEqual([DEMO.tool, DEMO.lib]);
  });

  it('exports the uv tool pinned; restore plans the exact uv command and, without uv, reports it and changes nothing', { timeout: 300_000 }, async () => {
    const r = await cli(src, ['export', '--root', src.root]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as ExportDoc;
    expect(doc.uvTools).toEqual([{ package: DEMO.tool, version: DEMO.toolVersion, python: '3.11', injected: [{ package: DEMO.lib, version: DEMO.libVersion }] }]);
    const file = path.join(dst.base, 'tmp', 'machine.json');
    writeFileSync(file, r.stdout);
    const mine = { exclude: (rel: string) => rel.startsWith('home/tester/.cache') };
    const before = await listing(dst.root, mine);
    const home = dst.home;
    const rr = await cli(dst, ['restore', file, '--wheels', dst.wheels, '--yes']);
    expect(rr.code, rr.stdout + rr.stderr).toBe(0);
    const line = rr.stdout.split('\n').find((l) => l.includes(`not restored: uv tool ${DEMO.tool}`))!;
    expect(line).toContain('uv is not installed here; once it is, restore runs: ');
    expect(line.split('restore runs: ')[1]).toBe(
      `HOME=${home} UV_TOOL_DIR=${home}/.local/share/uv/tools UV_TOOL_BIN_DIR=${home}/.local/bin uv tool install --python /usr/bin/python3.11 --offline --no-index --find-links ${dst.wheels} --with ${DEMO.lib}==${DEMO.libVersion} ${DEMO.tool}==${DEMO.toolVersion}`,
    );
    expect(diffListings(before, await listing(dst.root, mine))).toEqual({ added: [], removed: [] });
  });

  it('repair plans uv tool install --reinstall for a uv tool whose Python is gone; without uv the plan is blocked and nothing changes', { timeout: 300_000 }, async () => {
    for (const n of ['python', 'python3', 'python3.11']) rmSync(path.join(tool, 'bin', n), { force: true });
    symlinkSync('/opt/python3.11-removed/bin/python3', path.join(tool, 'bin', 'python'));
    const before = await listing(src.root, { exclude: (rel) => rel.startsWith('home/tester/.cache') });
    const r = await cli(src, ['repair', tool, '--yes']);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toContain(`BLOCKED: ${tool}: uv is not installed here; the step below is what pyenvtui runs once it is`);
    const wheels = /--find-links (\S+)/.exec(r.stdout)![1]!;
    expect(r.stdout).toContain(`uv tool install --reinstall --python /usr/bin/python3.11 --no-index --find-links ${wheels} ${DEMO.tool}==${DEMO.toolVersion}`);
    expect(r.stdout).toContain('nothing was changed');
    expect(diffListings(before, await listing(src.root, { exclude: (rel) => rel.startsWith('home/tester/.cache') }))).toEqual({ added: [], removed: [] });
  });
});
