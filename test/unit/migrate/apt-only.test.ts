// --system-site-packages is offered and pre-selected when a package needs an apt-only module; the
// list of such modules is the Pi risk rule's own (asked, not copied).
import { describe, expect, it } from 'vitest';
import { aptOnlyNames, importsOf } from '../../../src/migrate/apt-only.js';
import { parseMigrateArgs, parseTarget } from '../../../src/commands/migrate.js';
import { planMigration, type PlanInput } from '../../../src/migrate/plan.js';
import type { Distribution, Environment } from '../../../src/model.js';

const SITE = '/home/u/.local/lib/python3.11/site-packages';
function dist(name: string, extra: Partial<Distribution> = {}): Distribution {
  return { name, displayName: name, version: '1.0', installer: 'pip', requested: true, scripts: [], scope: 'user', site: SITE, metadataPath: `${SITE}/${name.replace(/-/g, '_')}-1.0.dist-info`, format: 'dist-info', requires: [], hasRecord: true, ...extra };
}
function env(packages: Distribution[], systemSitePackages = false): Environment {
  return { id: 'system:/usr', kind: 'system', name: 'python3.11', prefix: '/usr', python: { version: '3.11', executable: '/usr/bin/python3.11' }, externallyManaged: true, systemSitePackages, health: { ok: true, problems: [] }, sites: [{ path: SITE, scope: 'user', order: 0 }], packages };
}
function input(source: Environment, over: Partial<PlanInput>): PlanInput {
  return {
    id: 'M1', createdAt: '2024-01-01T00:00:00Z', root: '/', hostPath: (p) => p, isRoot: false, source, selection: ['cam'], target: { kind: 'venv' }, offline: false, keepSource: false,
    tools: { python: '/usr/bin/python3.11', pipx: '/usr/bin/pipx', pipxHome: '/home/u/.local/pipx', pipxBinDir: '/home/u/.local/bin', home: '/home/u' },
    backupDir: '/state/M1', ...over,
  };
}
const createVenv = (p: ReturnType<typeof planMigration>) => p.steps.find((s) => s.kind === 'create-venv')!.action;

describe('apt-only modules', () => {
  it('asks the Pi rule: distribution names and dotted module paths, nothing else', () => {
    expect(aptOnlyNames(['picamera2', 'RPi.GPIO.pwm', 'lgpio', 'numpy', 'libcamera', 'requests', 'x;rm'])).toEqual(['RPi.GPIO', 'lgpio', 'libcamera', 'picamera2']);
    expect(aptOnlyNames([])).toEqual([]);
  });

  it('reads import statements from source text', () => {
    const src = 'import os, RPi.GPIO as GPIO\nfrom picamera2 import Picamera2\n  import lgpio  # indented\nfrom . import sibling\nx = "import fake"\n';
    expect(importsOf(src).sort()).toEqual(['RPi.GPIO', 'lgpio', 'os', 'picamera2']);
  });

  it('pre-selects --system-site-packages for a new venv when a package requires an apt-only module, and says why', () => {
    const cam = dist('cam', { requires: ['picamera2>=0.3'] });
    const p = planMigration(input(env([cam]), {}));
    expect(p.blockers).toEqual([]);
    expect(p.target.systemSitePackages).toBe(true);
    expect(createVenv(p)).toMatchObject({ argv: ['/usr/bin/python3.11', '-m', 'venv', '--system-site-packages', '/home/u/.venvs/cam'] });
    expect(p.warnings.join()).toContain('--system-site-packages pre-selected: cam needs picamera2');
    expect(p.packages[0]!.aptOnly).toEqual(['picamera2']);
  });

  it('pre-selects it from imports found in the package files, and for pipx too', () => {
    const gpio = dist('gpio-tool', { scripts: ['gpio-tool'] });
    const p = planMigration(input(env([gpio]), { selection: ['gpio-tool'], target: { kind: 'pipx' }, imports: { 'gpio-tool': ['os', 'RPi.GPIO'] } }));
    const install = p.steps.find((s) => s.kind === 'install')!;
    expect(install.action).toMatchObject({ argv: ['/usr/bin/pipx', 'install', '--python', '/usr/bin/python3.11', '--system-site-packages', 'gpio-tool==1.0'] });
  });

  it('respects an explicit no with a warning, and leaves plain packages alone', () => {
    const cam = dist('cam', { requires: ['picamera2'] });
    const no = planMigration(input(env([cam]), { target: { kind: 'venv', systemSitePackages: false } }));
    expect(createVenv(no)).toMatchObject({ argv: ['/usr/bin/python3.11', '-m', 'venv', '/home/u/.venvs/cam'] });
    expect(no.warnings.join()).toContain('without --system-site-packages it will not import');
    const plain = planMigration(input(env([dist('cam', { requires: ['requests; python_version > "3"'] })]), {}));
    expect(plain.target.systemSitePackages).toBeUndefined();
    expect(createVenv(plain)).toMatchObject({ argv: ['/usr/bin/python3.11', '-m', 'venv', '/home/u/.venvs/cam'] });
    // A dependency behind a marker that does not hold on the source Python does not count.
    const py2 = planMigration(input(env([dist('cam', { requires: ['picamera2; python_version < "3"'] })]), {}));
    expect(py2.packages[0]!.aptOnly).toBeUndefined();
  });

  it('CLI: --system-site-packages, --no-system-site-packages, or undecided', () => {
    const a = (x: string[]) => parseMigrateArgs(['cam', '--to', 'venv', ...x]);
    expect(a([])).not.toHaveProperty('error');
    expect((a([]) as { systemSite?: boolean }).systemSite).toBeUndefined();
    expect(a(['--system-site-packages'])).toMatchObject({ systemSite: true });
    expect(a(['--no-system-site-packages'])).toMatchObject({ systemSite: false });
    expect(parseTarget('venv', '/home/u')).toEqual({ kind: 'venv' });
    expect(parseTarget('pipx', '/home/u', true)).toEqual({ kind: 'pipx', systemSitePackages: true });
    expect(parseTarget('venv:~/x', '/home/u', false)).toEqual({ kind: 'venv', dir: '/home/u/x', systemSitePackages: false });
  });
});
