import { describe, expect, it } from 'vitest';
import type { Distribution, Environment } from '../../../src/model.js';
import { closure, inferExtras, readDepLine, removableDeps, visibleDists } from '../../../src/migrate/closure.js';
import { markerEnv } from '../../../src/formats/pep508.js';
import { formatArgv } from '../../../src/migrate/names.js';
import { planMigration, type PlanInput } from '../../../src/migrate/plan.js';
import { confineEntry, parseRecord } from '../../../src/migrate/record.js';

const SITE = '/home/u/.local/lib/python3.11/site-packages';
function dist(name: string, extra: Partial<Distribution> = {}): Distribution {
  return { name, displayName: name, version: '1.0', installer: 'pip', requested: false, scripts: [], scope: 'user', site: SITE, metadataPath: `${SITE}/${name.replace(/-/g, '_')}-1.0.dist-info`, format: 'dist-info', requires: [], hasRecord: true, ...extra };
}
function env(packages: Distribution[]): Environment {
  return { id: 'system:/usr', kind: 'system', name: 'python3.11', prefix: '/usr', python: { version: '3.11', executable: '/usr/bin/python3.11' }, externallyManaged: true, systemSitePackages: false, health: { ok: true, problems: [] }, sites: [{ path: SITE, scope: 'user', order: 0 }, { path: '/usr/lib/python3/dist-packages', scope: 'distro', order: 2 }], packages };
}
function input(source: Environment, over: Partial<PlanInput> = {}): PlanInput {
  return {
    id: 'M1', createdAt: '2024-01-01T00:00:00Z', root: '/', hostPath: (p) => p, isRoot: false, source, selection: ['tool'], target: { kind: 'pipx' }, offline: true, keepSource: false,
    tools: { python: '/usr/bin/python3.11', pipx: '/usr/bin/pipx', pipxHome: '/home/u/.local/pipx', pipxBinDir: '/home/u/.local/bin', home: '/home/u' },
    backupDir: '/state/M1', ...over,
  };
}

const tool = dist('tool', { requested: true, scripts: ['tool'], requires: ['dep>=1', 'fancy; extra == "color"', 'old; python_version < "3.0"'] });

