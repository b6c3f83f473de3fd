// Companion packages chosen by the user go into the tool's pipx venv with `pipx inject` (uv: --with),
// same version, extras inferred; they leave the source like the tool itself.
import { describe, expect, it } from 'vitest';
import { parseMigrateArgs } from '../../../src/commands/migrate.js';
import { planMigration, type PlanInput } from '../../../src/migrate/plan.js';
import { planText } from '../../../src/migrate/render.js';
import type { Distribution, Environment } from '../../../src/model.js';

const SITE = '/home/u/.local/lib/python3.11/site-packages';
function dist(name: string, extra: Partial<Distribution> = {}): Distribution {
  return { name, displayName: name, version: '1.0', installer: 'pip', requested: true, scripts: [], scope: 'user', site: SITE, metadataPath: `${SITE}/${name}-1.0.dist-info`, format: 'dist-info', requires: [], hasRecord: true, ...extra };
}
const source: Environment = {
  id: 'system:/usr', kind: 'system', name: 'python3.11', prefix: '/usr', python: { version: '3.11', executable: '/usr/bin/python3.11' }, externallyManaged: true, systemSitePackages: false, health: { ok: true, problems: [] }, sites: [{ path: SITE, scope: 'user', order: 0 }],
  packages: [dist('tool', { scripts: ['tool'] }), dist('plugin', { requires: ['fast; extra == "speed"', 'plugdep'] }), dist('fast', { requested: false }), dist('plugdep', { requested: false })],
};
function input(over: Partial<PlanInput>): PlanInput {
  return {
    id: 'M1', createdAt: '2024-01-01T00:00:00Z', root: '/', hostPath: (p) => p, isRoot: false, source, selection: ['tool'], inject: ['plugin'], target: { kind: 'pipx' }, offline: true, keepSource: false,
    tools: { python: '/usr/bin/python3.11', pipx: '/usr/bin/pipx', uv: '/usr/bin/uv', pipxHome: '/home/u/.local/pipx', pipxBinDir: '/home/u/.local/bin', home: '/home/u' },
    backupDir: '/state/M1', ...over,
  };
}

describe('companions (pipx inject)', () => {
  it('injects the companion with its inferred extras after the install, verifies both, then moves both out of the source', () => {
    const p = planMigration(input({}));
    expect(p.blockers).toEqual([]);
    expect(p.steps.map((s) => s.kind)).toEqual(['backup', 'install', 'inject', 'verify', 'remove-source', 'remove-source', 'remove-dependency', 'remove-dependency', 'link-apps']);
    const inject = p.steps[2]!;
    expect(inject.action).toMatchObject({ type: 'run', argv: ['/usr/bin/pipx', 'inject', 'tool', 'plugin[speed]==1.0'] });
    expect(inject.action.type === 'run' && inject.action.env).toMatchObject({ PIP_NO_INDEX: '1', PIP_FIND_LINKS: '/state/M1/wheels' });
    const labels = p.steps[3]!.action.type === 'verify' ? p.steps[3]!.action.checks.map((c) => c.label) : [];
    expect(labels).toEqual(['tool version is 1.0', 'entry point tool loads', 'tool --version runs', 'plugin version is 1.0', 'plugin imports', 'pip check passes']);
    expect(p.steps.find((s) => s.kind === 'link-apps')!.display).toBe('ln -s /home/u/.local/pipx/venvs/tool/bin/tool /home/u/.local/bin/tool');
    expect(p.packages.find((x) => x.name === 'plugin')).toMatchObject({ injectInto: ['tool'], extras: ['speed'] });
    expect(planText(p)).toContain('plugin 1.0 (user)  install as plugin[speed]==1.0, injected into tool');
  });

  it('online, the inject falls back to the rebuilt wheels like the install', () => {
    const p = planMigration(input({ offline: false }));
    const inject = p.steps.find((s) => s.kind === 'inject')!.action;
    expect(inject.type === 'run' && inject.fallback?.env).toMatchObject({ PIP_NO_INDEX: '1' });
  });

  it('uv takes companions with --with; a venv target refuses --inject', () => {
    const uv = planMigration(input({ target: { kind: 'uv' } }));
    const install = uv.steps.find((s) => s.kind === 'install')!.action;
    expect(install.type === 'run' && install.argv.slice(-3)).toEqual(['--with', 'plugin[speed]==1.0', 'tool==1.0']);
    expect(planMigration(input({ target: { kind: 'venv' } })).blockers.join()).toContain('--inject is for the pipx and uv targets');
  });

  it('refuses a companion name that is not a distribution name, on the command line and from the selection', () => {
    expect(parseMigrateArgs(['tool', '--to', 'pipx', '--inject', 'Plug_In', '--inject=other'])).toMatchObject({ inject: ['plug-in', 'other'] });
    expect(parseMigrateArgs(['tool', '--to', 'pipx', '--inject', 'x;rm -rf ~'])).toMatchObject({ error: expect.stringContaining('not a valid distribution name') });
    expect(planMigration(input({ inject: ['$(id)'] })).blockers.join()).toContain('not a valid distribution name');
  });
});
