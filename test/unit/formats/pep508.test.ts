// PEP 508 requirements and markers, evaluated for a given interpreter (pip check's view: extra = '').
import { describe, expect, it } from 'vitest';
import { evalMarker, markerEnv, parseMarker, parseRequirement } from '../../../src/formats/pep508.js';

const py311 = markerEnv('3.11.2', 'linux', 'x64');

describe('parseRequirement', () => {
  it('reads name, extras, specifier and marker', () => {
    const r = parseRequirement('Foo.Bar[a, b] (>=1.0, <2) ; python_version < "3.12"');
    expect(r).toMatchObject({ name: 'Foo.Bar', extras: ['a', 'b'], specifier: '>=1.0,<2' });
    expect(r.marker).not.toBeNull();
  });
  it('reads URL requirements', () => {
    expect(parseRequirement('pkg @ https://example.invalid/pkg.whl ; os_name == "posix"')).toMatchObject({ name: 'pkg', specifier: null, url: 'https://example.invalid/pkg.whl' });
  });
  it('rejects garbage with an error', () => {
    expect(() => parseRequirement('!!!')).toThrow();
    expect(() => parseRequirement('x; python_version <')).toThrow();
  });
});

describe('evalMarker', () => {
  const cases: Array<[string, boolean]> = [
    ['python_version < "3.12"', true],
    ['python_version >= "3.12"', false],
    ['python_full_version == "3.11.2"', true],
    ['python_version == "3.11.*"', true],
    ['"3.10" < python_version', true],
    ['sys_platform == "win32"', false],
    ['sys_platform == "linux" and platform_machine == "x86_64"', true],
    ['os_name == "nt" or (python_version ~= "3.11" and implementation_name == "cpython")', true],
    ['extra == "test"', false],
    ['platform_python_implementation != "PyPy"', true],
    ['"linux" in sys_platform', true],
    ["platform_machine not in 'arm64 aarch64'", true],
  ];
  it.each(cases)('%s → %s', (m, want) => expect(evalMarker(parseMarker(m), py311)).toBe(want));
  it('uses aarch64 on a 64-bit Pi', () => expect(evalMarker(parseMarker('platform_machine == "aarch64"'), markerEnv('3.11.2', 'linux', 'arm64'))).toBe(true));
});
