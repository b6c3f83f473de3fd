import { describe, expect, it } from 'vitest';
import { parseUvPythonDirName, parseUvReceipt } from '../../../src/formats/uv-receipt.js';

// Written by uv 0.5+ (toml_edit layout from crates/uv-tool/src/tool.rs).
const RECEIPT = `[tool]
requirements = [
    { name = "black", specifier = ">=23" },
    { name = "httpx", extras = ["http2"] },
    { name = "mytool", editable = true, directory = "/src/mytool" },
]
python = "3.12"
entrypoints = [
    { name = "black", install-path = "/home/u/.local/bin/black", from = "black" },
    { name = "blackd", install-path = "/home/u/.local/bin/blackd", from = "black" },
]

[tool.options]
exclude-newer = "2024-01-01T00:00:00Z"
`;

describe('parseUvReceipt', () => {
  it('reads requirements, python, entrypoints and options', () => {
    const r = parseUvReceipt(RECEIPT);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.requirements.map((x) => [x.name, x.specifier, x.extras, x.editable, x.source])).toEqual([
      ['black', '>=23', [], false, null],
      ['httpx', null, ['http2'], false, null],
      ['mytool', null, [], true, '/src/mytool'],
    ]);
    expect(r.value.python).toBe('3.12');
    expect(r.value.entrypoints).toEqual([
      { name: 'black', installPath: '/home/u/.local/bin/black', from: 'black' },
      { name: 'blackd', installPath: '/home/u/.local/bin/blackd', from: 'black' },
    ]);
    expect(r.value.options['exclude-newer']).toBe('2024-01-01T00:00:00Z');
  });

  it('reads legacy PEP 508 requirement strings and entrypoints without `from`', () => {
    const r = parseUvReceipt(`[tool]\nrequirements = ["black[d]>=23; python_version>'3.8'", "x @ https://e.org/x.whl"]\nentrypoints = [{ name = "black", install-path = "/b/black" }]\n`);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.requirements[0]).toMatchObject({ name: 'black', extras: ['d'], specifier: '>=23', marker: "python_version>'3.8'" });
    expect(r.value.requirements[1]).toMatchObject({ name: 'x', source: 'https://e.org/x.whl' });
    expect(r.value.entrypoints[0]!.from).toBeNull();
    expect(r.value.python).toBeNull();
  });

  it('gives an error for corrupt TOML or a missing [tool] table', () => {
    for (const bad of ['[tool', 'tool = 3', '', '\u0000', 'a = "b"']) {
      const r = parseUvReceipt(bad);
      expect(r.ok).toBe(false);
    }
  });

  it('warns about malformed entries but keeps the good ones', () => {
    const r = parseUvReceipt(`[tool]\nrequirements = [{ specifier = ">1" }, { name = "ok" }, 3]\nentrypoints = [{ name = "x" }, { name = "y", install-path = "/y" }]\n`);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.requirements.map((x) => x.name)).toEqual(['ok']);
    expect(r.value.entrypoints.map((x) => x.name)).toEqual(['y']);
    expect(r.value.warnings.length).toBe(3);
  });

  it('never throws on mutated input', () => {
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let i = 0; i < 300; i++) {
      const chars = RECEIPT.split('');
      for (let k = 0; k < 1 + rnd(4); k++) chars[rnd(chars.length)] = String.fromCharCode(rnd(128));
      expect(() => parseUvReceipt(chars.join(''))).not.toThrow();
    }
  });
});

describe('parseUvPythonDirName', () => {
  it('splits uv installation keys', () => {
    expect(parseUvPythonDirName('cpython-3.12.4-linux-x86_64-gnu')).toEqual({
      implementation: 'cpython', version: '3.12.4', variants: [], os: 'linux', arch: 'x86_64', libc: 'gnu', minorLink: false,
    });
    expect(parseUvPythonDirName('cpython-3.13.0+freethreaded-macos-aarch64-none')).toMatchObject({ version: '3.13.0', variants: ['freethreaded'] });
    expect(parseUvPythonDirName('pypy-3.10.14-linux-x86_64-gnu')).toMatchObject({ implementation: 'pypy', version: '3.10.14' });
    expect(parseUvPythonDirName('cpython-3.14.0rc1-linux-aarch64-musl')).toMatchObject({ version: '3.14.0rc1', libc: 'musl' });
    expect(parseUvPythonDirName('cpython-3.12-linux-x86_64-gnu')).toMatchObject({ minorLink: true });
  });
  it('rejects other directory entries', () => {
    for (const n of ['.lock', '.cache', '.temp', 'cpython', 'cpython-x.y-linux-x86_64-gnu', 'cpython-3.12.4-linux-x86_64', 'a-b-c-d-e-f', '']) {
      expect(parseUvPythonDirName(n)).toBeNull();
    }
  });
});
