// Issue 11 item 1: every pipx_metadata_version from 0.1 to 0.12 (and an unknown newer one) reads as a
// healthy tool. Real pipx 1.1.0 installs the tool; test/helpers/py/pipx_metadata.py then rewrites each
// copy's metadata exactly as the pipx release that introduced that version writes it (fields per
// version from pypa/pipx pipx_metadata_file.py, json.dump(indent=4, sort_keys=True)).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanContext } from '../../../src/context/scan-context.js';
import { scan } from '../../../src/discover/index.js';
import { analyze } from '../../../src/analyze.js';
import type { Inventory } from '../../../src/model.js';
import { createSandbox, DEMO, type Sandbox } from '../../helpers/sandbox/index.js';
import { PIPX_VERSIONS, plantPipxVersions } from '../../helpers/sandbox/pipx-versions.js';

let sb: Sandbox;
let names: string[];
let inv: Inventory;

beforeAll(async () => {
  sb = await createSandbox();
  await sb.distroRoot();
  names = await plantPipxVersions(sb);
  const ctx = new ScanContext({ root: sb.root, env: sb.env, platform: 'linux' });
  inv = await scan(ctx);
  await analyze(inv, ctx);
}, 120_000);

afterAll(() => sb?.cleanup());

describe('pipx metadata 0.1 … 0.12 on a real pipx venv', () => {
  it('the writer produced the fields of each version (spot checks against pipx source)', async () => {
    const read = async (v: string) =>
      JSON.parse(await readFile(sb.path(`~/.local/pipx/venvs/${DEMO.tool}-v${v.replace('.', '-')}/pipx_metadata.json`), 'utf8'));
    expect(Object.keys((await read('0.1')).main_package)).not.toContain('suffix');
    expect((await read('0.4')).source_interpreter).toEqual({ __type__: 'Path', __Path__: '/usr/bin/python3' });
    expect((await read('0.7')).exposure_enabled).toBe(true);
    expect((await read('0.10')).main_package.include_apps_from).toEqual([]);
    expect(Object.keys((await read('0.12')).main_package)).toContain('completion_paths_of_dependencies');
  });

  for (const v of [...PIPX_VERSIONS, '0.13']) {
    it(`metadata ${v}: healthy, main package, version, apps linked, no finding`, () => {
      const name = `${DEMO.tool}-v${v.replace('.', '-')}`;
      expect(names).toContain(name);
      const env = inv.environments.find((e) => e.kind === 'pipx' && e.name === name)!;
      expect(env).toBeDefined();
      expect(env.health).toEqual({ ok: true, problems: [] });
      expect(env.meta).toMatchObject({ mainPackage: DEMO.tool, version: DEMO.toolVersion, metadataVersion: v, apps: ['demo-tool'] });
      expect(env.meta!.notes).toEqual(v === '0.13' ? [expect.stringMatching(/0\.13 is newer than pyenvtui knows/)] : []);
      const mine = (inv.findings ?? []).filter((f) => f.environment === env.id);
      expect(mine.map((f) => f.rule)).toEqual([]);
    });
  }
});
