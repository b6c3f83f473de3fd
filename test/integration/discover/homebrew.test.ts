// Homebrew kegs laid out as brew lays them out (Linuxbrew: keg = prefix; macOS: Python.framework inside the
// keg), with the keg's site-packages linked to the shared <brew>/lib/pythonX.Y/site-packages and a real pip
// install in it. Binaries are empty files: discovery must not run them.
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanContext } from '../../../src/context/scan-context.js';
import { formulaMinor, homebrewLocator } from '../../../src/discover/homebrew.js';

const run = promisify(execFile);
const PY = '/usr/bin/python3';
const MAKE_WHEEL = path.resolve(__dirname, '../../helpers/py/make_wheel.py');
const MARKER = '[externally-managed]\nError=To install Python packages system-wide, try brew install xyz\n';
let tmp: string;
let wheels: string;

function file(p: string, text = ''): void {
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, text);
}
function link(target: string, p: string): void {
  mkdirSync(path.dirname(p), { recursive: true });
  symlinkSync(target, p);
}
async function pipTarget(site: string): Promise<void> {
  mkdirSync(site, { recursive: true });
  await run(PY, ['-m', 'pip', 'install', '-q', '--no-deps', '--target', site, 'hb-demo'], {
    env: { PATH: '/usr/bin:/bin', PIP_NO_INDEX: '1', PIP_FIND_LINKS: wheels, PIP_DISABLE_PIP_VERSION_CHECK: '1' },
  });
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'pyenvtui-brew-'));
  wheels = path.join(tmp, 'wheels');
  mkdirSync(wheels);
  writeFileSync(path.join(tmp, 'spec.json'), JSON.stringify([{ name: 'hb-demo', version: '3.0.0', files: { 'hb_demo.py': '' } }]));
  await run(PY, [MAKE_WHEEL, '--out', wheels, '--spec', path.join(tmp, 'spec.json')]);

  // Linuxbrew: a linked keg 3.12.1 and an older unlinked keg 3.12.0.
  const lb = path.join(tmp, 'linuxbrew');
  const keg = path.join(lb, 'Cellar/python@3.12/3.12.1');
  file(path.join(keg, 'bin/python3.12'));
  file(path.join(keg, 'lib/python3.12/EXTERNALLY-MANAGED'), MARKER);
  await pipTarget(path.join(lb, 'lib/python3.12/site-packages'));
  link('../../../../../lib/python3.12/site-packages', path.join(keg, 'lib/python3.12/site-packages'));
  link('../Cellar/python@3.12/3.12.1/bin/python3.12', path.join(lb, 'bin/python3.12'));
  file(path.join(lb, 'Cellar/python@3.12/3.12.0/bin/python3.12'));
  file(path.join(lb, 'Cellar/python@3.12/3.12.0/lib/python3.12/EXTERNALLY-MANAGED'), MARKER);
  file(path.join(lb, 'Cellar/node/20.0.0/bin/node'));

  // macOS: the framework inside the keg, a revision suffix on the keg version.
  const mb = path.join(tmp, 'opt-homebrew');
  const mkeg = path.join(mb, 'Cellar/python@3.11/3.11.9_1');
  const fw = path.join(mkeg, 'Frameworks/Python.framework/Versions/3.11');
  file(path.join(fw, 'bin/python3.11'));
  file(path.join(fw, 'lib/python3.11/EXTERNALLY-MANAGED'), MARKER);
  await pipTarget(path.join(mb, 'lib/python3.11/site-packages'));
  link('../../../../../../../../../lib/python3.11/site-packages', path.join(fw, 'lib/python3.11/site-packages'));
  link('../Frameworks/Python.framework/Versions/3.11/bin/python3.11', path.join(mkeg, 'bin/python3.11'));
  link('../Cellar/python@3.11/3.11.9_1/bin/python3.11', path.join(mb, 'bin/python3.11'));
}, 120_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function scan(prefix: string) {
  const ctx = new ScanContext({ root: '/', env: { HOME: path.join(tmp, 'home'), HOMEBREW_PREFIX: prefix }, home: path.join(tmp, 'home'), platform: 'linux' });
  const r = await homebrewLocator.locate(ctx);
  return { envs: r.environments.filter((e) => e.prefix.startsWith(tmp)), ctx };
}

