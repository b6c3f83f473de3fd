import { describe, expect, it } from 'vitest';
import { exposedApps, parsePipxMetadata } from '../../../src/formats/pipx-metadata.js';

const p = (x: string) => ({ __type__: 'Path', __Path__: x });

/** A metadata document as pipx <version> writes it (fields added per version, see pipx_metadata_file.py). */
function doc(version: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const pkg: Record<string, unknown> = {
    package: 'black',
    package_or_url: 'black==23.1.0',
    package_version: '23.1.0',
    pip_args: ['--no-cache-dir'],
    include_dependencies: false,
    include_apps: true,
    apps: ['black', 'blackd'],
    app_paths: [p('/h/.local/pipx/venvs/black/bin/black'), p('/h/.local/pipx/venvs/black/bin/blackd')],
    apps_of_dependencies: [],
    app_paths_of_dependencies: {},
  };
  const v = Number(version.split('.')[1]);
  if (v >= 2) pkg.suffix = '';
  if (v >= 3) Object.assign(pkg, { man_pages: [], man_paths: [], man_pages_of_dependencies: [], man_paths_of_dependencies: {} });
  if (v >= 5) pkg.pinned = false;
  if (v >= 8) pkg.expected_apps = [];
  if (v >= 9) pkg.lock_file = null;
  if (v >= 10) pkg.include_apps_from = [];
  if (v >= 11) pkg.cooldown_days = null;
  if (v >= 12) Object.assign(pkg, { completions: [], completion_paths: [], completions_of_dependencies: [], completion_paths_of_dependencies: {} });
  const d: Record<string, unknown> = {
    main_package: pkg,
    python_version: 'Python 3.11.2',
    venv_args: [],
    injected_packages: {},
    pipx_metadata_version: version,
  };
  if (v >= 4) d.source_interpreter = p('/usr/bin/python3');
  if (v >= 6) d.backend = 'uv';
  if (v >= 7) d.exposure_enabled = true;
  if (v >= 10) d.environment = null;
  return { ...d, ...extra };
}

