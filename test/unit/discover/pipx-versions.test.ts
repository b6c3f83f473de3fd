// Issue 11 item 1: every pipx_metadata_version from 0.1 to 0.12 (and an unknown newer one) reads as a
// healthy tool. Real pipx 1.1.0 installs the tool; test/helpers/py/pipx_metadata.py then rewrites each
// copy's metadata exactly as the pipx release that introduced that version writes it (fields per
// version from pypa/pipx pipx_metadata_file.py, json.dump(indent=4, sort_keys=True)).
import { cp, readFile, rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanContext } from '../../../src/context.js';
import { scan } from '../../../src/discover/index.js';
import { analyze } from '../../../src/analyze.js';
import type { Inventory } from '../../../src/model.js';
import { createSandbox, DEMO, requirePython, type Sandbox } from '../../helpers/sandbox/index.js';
import { PY_HELPERS } from '../../helpers/sandbox/tools.js';

export const PIPX_VERSIONS = ['0.1', '0.2', '0.3', '0.4', '0.5', '0.6', '0.7', '0.8', '0.9', '0.10', '0.11', '0.12'];

/**
 * One real pipx install of the demo tool, then one suffixed copy per metadata version (as
 * `pipx install --suffix=-v0-N` lays it out: venvs/<pkg><suffix>, links <app><suffix>), each metadata
 * file rewritten by the version's writer. Returns the venv names.
 */
export async function plantPipxVersions(sb: Sandbox, versions: string[] = [...PIPX_VERSIONS, '0.13']): Promise<string[]> {
  await sb.pipx(DEMO.tool);
  const venvs = sb.path('~/.local/pipx/venvs');
  const orig = path.join(venvs, DEMO.tool);
  const names: string[] = [];
  for (const v of versions) {
    const suffix = `-v${v.replace('.', '-')}`;
    const name = `${DEMO.tool}${suffix}`;
    const dir = path.join(venvs, name);
    await cp(orig, dir, { recursive: true, verbatimSymlinks: true });
    // 0.13 does not exist yet: written by the 0.12 writer, then relabelled (a pipx from the future).
    const writer = v === '0.13' ? '0.12' : v;
    await sb.exec(requirePython(), [path.join(PY_HELPERS, 'pipx_metadata.py'), dir, writer, '--suffix', suffix, '--from', orig]);
    if (v !== writer) {
      const f = path.join(dir, 'pipx_metadata.json');
      const text = await readFile(f, 'utf8');
      await sb.writeFile(f.slice(sb.home.length + 1), text.replace('"pipx_metadata_version": "0.12"', '"pipx_metadata_version": "0.13"'));
    }
    await symlink(path.join(dir, 'bin', 'demo-tool'), sb.path(`~/.local/bin/demo-tool${suffix}`));
    names.push(name);
  }
  await rm(orig, { recursive: true });
  await rm(sb.path('~/.local/bin/demo-tool'));
  return names;
}

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
