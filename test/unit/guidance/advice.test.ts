// The advice rules over inventory records (the model's plain data, as discovery produces them).
import { describe, expect, it } from 'vitest';
import { adviseEnvironment, projectEnvsByPackage, requirementName, type AdviceInputs } from '../../../src/guidance/advice.js';
import { aptLookup } from '../../../src/guidance/distro-index.js';
import type { Advice, Distribution, Environment, Inventory } from '../../../src/model.js';
import type { Platform } from '../../../src/platform/types.js';

const debian: Platform = {
  os: 'linux', family: 'debian', id: 'debian', idLike: [], name: 'Debian GNU/Linux 12 (bookworm)', packageManager: 'apt',
  raspberryPi: null, wsl: null, container: null, homebrew: null, sudo: true, evidence: [],
  context: { assumed: 'host', runtime: null, why: 'no container runtime detected', source: 'detected' },
};

function dist(name: string, o: Partial<Distribution> = {}): Distribution {
  return {
    name, displayName: name, version: '1.0', installer: 'pip', requested: true, scripts: [], scope: 'local',
    site: '/usr/local/lib/python3.11/dist-packages', metadataPath: `/usr/local/lib/python3.11/dist-packages/${name}-1.0.dist-info`,
    format: 'dist-info', requires: [], hasRecord: true, ...o,
  };
}

function env(kind: Environment['kind'], prefix: string, packages: Distribution[]): Environment {
  return { id: `${kind}:${prefix}`, kind, name: prefix, prefix, python: { version: '3.11.2', executable: `${prefix}/bin/python3` }, externallyManaged: kind === 'system', systemSitePackages: false, health: { ok: true, problems: [] }, sites: [], packages };
}

const inputs = (o: Partial<AdviceInputs> = {}): AdviceInputs => ({ platform: debian, index: null, toolTarget: 'pipx', projectEnvs: new Map(), ...o });
const byName = (m: Map<Distribution, Advice>): Record<string, Advice> => Object.fromEntries([...m].map(([d, a]) => [d.name, a]));

describe('adviseEnvironment', () => {
  it('a copy a pipx venv already holds: pip uninstall it, unless its RECORD leads outside its site', () => {
    const tool = dist('black', { scripts: ['black'], scope: 'user', site: '/home/u/.local/lib/python3.11/site-packages', metadataPath: '/home/u/.local/lib/python3.11/site-packages/black-1.0.dist-info' });
    const sys = env('system', '/usr', [tool]);
    const pipxTools = new Map([['black', { venv: 'black', prefix: '/home/u/.local/pipx/venvs/black' }]]);
    const plain = byName(adviseEnvironment(sys, inputs({ pipxTools })));
    expect(plain.black).toMatchObject({ action: 'remove-copy', command: '/usr/bin/python3 -m pip uninstall -y --break-system-packages black && pipx reinstall black' });
    const escapes = new Map([[tool.metadataPath, ['../../../../../.ssh/authorized_keys']]]);
    const hostile = byName(adviseEnvironment(sys, inputs({ pipxTools, recordEscapes: escapes })));
    expect(hostile.black!.action).toBe('remove-copy');
    expect(hostile.black!.command).toBeUndefined();
    expect(hostile.black!.reason).toMatch(/RECORD lists 1 file outside its site that pip uninstall would delete: remove this copy's own files by hand/);
  });

  it('names the project venv that already has a library', () => {
    const sys = env('system', '/usr', [dist('requests')]);
    const proj = env('venv', '/home/u/app/.venv', [dist('requests', { scope: 'env' })]);
    const inv = { environments: [sys, proj] } as unknown as Inventory;
    const a = byName(adviseEnvironment(sys, inputs({ projectEnvs: projectEnvsByPackage(inv) })));
    expect(a.requests).toMatchObject({ action: 'venv', venv: '/home/u/app/.venv' });
    expect(a.requests!.reason).toMatch(/\/home\/u\/app\/\.venv already has it/);
  });

  it('sends tools to uv tool when only uv is installed, and requested tools with dependents still count as tools', () => {
    const sys = env('system', '/usr', [dist('black', { scripts: ['black', 'blackd'] }), dist('plugin', { requires: ['black>=23'] })]);
    const a = byName(adviseEnvironment(sys, inputs({ toolTarget: 'uv-tool' })));
    expect(a.black).toMatchObject({ action: 'uv-tool', command: 'uv tool install black==1.0' });
  });

  it('treats an unrequested package with scripts that a library needs as a library', () => {
    const sys = env('system', '/usr', [dist('chardet', { scripts: ['chardetect'], requested: false }), dist('mylib', { requires: ['chardet; python_version>"3"'] })]);
    const a = byName(adviseEnvironment(sys, inputs()));
    expect(a.chardet?.action).toBe('venv');
    expect(requirementName('chardet; python_version>"3"')).toBe('chardet');
  });

  it('on a Raspberry Pi, new venvs keep apt hardware libraries visible', () => {
    const pi = { ...debian, raspberryPi: { model: 'Raspberry Pi 4 Model B Rev 1.4' } };
    const a = adviseEnvironment(env('system', '/usr', [dist('smbus2')]), inputs({ platform: pi }));
    expect([...a.values()][0]?.command).toBe('python3 -m venv --system-site-packages .venv && .venv/bin/python -m pip install smbus2==1.0');
  });

  it('keeps dpkg-owned and rpm-installed packages and gives invalid names no command', () => {
    const sys = env('system', '/usr', [
      dist('six', { scope: 'distro', installer: null, dpkgPackage: 'python3-six' }),
      dist('idna', { installer: 'rpm', scope: 'distro' }),
      dist('bad name!', { displayName: 'bad name!', scripts: ['x'] }),
    ]);
    const a = byName(adviseEnvironment(sys, inputs()));
    expect(a.six).toMatchObject({ action: 'keep', reason: 'installed by apt (python3-six): leave it to apt' });
    expect(a.idna?.action).toBe('keep');
    expect(a['bad name!']).toMatchObject({ action: 'pipx' });
    expect(a["bad name!"]!.command).toBeUndefined();
  });

  it('prefers the distro package over a new venv when the lists have one', () => {
    const index = aptLookup({ packages: new Map([['python3-yaml', { name: 'python3-yaml', version: '6.0-3+b2', source: 'pyyaml', provides: [], list: '/var/lib/apt/lists/x_Packages', line: 1 }]]), lists: ['x'], problems: [] });
    const a = adviseEnvironment(env('system', '/usr', [dist('pyyaml', { displayName: 'PyYAML', version: '6.0.1' })]), inputs({ index }));
    expect([...a.values()][0]).toMatchObject({ action: 'distro', reason: 'apt has python3-yaml 6.0-3+b2 (pip copy is 6.0.1)', command: 'sudo apt install python3-yaml' });
  });
});
