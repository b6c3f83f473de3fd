// pipx venvs carrying every pipx_metadata_version: one real pipx install, copied per version, each
// copy's metadata rewritten by test/helpers/py/pipx_metadata.py as that version's writer does.
import { cp, readFile, rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import type { Sandbox } from './sandbox.js';
import { DEMO } from './wheels.js';
import { PY_HELPERS, requirePython } from './tools.js';

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

