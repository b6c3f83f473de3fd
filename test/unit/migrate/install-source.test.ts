// Install source: the configured index first, the rebuilt wheels when it is unreachable (or --offline).
import { describe, expect, it } from 'vitest';
import { indexUnreachable, installSourceText } from '../../../src/migrate/install-source.js';
import { planMigration, type PlanInput } from '../../../src/migrate/plan.js';
import { planText } from '../../../src/migrate/render.js';
import type { Distribution, Environment } from '../../../src/model.js';

const SITE = '/home/u/.local/lib/python3.11/site-packages';
function dist(name: string, extra: Partial<Distribution> = {}): Distribution {
  return { name, displayName: name, version: '1.0', installer: 'pip', requested: false, scripts: [], scope: 'user', site: SITE, metadataPath: `${SITE}/${name}-1.0.dist-info`, format: 'dist-info', requires: [], hasRecord: true, ...extra };
}
const source = (packages: Distribution[]): Environment => ({ id: 'system:/usr', kind: 'system', name: 'python3.11', prefix: '/usr', python: { version: '3.11', executable: '/usr/bin/python3.11' }, externallyManaged: true, systemSitePackages: false, health: { ok: true, problems: [] }, sites: [{ path: SITE, scope: 'user', order: 0 }], packages });
const tool = dist('tool', { requested: true, scripts: ['tool'], requires: ['dep', 'shared'] });
const pkgs = [tool, dist('dep'), dist('shared', { requested: true }), dist('apt-dep', { format: 'egg-info', hasRecord: false })];
function input(over: Partial<PlanInput>): PlanInput {
  return {
    id: 'M1', createdAt: '2024-01-01T00:00:00Z', root: '/', hostPath: (p) => p, isRoot: false, source: source(pkgs), selection: ['tool'], target: { kind: 'pipx' }, offline: false, keepSource: false,
    tools: { python: '/usr/bin/python3.11', pipx: '/usr/bin/pipx', pipxHome: '/home/u/.local/pipx', pipxBinDir: '/home/u/.local/bin', home: '/home/u' },
    backupDir: '/state/M1', ...over,
  };
}

// What pipx 1.1 printed on this machine with an unreachable index-url (PIP_RETRIES=0).
const PIPX_OFFLINE = `installing pyenvtui-demo-tool from spec 'pyenvtui-demo-tool==2.0.0'...
Fatal error from pip prevented installation. Full pip output in file:
Some possibly relevant errors from pip install:
    ERROR: Could not find a version that satisfies the requirement pyenvtui-demo-tool==2.0.0 (from versions: none)
    ERROR: No matching distribution found for pyenvtui-demo-tool==2.0.0`;

describe('install source', () => {
  it('recognises an unreachable index, not a broken package', () => {
    expect(indexUnreachable(PIPX_OFFLINE)).toBe(true);
    expect(indexUnreachable("WARNING: Retrying ... after connection broken by 'NewConnectionError('<pip._vendor.urllib3.connection.HTTPSConnection>: Failed to establish a new connection: [Errno -3] Temporary failure in name resolution')'")).toBe(true);
    expect(indexUnreachable('ERROR: Could not build wheels for thing, which is required to install pyproject.toml-based projects')).toBe(false);
    expect(indexUnreachable('ERROR: pip check: tool 1.0 requires dep, which is not installed.')).toBe(false);
  });

  it('online: installs from the configured index (no index options), with the rebuilt wheels as fallback', () => {
    const p = planMigration(input({}));
    const install = p.steps.find((s) => s.kind === 'install')!.action;
    expect(install.type === 'run' && install.argv).toEqual(['/usr/bin/pipx', 'install', '--python', '/usr/bin/python3.11', 'tool==1.0']);
    expect(install.type === 'run' && install.env?.PIP_NO_INDEX).toBeUndefined();
    expect(install.type === 'run' && install.fallback).toEqual({
      argv: ['/usr/bin/pipx', 'install', '--python', '/usr/bin/python3.11', 'tool==1.0'],
      env: expect.objectContaining({ PIP_NO_INDEX: '1', PIP_FIND_LINKS: '/state/M1/wheels' }),
    });
    // The kept dependency (REQUESTED) is rebuilt only for the fallback; the removed one is a real backup.
    const backup = p.steps[0]!.action;
    expect(backup.type === 'backup' && backup.wheels.map((w) => w.name)).toEqual(['tool', 'dep']);
    expect(backup.type === 'backup' && backup.fallbackWheels?.map((w) => w.name)).toEqual(['shared']);
    expect(planText(p)).toContain(installSourceText(false, '/state/M1/wheels'));
    expect(planText(p)).toContain("install source: your configured index (pip's own configuration); if it is unreachable, the wheels rebuilt");
  });

  it('warns when part of the closure cannot be rebuilt (the fallback would lack it), and blocks offline', () => {
    const withApt = [{ ...tool, requires: ['dep', 'apt-dep'] }, ...pkgs.slice(1)];
    const online = planMigration(input({ source: source(withApt) }));
    expect(online.blockers).toEqual([]);
    expect(online.warnings.join()).toContain('no offline fallback for apt-dep');
    const offline = planMigration(input({ source: source(withApt), offline: true }));
    expect(offline.blockers.join()).toContain('apt-dep 1.0 cannot be rebuilt as a wheel');
  });

  it('--offline: rebuilt wheels only, no fallback needed', () => {
    const p = planMigration(input({ offline: true }));
    const install = p.steps.find((s) => s.kind === 'install')!.action;
    expect(install.type === 'run' && install.env).toMatchObject({ PIP_NO_INDEX: '1', PIP_FIND_LINKS: '/state/M1/wheels' });
    expect(install.type === 'run' && install.fallback).toBeUndefined();
    const venv = planMigration(input({ offline: true, target: { kind: 'venv' } }));
    expect(venv.steps.find((s) => s.kind === 'install')!.purpose).toContain('from the rebuilt wheels');
    expect(planText(p)).toContain('install source: the wheels rebuilt from the installed files (--offline)');
  });
});