describe('planMigration', () => {
  it('orders backup, install, verify before removal, and links apps after the source is gone', () => {
    const p = planMigration(input(env([tool, dist('dep'), dist('fancy')])));
    expect(p.blockers).toEqual([]);
    expect(p.steps.map((s) => s.kind)).toEqual(['backup', 'install', 'verify', 'remove-source', 'remove-dependency', 'remove-dependency', 'link-apps']);
    const install = p.steps[1]!;
    expect(install.action).toMatchObject({ type: 'run', argv: ['/usr/bin/pipx', 'install', '--python', '/usr/bin/python3.11', 'tool[color]==1.0'] });
    expect(install.action.type === 'run' && install.action.env?.PIP_NO_INDEX).toBe('1');
    expect(p.steps.filter((s) => s.destructive).map((s) => s.kind)).toEqual(['remove-source', 'remove-dependency', 'remove-dependency']);
    // Live machine, user site: pip uninstall with the PEP 668 flag, no root needed.
    expect(p.steps[3]!.display).toBe('HOME=/home/u /usr/bin/python3.11 -m pip uninstall -y --break-system-packages tool');
    expect(p.steps[3]!.needsRoot).toBe(false);
  });

  it('prints sudo for /usr/local removals when not root, and deletes RECORD files inside a sandbox root', () => {
    const local = (d: Distribution) => ({ ...d, scope: 'local' as const, site: '/usr/local/lib/python3.11/dist-packages' });
    const e = { ...env([local(tool), local(dist('dep'))]), sites: [{ path: '/usr/local/lib/python3.11/dist-packages', scope: 'local' as const, order: 1 }] };
    const live = planMigration(input(e));
    expect(live.steps.find((s) => s.kind === 'remove-source')!.display).toMatch(/^sudo \/usr\/bin\/python3\.11 -m pip uninstall/);
    expect(live.steps.find((s) => s.kind === 'remove-source')!.needsRoot).toBe(true);
    const sandbox = planMigration(input(e, { root: '/sbx', hostPath: (p) => `/sbx${p}` }));
    const rm = sandbox.steps.find((s) => s.kind === 'remove-source')!;
    expect(rm.needsRoot).toBe(false);
    expect(rm.action).toMatchObject({ type: 'remove-files', dist: { name: 'tool', siteHost: '/sbx/usr/local/lib/python3.11/dist-packages' } });
  });

  it('never keeps a package in the source while removing what it needs (issue 11 item 8)', () => {
    // lib is selected with tool, but app (staying) needs lib: lib is copied, not moved, so core (which lib
    // needs) must stay too. Before, lib stayed while core was removed from under it.
    const lib = dist('lib', { requested: true, requires: ['core'] });
    const e = env([tool, dist('dep'), lib, dist('core'), dist('app', { requested: true, requires: ['lib'] })]);
    const p = planMigration(input(e, { selection: ['tool', 'lib'] }));
    const removed = p.steps
      .filter((s) => s.kind === 'remove-source' || s.kind === 'remove-dependency')
      .map((s) => (s.action.type === 'remove-files' ? s.action.dist.name : s.display.split(' ').pop()!));
    const kept = p.packages.flatMap((x) => x.keptDeps.map((k) => k.name));
    expect(removed.filter((n) => kept.includes(n))).toEqual([]);
    expect(removed).not.toContain('core');
    expect(removed).not.toContain('lib');
    expect(kept).toEqual(expect.arrayContaining(['lib', 'core']));
    expect(p.warnings).toContain('lib is needed by app, which stays: it is installed in the target but not removed from the source');
  });

  it('keeps dependencies that are requested, dpkg-owned or needed by something that stays', () => {
    const e = env([tool, dist('dep', { requires: ['shared'] }), dist('shared'), dist('other', { requires: ['shared'], requested: true }), dist('fancy', { requested: true })]);
    const r = removableDeps([tool], e);
    expect(r.remove.map((d) => d.name)).toEqual(['dep']);
    expect(r.kept).toEqual(expect.arrayContaining([{ name: 'fancy', reason: 'installed on request (REQUESTED)' }, { name: 'shared', reason: 'needed by other' }]));
    const deb = removableDeps([tool], env([tool, dist('dep', { dpkgPackage: 'python3-dep', installer: 'debian' })]));
    expect(deb.remove).toEqual([]);
    expect(deb.kept[0]!.reason).toContain('python3-dep');
  });

  it('refuses bad names, egg-info, editable installs and libraries sent to pipx, with nothing to run', () => {
    expect(planMigration(input(env([tool]), { selection: ['x;rm -rf ~'] })).blockers[0]).toContain('not a valid distribution name');
    const evil = dist('tool', { name: 'tool$(id)', scripts: ['tool'] });
    const p = planMigration(input(env([evil]), { selection: ['tool'] }));
    expect(p.blockers.join()).toContain('not a valid distribution name');
    expect(p.steps).toEqual([]);
    expect(planMigration(input(env([{ ...tool, format: 'egg-info', hasRecord: false }]))).blockers.join()).toContain('egg-info without RECORD');
    expect(planMigration(input(env([{ ...tool, editable: true, url: 'file:///src' }]))).blockers.join()).toContain('editable');
    expect(planMigration(input(env([dist('lib')]), { selection: ['lib'] })).blockers.join()).toContain('no console scripts');
    expect(planMigration(input(env([tool, dist('dep', { scope: 'distro', format: 'egg-info', hasRecord: false, site: '/usr/lib/python3/dist-packages' })]))).blockers.join()).toContain('cannot be rebuilt as a wheel');
    expect(planMigration(input(env([{ ...tool, scripts: ['bad;name'] }]))).blockers.join()).toContain('not a safe command name');
  });

  it('plans a library into a new venv under ~/.venvs, and into an existing one with an exact uninstall for undo', () => {
    const lib = dist('lib', { requested: true });
    const fresh = planMigration(input(env([lib]), { selection: ['lib'], target: { kind: 'venv' } }));
    expect(fresh.steps.map((s) => s.kind)).toEqual(['backup', 'create-venv', 'install', 'verify', 'remove-source']);
    expect(fresh.steps[1]!.display).toBe('/usr/bin/python3.11 -m venv /home/u/.venvs/lib');
    const existing = planMigration(input(env([{ ...lib, requires: ['dep'] }, dist('dep')]), { selection: ['lib'], target: { kind: 'venv', dir: '/p/.venv' }, existingVenv: env([]) }));
    expect(existing.steps.map((s) => s.kind)).not.toContain('create-venv');
    expect(existing.steps.find((s) => s.kind === 'install')!.undo.description).toBe('/p/.venv/bin/python -m pip uninstall -y lib dep');
  });
});