describe('parsePipxMetadata', () => {
  for (const version of ['0.1', '0.2', '0.3', '0.4', '0.5', '0.6', '0.7', '0.8', '0.9', '0.10', '0.11', '0.12']) {
    it(`reads metadata version ${version}`, () => {
      const r = parsePipxMetadata(JSON.stringify(doc(version)), 'black');
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.value.metadataVersion).toBe(version);
      expect(r.value.knownVersion).toBe(true);
      expect(r.value.mainPackage.package).toBe('black');
      expect(r.value.mainPackage.packageVersion).toBe('23.1.0');
      expect(r.value.mainPackage.apps).toEqual(['black', 'blackd']);
      expect(r.value.mainPackage.appPaths).toEqual(['/h/.local/pipx/venvs/black/bin/black', '/h/.local/pipx/venvs/black/bin/blackd']);
      expect(r.value.mainPackage.pipArgs).toEqual(['--no-cache-dir']);
      expect(r.value.pythonVersion).toBe('Python 3.11.2');
      const minor = Number(version.split('.')[1]);
      expect(r.value.sourceInterpreter).toBe(minor >= 4 ? '/usr/bin/python3' : null);
      expect(r.value.backend).toBe(minor >= 6 ? 'uv' : 'pip');
      expect(r.value.warnings).toEqual([]);
      expect(r.value.notes).toEqual([]);
      expect(exposedApps(r.value.mainPackage, r.value.exposureEnabled)).toEqual(['black', 'blackd']);
    });
  }

  it('derives the suffix of a 0.1 venv from its directory name, as pipx does', () => {
    const r = parsePipxMetadata(JSON.stringify(doc('0.1')), 'black3.11');
    expect(r.ok && r.value.mainPackage.suffix).toBe('3.11');
  });

  it('keys injected packages by name plus suffix', () => {
    const inj = { ...(doc('0.2').main_package as object), package: 'requests', suffix: '_x', package_version: '2.31.0' };
    const r = parsePipxMetadata(JSON.stringify(doc('0.2', { injected_packages: { requests: inj } })));
    expect(r.ok && Object.keys(r.value.injected)).toEqual(['requests_x']);
    expect(r.ok && r.value.injected.requests_x!.packageVersion).toBe('2.31.0');
  });

  it('accepts plain-string paths', () => {
    const d = doc('0.2');
    (d.main_package as Record<string, unknown>).app_paths = ['/x/bin/black'];
    const r = parsePipxMetadata(JSON.stringify(d));
    expect(r.ok && r.value.mainPackage.appPaths).toEqual(['/x/bin/black']);
  });

  it('reads an unknown future version leniently and says so', () => {
    const r = parsePipxMetadata(JSON.stringify(doc('0.6', { pipx_metadata_version: '0.99' })));
    expect(r.ok && r.value.knownVersion).toBe(false);
    expect(r.ok && r.value.warnings).toEqual([]);
    expect(r.ok && r.value.notes.join()).toMatch(/pipx_metadata_version 0.99 is newer than pyenvtui knows/);
  });

  it('exposes the apps pipx links: hidden apps, hidden venvs and selected dependencies (0.7, 0.10, 0.12)', () => {
    const withDeps = (v: string, pkgExtra: Record<string, unknown>, top: Record<string, unknown> = {}) => {
      const d = doc(v, top);
      Object.assign(d.main_package as object, {
        apps_of_dependencies: ['dep-a', 'dep-b'],
        app_paths_of_dependencies: { depa: [p('/v/bin/dep-a')], depb: [p('/v/bin/dep-b')] },
        ...pkgExtra,
      });
      const r = parsePipxMetadata(JSON.stringify(d));
      if (!r.ok) throw new Error(r.error);
      return exposedApps(r.value.mainPackage, r.value.exposureEnabled);
    };
    expect(withDeps('0.12', {})).toEqual(['black', 'blackd']);
    expect(withDeps('0.12', { include_dependencies: true })).toEqual(['black', 'blackd', 'dep-a', 'dep-b']);
    expect(withDeps('0.10', { include_apps_from: ['depb'] })).toEqual(['black', 'blackd', 'dep-b']);
    expect(withDeps('0.12', { include_resources_from: ['depa'], include_apps: false })).toEqual(['dep-a']);
    expect(withDeps('0.7', {}, { exposure_enabled: false })).toEqual([]);
  });

  it('rejects corrupt JSON, non-objects and a missing main_package with a message', () => {
    for (const bad of ['', '{', 'null', '[]', '"x"', '{"main_package": 3}', '{}', '\u0000\u00ff']) {
      const r = parsePipxMetadata(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.length).toBeGreaterThan(0);
    }
  });

  it('turns wrongly typed fields into warnings, not crashes', () => {
    const d = doc('0.5');
    Object.assign(d.main_package as object, { apps: 'black', app_paths: [1, p('/a')], package_version: 7, pip_args: null });
    d.injected_packages = [];
    d.venv_args = { a: 1 };
    const r = parsePipxMetadata(JSON.stringify(d));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.mainPackage.apps).toEqual([]);
    expect(r.value.mainPackage.appPaths).toEqual(['/a']);
    expect(r.value.mainPackage.packageVersion).toBe('');
    expect(r.value.warnings.length).toBeGreaterThanOrEqual(4);
  });

  it('never throws on random mutations of a valid document', () => {
    const base = JSON.stringify(doc('0.6'));
    let seed = 42;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let i = 0; i < 500; i++) {
      const chars = base.split('');
      for (let k = 0; k < 1 + rnd(5); k++) chars[rnd(chars.length)] = String.fromCharCode(rnd(128));
      expect(() => parsePipxMetadata(chars.join(''))).not.toThrow();
    }
  });
});
