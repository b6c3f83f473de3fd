// Export the standard messy machine, restore it into an empty sandbox HOME offline (the test wheels as
// the only source): every pipx tool runs, every exported venv imports its packages, undo restores the
// empty home exactly, and a second restore changes nothing.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportDoc } from '../../src/lifecycle/export.js';
import { DEMO, cli, createSandbox, diffListings, listing, standardMachine, tryRun, type Sandbox } from '../helpers/sandbox/index.js';

describe('export and restore', () => {
  const { sandbox: machine } = standardMachine();
  let sb: Sandbox;
  let doc: ExportDoc;
  let file: string;
  beforeAll(async () => {
    const r = await cli(machine, ['export', '--root', machine.root]);
    expect(r.code, r.stderr).toBe(0);
    doc = JSON.parse(r.stdout) as ExportDoc;
    sb = await createSandbox();
    file = path.join(sb.base, 'tmp', 'machine.json');
    writeFileSync(file, r.stdout);
  });
  afterAll(() => sb?.cleanup());

  it('exports pipx tools, venvs with pinned requirements, pip settings and apt replacements', () => {
    expect(doc.schema).toBe('pyenvtui/export@1');
    expect(doc.pipx).toEqual([expect.objectContaining({ package: DEMO.cli, version: DEMO.cliVersion, python: '3.11' })]);
    const paths = doc.venvs.map((v) => v.path);
    expect(paths).toEqual(expect.arrayContaining(['~/projects/app/.venv', '~/.virtualenvs/webapp', '~/.venvs/scratch']));
    const app = doc.venvs.find((v) => v.path === '~/projects/app/.venv')!;
    expect(app.requirements).toContain(`${DEMO.lib}==${DEMO.libOldVersion}`);
    expect(app.requirements.some((r) => r.startsWith('pip=='))).toBe(false);
    expect(doc.venvs.find((v) => v.path === '~/.venvs/scratch')!.systemSitePackages).toBe(true);
    expect(doc.pipConfig.some((c) => c.file.endsWith('/.config/pip/pip.conf'))).toBe(true);
  });

  it('restores offline into an empty home; tools run and venvs import; undo empties it again; a second restore changes nothing', { timeout: 600_000 }, async () => {
    // pyenvtui's own cache (~/.cache/pyenvtui, from scanning) is not part of what restore and undo manage.
    const mine = { exclude: (rel: string) => rel.startsWith('home/tester/.cache') };
    const empty = await listing(sb.root, mine);
    const dry = await cli(sb, ['restore', file, '--wheels', sb.wheels, '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('Restore ');
    expect(dry.stdout).toMatch(/not restored: pip setting in .*pip\.conf.*not re-applied on purpose/);
    expect(await listing(sb.root, mine)).toEqual(empty);

    const r = await cli(sb, ['restore', file, '--wheels', sb.wheels, '--yes']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const id = /undo with: pyenvtui undo (\S+)/.exec(r.stdout)![1]!;
    expect(await tryRun(sb, sb.path('~/.local/bin/demo-cli'), ['--version'])).toContain(`pyenvtui-demo-cli ${DEMO.cliVersion}`);
    for (const v of doc.venvs) {
      const py = sb.path(`${v.path.slice(2)}/bin/python`);
      for (const req of v.requirements) {
        const [name, version] = req.split('==');
        const got = await tryRun(sb, py, ['-c', 'import sys, importlib.metadata as m; print(m.version(sys.argv[1]))', name!]);
        expect(got?.trim(), `${v.path}: ${req}`).toBe(version);
      }
    }
    expect(await tryRun(sb, sb.path('~/projects/app/.venv/bin/python'), ['-c', 'import pyenvtui_demo_lib'])).not.toBeNull();

    const again = await cli(sb, ['restore', file, '--wheels', sb.wheels, '--yes']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('nothing to restore');
    expect(again.stdout).toContain(`skipped: pipx tool ${DEMO.cli}: already installed`);

    const u = await cli(sb, ['undo', id, '--yes']);
    expect(u.code, u.stdout + u.stderr).toBe(0);
    expect(diffListings(empty, await listing(sb.root, mine))).toEqual({ added: [], removed: [] });
  });

  it('refuses a document that is not an export, with exit 2', async () => {
    const bad = path.join(sb.base, 'tmp', 'bad.json');
    writeFileSync(bad, JSON.stringify({ schema: 'pyenvtui/export@1', pipx: [{ package: 'x; rm -rf ~', version: '1', injected: [] }], uvTools: [], venvs: [], pipConfig: [], aptReplacements: [], pythons: [] }));
    const r = await cli(sb, ['restore', bad, '--dry-run']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('invalid package or version');
    expect(readFileSync(bad, 'utf8')).toContain('rm -rf');
    expect((await cli(sb, ['restore', path.join(sb.base, 'nope.json')])).code).toBe(2);
  });
});
