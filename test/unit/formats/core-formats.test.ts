import { describe, expect, it } from 'vitest';
import { parsePyvenvCfg, versionFromVersionInfo } from '../../../src/formats/pyvenv-cfg.js';
import { parseBuildDetails, parsePatchlevel, minorFromName } from '../../../src/formats/patchlevel.js';
import { parseExternallyManaged } from '../../../src/formats/externally-managed.js';
import { parseCoreMetadata, parseDirectUrl, parseMetadataDirName, parseRequiresTxt } from '../../../src/formats/dist-info.js';
import { parseEntryPoints } from '../../../src/formats/entry-points.js';
import { parseRecord } from '../../../src/formats/record.js';
import { dpkgStatusVersion, normalizeDpkgPath, packageFromListFile, parseDiversions, parseDpkgList } from '../../../src/formats/dpkg.js';

describe('pyvenv.cfg', () => {
  it('reads venv, uv and virtualenv keys', () => {
    const c = parsePyvenvCfg('home = /usr/bin\ninclude-system-site-packages = true\nversion = 3.11.2\nuv = 0.4.18\n');
    expect(c).toMatchObject({ home: '/usr/bin', version: '3.11.2', includeSystemSitePackages: true, uv: '0.4.18' });
    const v = parsePyvenvCfg('home = /opt/py/bin\nimplementation = CPython\nvirtualenv = 20.26.6\nversion_info = 3.9.6.final.0\n');
    expect(v).toMatchObject({ version: '3.9.6', virtualenv: '20.26.6', includeSystemSitePackages: false });
  });
  it('turns virtualenv release levels into PEP 440 and rejects binary files', () => {
    expect(versionFromVersionInfo('3.13.0.candidate.2')).toBe('3.13.0rc2');
    expect(versionFromVersionInfo('garbage')).toBeNull();
    expect(parsePyvenvCfg('\u0000\u0001')).toEqual({ error: 'pyvenv.cfg is not a text file' });
  });
});

describe('version files', () => {
  it('reads patchlevel.h, build-details.json and X.Y names', () => {
    expect(parsePatchlevel('#define PY_MINOR_VERSION 11\n#define PY_VERSION      "3.11.2+"\n')).toBe('3.11.2');
    expect(parsePatchlevel('nothing')).toBeNull();
    expect(parseBuildDetails('{"language":{"version":"3.14"},"implementation":{"version":{"major":3,"minor":14,"micro":1}}}')).toBe('3.14.1');
    expect(parseBuildDetails('{not json')).toBeNull();
    expect(minorFromName('python3.13t')).toBe('3.13');
  });
});

describe('EXTERNALLY-MANAGED', () => {
  it('reads the Error text with continuation lines, and tolerates junk', () => {
    expect(parseExternallyManaged('[externally-managed]\nError=To install Python packages system-wide,\n try apt install\n').error)
      .toBe('To install Python packages system-wide,\ntry apt install');
    expect(parseExternallyManaged('\u0000garbage').error).toBeNull();
  });
});

describe('dist-info', () => {
  it('parses headers, stops at the body, collects Requires-Dist, flags missing fields', () => {
    const m = parseCoreMetadata('Metadata-Version: 2.1\nName: Foo_Bar\nVersion: 1.0\nSummary: one\n  two\nRequires-Dist: six\nRequires-Dist: a; extra == "x"\n\nName: not-me\n');
    expect(m).toMatchObject({ name: 'Foo_Bar', version: '1.0', summary: 'one\ntwo', requires: ['six', 'a; extra == "x"'], problems: [] });
    expect(parseCoreMetadata('Summary: x\n').problems).toEqual(['metadata has no Name', 'metadata has no Version']);
  });
  it('reads requires.txt sections as markers, direct_url.json and dir names', () => {
    expect(parseRequiresTxt('a\n[dev]\nb\n[:python_version < "3.8"]\nc\n')).toEqual(['a', 'b; extra == "dev"', 'c; (python_version < "3.8")']);
    expect(parseDirectUrl('{"url":"file:///src/x","dir_info":{"editable":true}}')).toEqual({ url: 'file:///src/x', editable: true });
    expect(parseDirectUrl('[')).toBeNull();
    expect(parseMetadataDirName('Babel-2.10.3.egg-info')).toEqual({ name: 'Babel', version: '2.10.3', format: 'egg-info' });
    expect(parseMetadataDirName('python_apt-2.6.0.egg-info')?.version).toBe('2.6.0');
    expect(parseMetadataDirName('six-1.16.0-py3.11.egg-info')).toEqual({ name: 'six', version: '1.16.0', format: 'egg-info' });
  });
  it('lists console and gui scripts from entry_points.txt', () => {
    const ep = parseEntryPoints('[console_scripts]\nfoo = a:b\nbar=a:c\n\n[gui_scripts]\nbaz = a:d\n[other]\nx = y\n');
    expect([...ep.consoleScripts, ...ep.guiScripts]).toEqual(['foo', 'bar', 'baz']);
  });
  it('parses RECORD with quoted paths', () => {
    expect(parseRecord('a/b.py,sha256=x,12\n"we,ird.py",,\n')).toEqual([
      { path: 'a/b.py', hash: 'sha256=x', size: 12 },
      { path: 'we,ird.py', hash: null, size: null },
    ]);
  });
});

describe('dpkg', () => {
  it('names packages, normalises merged-/usr paths, filters list lines', () => {
    expect(packageFromListFile('libpython3.11-stdlib:amd64.list')).toBe('libpython3.11-stdlib');
    expect(packageFromListFile('python3-six.list')).toBe('python3-six');
    expect(packageFromListFile('python3-six.md5sums')).toBeNull();
    expect(normalizeDpkgPath('/bin/python3')).toBe('/usr/bin/python3');
    expect(parseDpkgList('/.\n/usr\n/usr/lib/python3/dist-packages/six.py\n', (p) => p.includes('python'))).toEqual(['/usr/lib/python3/dist-packages/six.py']);
  });
  it('reads diversions and versions from status', () => {
    expect(parseDiversions('/usr/lib/python3.11/EXTERNALLY-MANAGED\n/usr/lib/python3.11/EXTERNALLY-MANAGED.distrib\n:\n')).toEqual([
      { original: '/usr/lib/python3.11/EXTERNALLY-MANAGED', divertedTo: '/usr/lib/python3.11/EXTERNALLY-MANAGED.distrib', package: ':' },
    ]);
    const status = 'Package: python3.11\nVersion: 0\n\nPackage: python3.11-minimal\nStatus: install ok installed\nVersion: 3.11.2-6+deb12u6\n';
    expect(dpkgStatusVersion(status, 'python3.11-minimal')).toBe('3.11.2-6+deb12u6');
    expect(dpkgStatusVersion(status, 'python3.12-minimal')).toBeNull();
  });
});
