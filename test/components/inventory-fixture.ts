// Hand-made inventories for reducer and component tests (the shapes discovery produces).
import type { Distribution, EnvKind, Environment, Finding, Inventory, Scope } from '../../src/model.js';

export function dist(name: string, version: string, site: string, scope: Scope = 'env', extra: Partial<Distribution> = {}): Distribution {
  return {
    name: name.toLowerCase(),
    displayName: name,
    version,
    installer: scope === 'distro' ? 'debian' : 'pip',
    requested: true,
    scripts: [],
    scope,
    site,
    metadataPath: `${site}/${name}-${version}.dist-info`,
    format: 'dist-info',
    requires: [],
    hasRecord: true,
    ...extra,
  };
}

export function env(kind: EnvKind, name: string, prefix: string, packages: Array<[string, string, Scope?, Partial<Distribution>?]>, extra: Partial<Environment> = {}): Environment {
  const site = `${prefix}/lib/python3.11/site-packages`;
  const sites = [{ path: site, scope: 'env' as Scope, order: 0 }];
  return {
    id: `${kind}:${prefix}`,
    kind,
    name,
    prefix,
    python: { version: '3.11.2', executable: `${prefix}/bin/python3` },
    externallyManaged: false,
    systemSitePackages: false,
    health: { ok: true, problems: [] },
    sites,
    packages: packages.map(([n, v, scope, more]) => dist(n, v, scope === 'user' ? USER_SITE : scope === 'distro' ? DISTRO_SITE : scope === 'local' ? LOCAL_SITE : site, scope ?? 'env', more)),
    ...extra,
  };
}

export const USER_SITE = '/home/tester/.local/lib/python3.11/site-packages';
export const DISTRO_SITE = '/usr/lib/python3/dist-packages';
export const LOCAL_SITE = '/usr/local/lib/python3.11/dist-packages';

export function messyInventory(): { inventory: Inventory; findings: Finding[] } {
  const system = env(
    'system',
    'python3.11',
    '/usr',
    [
      ['requests', '2.28.1', 'distro'],
      ['requests', '2.31.0', 'user'],
      ['six', '1.16.0', 'local', { scripts: [] }],
      ['httpie', '3.2.1', 'user', { scripts: ['http', 'https'] }],
    ],
    {
      python: { version: '3.11.2', executable: '/usr/bin/python3.11' },
      externallyManaged: true,
      markerPath: '/usr/lib/python3.11/EXTERNALLY-MANAGED',
      sites: [
        { path: USER_SITE, scope: 'user', order: 0 },
        { path: LOCAL_SITE, scope: 'local', order: 1 },
        { path: DISTRO_SITE, scope: 'distro', order: 2 },
      ],
    },
  );
  const proj = env('venv', 'app', '/home/tester/projects/app/.venv', [['requests', '2.25.1'], ['flask', '3.0.0', 'env', { scripts: ['flask'] }]]);
  const web = env('virtualenvwrapper', 'webapp', '/home/tester/.virtualenvs/webapp', [['django', '5.0']]);
  const pipx = env('pipx', 'black', '/home/tester/.local/pipx/venvs/black', [['black', '24.1.0', 'env', { scripts: ['black'] }]]);
  const conda = env('conda', 'ml', '/home/tester/miniconda3/envs/ml', [['numpy', '1.26.0', 'env', { installer: 'conda' }]], { python: { version: '3.10.13', executable: '/home/tester/miniconda3/envs/ml/bin/python' } });
  const pyenv = env('pyenv', '3.12.1', '/home/tester/.pyenv/versions/3.12.1', [], { python: { version: '3.12.1', executable: '/home/tester/.pyenv/versions/3.12.1/bin/python3' } });
  const uv = env('uv-tool', 'ruff', '/home/tester/.local/share/uv/tools/ruff', [['ruff', '0.3.0', 'env', { scripts: ['ruff'] }]]);
  const broken = env('venv', 'old-proj', '/home/tester/old/.venv', [], { health: { ok: false, problems: ['bin/python points at a missing interpreter'] } });
  const inventory: Inventory = {
    schema: 'pyenvtui/inventory@1',
    generatedAt: '2024-01-01T00:00:00.000Z',
    root: '/',
    host: 'testhost',
    platform: 'linux',
    arch: 'x64',
    home: '/home/tester',
    environments: [system, proj, web, pipx, conda, pyenv, uv, broken],
    path: {
      dirs: ['/home/tester/.local/bin', '/usr/local/bin', '/usr/bin', '/bin'],
      python: null,
      python3: { name: 'python3', path: '/usr/bin/python3', target: '/usr/bin/python3.11', shadows: [] },
      pip: { name: 'pip', path: '/usr/local/bin/pip', shadows: ['/usr/bin/pip'] },
      pip3: { name: 'pip3', path: '/usr/local/bin/pip3', shadows: ['/usr/bin/pip3'] },
      commands: [{ name: 'http', path: '/home/tester/.local/bin/http', shadows: [] }],
    },
    problems: [],
  };
  const findings: Finding[] = [
    {
      rule: 'break-system-packages-config',
      severity: 'high',
      title: 'pip is configured to break system packages',
      environment: system.id,
      evidence: [{ path: '/home/tester/.config/pip/pip.conf', line: 2, detail: 'break-system-packages = true' }],
      fix: ['pip config unset global.break-system-packages'],
    },
    {
      rule: 'user-site-shadows-distro',
      severity: 'medium',
      title: 'requests 2.31.0 in the user site shadows the distro copy',
      environment: system.id,
      package: 'requests',
      evidence: [{ path: `${USER_SITE}/requests-2.31.0.dist-info`, detail: 'installed with pip --user' }],
      fix: ['pipx install httpie'],
    },
    { rule: 'sudo-pip', severity: 'critical', title: 'six was installed with sudo pip', environment: '/usr', package: 'six', evidence: [{ path: `${LOCAL_SITE}/six-1.16.0.dist-info/INSTALLER`, line: 1, detail: 'pip' }], fix: ['sudo pip uninstall six'] },
    { rule: 'broken-venv', severity: 'low', title: 'old-proj venv is broken', environment: broken.id, evidence: [{ detail: 'bin/python is dangling' }], fix: ['rm -r /home/tester/old/.venv'] },
    { rule: 'pip-user-env', severity: 'info', title: 'PIP_USER is set', evidence: [{ env: 'PIP_USER', detail: '1' }], fix: ['unset PIP_USER'] },
  ];
  return { inventory, findings };
}

/** A synthetic machine: `envs` venvs with `pkgs` packages each (bench and windowing tests). */
export function syntheticInventory(envs: number, pkgs: number): Inventory {
  const environments: Environment[] = [];
  for (let i = 0; i < envs; i++) {
    const packages: Array<[string, string]> = [];
    for (let j = 0; j < pkgs; j++) packages.push([`pkg-${String((i * pkgs + j) % 10_000).padStart(5, '0')}`, `1.${i % 10}.${j % 10}`]);
    environments.push(env('venv', `env-${String(i).padStart(4, '0')}`, `/home/tester/projects/p${i}/.venv`, packages));
  }
  return { ...messyInventory().inventory, environments, path: { dirs: ['/usr/bin'], python: null, python3: null, pip: null, pip3: null, commands: [] } };
}