describe('homebrew locator', () => {
  it('finds Linuxbrew kegs with the Cellar version, marker, shared site and link state', async () => {
    const { envs, ctx } = await scan(path.join(tmp, 'linuxbrew'));
    const lb = path.join(tmp, 'linuxbrew');
    expect(envs.map((e) => [e.name, e.python.version, e.meta!.linked]).sort()).toEqual([
      ['python@3.12', '3.12.0', false],
      ['python@3.12', '3.12.1', true],
    ]);
    const cur = envs.find((e) => e.python.version === '3.12.1')!;
    expect(cur.kind).toBe('homebrew');
    expect(cur.prefix).toBe(`${lb}/Cellar/python@3.12/3.12.1`);
    expect(cur.python.executable).toBe(`${lb}/bin/python3.12`);
    expect(cur.externallyManaged).toBe(true);
    expect(cur.markerPath).toBe(`${lb}/Cellar/python@3.12/3.12.1/lib/python3.12/EXTERNALLY-MANAGED`);
    expect(cur.packages.map((p) => [p.name, p.version, p.scope])).toEqual([['hb-demo', '3.0.0', 'local']]);
    const old = envs.find((e) => e.python.version === '3.12.0')!;
    expect(old.python.executable).toBe(`${lb}/Cellar/python@3.12/3.12.0/bin/python3.12`);
    // The unlinked keg has no site link; it shows the shared site brew would use.
    expect(old.sites.map((s) => s.path)).toEqual([`${lb}/lib/python3.12/site-packages`]);
    expect(ctx.spawns).toBe(0);
  });

  it('finds a macOS keg through its Python.framework and drops the revision suffix', async () => {
    const { envs } = await scan(path.join(tmp, 'opt-homebrew'));
    expect(envs).toHaveLength(1);
    const e = envs[0]!;
    expect(e.python.version).toBe('3.11.9');
    expect(e.prefix).toMatch(/Cellar\/python@3.11\/3.11.9_1\/Frameworks\/Python.framework\/Versions\/3.11$/);
    expect(e.meta).toMatchObject({ kegVersion: '3.11.9_1', linked: true, formula: 'python@3.11' });
    expect(e.externallyManaged).toBe(true);
    expect(e.packages.map((p) => p.name)).toEqual(['hb-demo']);
  });

  it('reads X.Y from formula names', () => {
    expect(formulaMinor('python@3.13', '3.13.0')).toBe('3.13');
    expect(formulaMinor('python', '3.9.7_1')).toBe('3.9');
    expect(formulaMinor('python@x', 'head')).toBeNull();
  });

  it('finds Linuxbrew at its default prefix inside a --root image, no HOMEBREW_PREFIX needed', async () => {
    const root = path.join(tmp, 'image');
    cpSync(path.join(tmp, 'linuxbrew'), path.join(root, 'home/linuxbrew/.linuxbrew'), { recursive: true, verbatimSymlinks: true });
    const ctx = new ScanContext({ root, env: { HOME: path.join(root, 'home/u') }, platform: 'linux' });
    const r = await homebrewLocator.locate(ctx);
    const cur = r.environments.find((e) => e.meta!.linked)!;
    expect(cur.prefix).toBe('/home/linuxbrew/.linuxbrew/Cellar/python@3.12/3.12.1');
    expect(cur.python.executable).toBe('/home/linuxbrew/.linuxbrew/bin/python3.12');
    expect(cur.packages.map((p) => p.site)).toEqual(['/home/linuxbrew/.linuxbrew/Cellar/python@3.12/3.12.1/lib/python3.12/site-packages']);
    expect(r.environments).toHaveLength(2);
  });
});

// PET (crates/pet-homebrew/src/{lib,environments}.rs, MIT): the three kegs its tests name, at the same
// machine paths inside a --root image, each reached through `<brew>/bin/pythonX.Y`. PET's expectations:
// kind Homebrew, executable = the bin link, version from the keg path (a `_1` revision dropped).
// Each keg also carries an INSTALL_RECEIPT.json with the fields Homebrew's Tab#to_json writes
// (arch = Hardware::CPU.arch, homebrew_version): pyenvtui reads arch and manager from it.
describe('PET homebrew expectations', () => {
  const receipt = (arch: string): string =>
    JSON.stringify({ homebrew_version: '4.4.2', used_options: [], unused_options: [], built_as_bottle: true, poured_from_bottle: true, loaded_from_api: true, installed_as_dependency: false, installed_on_request: true, changed_files: [], time: 1730000000, source_modified_time: 1729000000, compiler: 'clang', aliases: [], runtime_dependencies: [], source: { spec: 'stable' }, arch, built_on: { os: 'Macintosh', os_version: 'macOS 14' } }, null, 2);
  it('linuxbrew 3.12.4, /opt/homebrew 3.12.3 (framework), /usr/local 3.8.20 (framework)', async () => {
    const root = path.join(tmp, 'pet-image');
    const kegs: Array<[string, string, string, boolean, string]> = [
      ['/home/linuxbrew/.linuxbrew', 'python@3.12', '3.12.4', false, 'x86_64'],
      ['/opt/homebrew', 'python@3.12', '3.12.3', true, 'arm64'],
      ['/usr/local', 'python@3.8', '3.8.20', true, 'x86_64'],
    ];
    for (const [brew, formula, v, framework, arch] of kegs) {
      const minor = v.split('.').slice(0, 2).join('.');
      const keg = `${root}${brew}/Cellar/${formula}/${v}`;
      const pre = framework ? `${keg}/Frameworks/Python.framework/Versions/${minor}` : keg;
      file(`${pre}/bin/python${minor}`);
      mkdirSync(`${pre}/lib/python${minor}/site-packages`, { recursive: true });
      file(`${keg}/INSTALL_RECEIPT.json`, receipt(arch));
      const rel = path.relative(`${root}${brew}/bin`, `${pre}/bin/python${minor}`);
      link(rel, `${root}${brew}/bin/python${minor}`);
      file(`${root}${brew}/bin/brew`, '#!/bin/bash\n');
    }
    const ctx = new ScanContext({ root, env: { HOME: '/home/u' }, platform: 'linux' });
    const envs = (await homebrewLocator.locate(ctx)).environments;
    const got = envs.map((e) => [e.kind, e.python.executable, e.python.version, e.arch, e.manager]).sort();
    expect(got).toEqual([
      ['homebrew', '/home/linuxbrew/.linuxbrew/bin/python3.12', '3.12.4', 'x86_64', { tool: 'homebrew', version: '4.4.2', executable: '/home/linuxbrew/.linuxbrew/bin/brew' }],
      ['homebrew', '/opt/homebrew/bin/python3.12', '3.12.3', 'arm64', { tool: 'homebrew', version: '4.4.2', executable: '/opt/homebrew/bin/brew' }],
      ['homebrew', '/usr/local/bin/python3.8', '3.8.20', 'x86_64', { tool: 'homebrew', version: '4.4.2', executable: '/usr/local/bin/brew' }],
    ]);
    expect(ctx.spawns).toBe(0);
  });
});
