// linkDependents on hand-made inventories: the cases a real machine mixes (two system minors in one
// bin dir, pyenv alias names, a base that is gone), and how the dashboard's detail shows them.
import { describe, expect, it } from 'vitest';
import { envDetailRows } from '../../../components/state/env-detail.js';
import { linkDependents } from '../../../src/lifecycle/dependents.js';
import { findInterpreter } from '../../../src/lifecycle/impact.js';
import type { EnvKind, Environment } from '../../../src/model.js';

function env(kind: EnvKind, prefix: string, version: string, o: { exe?: string; base?: string; meta?: Record<string, unknown> } = {}): Environment {
  return {
    id: `${kind}:${o.exe ?? prefix}`,
    kind,
    name: prefix.split('/').pop()!,
    prefix,
    python: { version, executable: o.exe ?? `${prefix}/bin/python3`, ...(o.base ? { base: o.base } : {}) },
    externallyManaged: false,
    systemSitePackages: false,
    health: { ok: true, problems: [] },
    sites: [],
    packages: [],
    ...(o.meta ? { meta: o.meta } : {}),
  };
}

describe('linkDependents', () => {
  const sys311 = env('system', '/usr', '3.11.2', { exe: '/usr/bin/python3.11' });
  const sys313 = env('system', '/usr', '3.13.1', { exe: '/usr/bin/python3.13' });
  const py312 = env('pyenv', '/h/.pyenv/versions/3.12.1', '3.12.1', { meta: { pyenvRoot: '/h/.pyenv', aliases: ['3.12'] } });
  const a = env('venv', '/h/a', '3.13.1', { base: '/usr/bin/python3' });
  const b = env('venv', '/h/b', '3.11.2', { base: '/usr/bin/python3' });
  const c = env('pipx', '/h/.local/pipx/venvs/t', '3.12.1', { base: '/h/.pyenv/versions/3.12/bin/python3' });
  const gone = env('venv', '/h/gone', '3.10.4', { base: '/opt/python3.10/bin/python3' });
  linkDependents([sys311, sys313, py312, a, b, c, gone]);

  it('picks the interpreter of the venv\'s own minor version when a bin dir holds several', () => {
    expect(a.builtOn).toBe(sys313.id);
    expect(b.builtOn).toBe(sys311.id);
    expect(sys311.dependents).toEqual([b.id]);
    expect(sys313.dependents).toEqual([a.id]);
  });
  it('counts pyenv alias names as the same version, and null for a base that is gone', () => {
    expect(c.builtOn).toBe(py312.id);
    expect(py312.dependents).toEqual([c.id]);
    expect(gone.builtOn).toBeNull();
    expect(sys311.builtOn).toBeUndefined();
  });
  it('shows dependents on the interpreter and the base on the venv in the dashboard detail', () => {
    const text = (e: Environment) => envDetailRows({ env: e, findings: [], size: undefined, sizing: false, width: 80 }).map((r) => r.cells.map((x) => x.text).join(' ')).join('\n');
    expect(text(py312)).toContain('used by 1 environment: removing it breaks them (pyenvtui impact /h/.pyenv/versions/3.12.1)');
    expect(text(py312)).toContain(`- ${c.id}`);
    expect(text(c)).toContain(`built on: ${py312.id}`);
    expect(text(gone)).toContain('built on: an interpreter that is not on this machine any more');
  });
});

describe('findInterpreter', () => {
  const sys311 = env('system', '/usr', '3.11.2', { exe: '/usr/bin/python3.11' });
  const v = env('venv', '/h/a', '3.11.2', { base: '/usr/bin/python3' });
  const inv = { environments: [sys311, v] } as unknown as Parameters<typeof findInterpreter>[0];
  const links: Record<string, string> = { '/usr/bin/python3': '/usr/bin/python3.11', '/usr/bin/python3.11': '/usr/bin/python3.11' };
  it('finds an interpreter by the link a user types (/usr/bin/python3 → python3.11)', () => {
    expect(findInterpreter(inv, '/usr/bin/python3', (p) => links[p] ?? null)).toBe(sys311);
  });
  it('by its executable, prefix, id or version, and never a venv', () => {
    expect(findInterpreter(inv, '/usr/bin/python3.11')).toBe(sys311);
    expect(findInterpreter(inv, '/usr/')).toBe(sys311);
    expect(findInterpreter(inv, '3.11')).toBe(sys311);
    expect(findInterpreter(inv, '/h/a/bin/python3', (p) => p)).toEqual({ error: expect.stringMatching(/no interpreter/) });
  });
  it('without a way to follow links, a link is not an interpreter', () => {
    expect(findInterpreter(inv, '/usr/bin/python3')).toEqual({ error: expect.stringMatching(/no interpreter '\/usr\/bin\/python3'/) });
  });
});
