// Central Poetry envs and their projects, with Debian's real Poetry (python3-poetry): Poetry names each env by a
// hash of its project's path; pyenvtui computes the same hash, so `clean` knows which env lost its project.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poetryEnvHash, poetryHash } from '../../../src/lifecycle/poetry-orphans.js';

const BIN = path.resolve(import.meta.dirname, '../../../bin/pyenvtui.js');
let home: string;
let envDir: string;
const env = (): NodeJS.ProcessEnv => ({ HOME: home, XDG_CACHE_HOME: path.join(home, '.cache'), PATH: '/usr/bin:/bin', PYENVTUI_NO_CACHE: '1' });

function project(name: string): string {
  const dir = path.join(home, 'code', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'pyproject.toml'), `[tool.poetry]\nname = "${name}"\nversion = "0.1.0"\ndescription = ""\nauthors = ["t <t@example.org>"]\n\n[tool.poetry.dependencies]\npython = "^3.11"\n`);
  execFileSync('/usr/bin/poetry', ['env', 'use', '/usr/bin/python3'], { cwd: dir, env: env(), stdio: 'pipe' });
  return dir;
}

beforeAll(() => {
  home = mkdtempSync(path.join(os.tmpdir(), 'pyenvtui-poetry-'));
  project('alpha');
  project('beta');
  envDir = path.join(home, '.cache/pypoetry/virtualenvs');
}, 120_000);
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('central Poetry envs', () => {
  it("are named by the hash pyenvtui computes for their project's path (real Poetry as the oracle)", () => {
    const names = readdirSync(envDir).filter((n) => n !== 'envs.toml').sort();
    expect(names).toHaveLength(2);
    expect(names.map((n) => poetryEnvHash(path.join(envDir, n)))).toEqual(['alpha', 'beta'].map((p) => poetryHash(realpathSync(path.join(home, 'code', p)))));
  });

  it('clean marks the env whose project was deleted as orphaned, and only that one', () => {
    rmSync(path.join(home, 'code', 'beta'), { recursive: true, force: true });
    const out = execFileSync(process.execPath, [BIN, 'clean', '--json', '--context', 'host'], { env: env(), encoding: 'utf8' });
    const items = (JSON.parse(out) as { environments: { path: string; tags: string[]; reasons: string[] }[] }).environments.filter((i) => i.path.startsWith(envDir));
    expect(items.map((i) => path.basename(i.path).split('-')[0]).sort()).toEqual(['alpha', 'beta']);
    const beta = items.find((i) => path.basename(i.path).startsWith('beta-'))!;
    const alpha = items.find((i) => path.basename(i.path).startsWith('alpha-'))!;
    expect(beta.tags).toContain('orphaned');
    expect(beta.reasons.join('\n')).toMatch(/no Poetry project under .* is the one this env was made for/);
    expect(alpha.tags).not.toContain('orphaned');
  });
});