it('refuses a target kind it has no case for instead of planning it as a venv (issue 10 item 2)', () => {
  const unknown = { kind: 'conda' } as unknown as PlanInput['target'];
  expect(() => planMigration(input(env([tool, dist('dep')]), { target: unknown }))).toThrow("no plan for migration target 'conda'");
});

describe('dependency facts', () => {
  const py311 = markerEnv('3.11.2', 'linux', 'x64');
  it('reads requirements with the project PEP 508 parser and evaluates markers for the source Python', () => {
    expect(readDepLine('Foo.Bar[x, y] >=1; extra == "cli" and python_version>"3"', py311)).toEqual({ name: 'foo-bar', extras: ['x', 'y'], onlyForExtra: 'cli', applies: true });
    expect(readDepLine('old; python_version < "3.0"', py311)).toMatchObject({ name: 'old', onlyForExtra: null, applies: false });
    expect(readDepLine('tomli; python_version < "3.11"', py311)!.applies).toBe(false);
    expect(readDepLine('tomli; python_version < "3.11"', markerEnv('3.10.12', 'linux', 'x64'))!.applies).toBe(true);
    expect(readDepLine('colorama; sys_platform == "win32" or extra == "color"', py311)).toMatchObject({ onlyForExtra: 'color', applies: true });
    expect(readDepLine('x; extra == "legacy" and python_version < "3"', py311)).toMatchObject({ onlyForExtra: 'legacy', applies: false });
    expect(readDepLine('!!! not a requirement', py311)).toBeNull();
    expect(readDepLine('x; python_version <=> "3"', py311)).toBeNull();
  });

  it('follows a dependency only where its marker holds, and reports only applicable missing ones', () => {
    const t = dist('t', { requires: ['tomli; python_version < "3.11"', 'win-only; sys_platform == "win32"', 'gone; python_version >= "3.8"'] });
    const installed = visibleDists(env([t, dist('tomli')]));
    expect(closure([t], installed, py311)).toEqual({ deps: [], missing: ['gone'] });
    expect(closure([t], installed, markerEnv('3.10.12', 'linux', 'x64')).deps.map((d) => d.name)).toEqual(['tomli']);
    // The planner follows the source interpreter: a 3.10 venv keeps tomli in the closure, 3.11 leaves it alone.
    const p = planMigration(input(env([t, dist('tomli')]), { selection: ['t'], target: { kind: 'venv' }, markers: py311 }));
    expect(p.warnings.join()).toContain('gone is required but not installed');
    expect(p.packages[0]!.removableDeps).toEqual([]);
    const p310 = planMigration(input(env([t, dist('tomli')]), { selection: ['t'], target: { kind: 'venv' }, markers: markerEnv('3.10.12', 'linux', 'x64') }));
    expect(p310.packages[0]!.removableDeps).toEqual(['tomli']);
  });
  it('infers an extra only when all its requirements are installed', () => {
    const d = dist('t', { requires: ['a; extra == "one"', 'b; extra == "two"', 'c; extra == "two"'] });
    expect(inferExtras(d, visibleDists(env([d, dist('a'), dist('b')])))).toEqual(['one']);
  });
});

describe('RECORD and display', () => {
  it('parses quoted RECORD fields and resolves ../ script entries', () => {
    const r = parseRecord('"a,b.py",sha256=x,3\n../../../bin/t,sha256=y,10\nt-1.0.dist-info/RECORD,,\n');
    expect(r.map((e) => e.path)).toEqual(['a,b.py', '../../../bin/t', 't-1.0.dist-info/RECORD']);
    expect(confineEntry({ siteHost: SITE }, '../../../bin/t')).toEqual({ host: '/home/u/.local/bin/t' });
  });
  it('quotes arguments for display only', () => {
    expect(formatArgv(['pip', 'install', 'a b', "it's"], { X: '1' })).toBe(`X=1 pip install 'a b' 'it'\\''s'`);
  });
});
