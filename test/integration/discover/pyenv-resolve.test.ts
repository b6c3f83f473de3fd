// Issue 11 item 5: pyenv as pyenv resolves it, checked against the real pyenv (/root/.pyenv, or
// PYENVTUI_TEST_PYENV) run on a temporary PYENV_ROOT of stand-in versions (never the host's versions),
// and against bash's `type -a` for what wins on PATH.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanContext } from '../../../src/context/scan-context.js';
import { scan } from '../../../src/discover/index.js';
import { pyenvLatest, resolvePyenvNames } from '../../../src/discover/pyenv-resolve.js';
import { inventoryText } from '../../../src/report/text.js';
import { createSandbox, type Sandbox } from '../../helpers/sandbox/index.js';

const run = promisify(execFile);
const PYENV = process.env.PYENVTUI_TEST_PYENV ?? '/root/.pyenv/libexec/pyenv';
const hasPyenv = existsSync(PYENV);

const STANDINS = ['3.12.1', '3.12.9', '3.12.10', '3.12.11rc1', '3.13.1t', '3.13.0', '3.11.7', 'pypy3.10-7.3.9', 'pypy3.10-7.3.17', '3.14-dev', 'miniconda3-latest', 'miniconda3-24.1.2'];

let tmp: string;
let root: string;

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'pyenvtui-pyenv-'));
  root = path.join(tmp, 'pyenv');
  for (const v of STANDINS) {
    mkdirSync(path.join(root, 'versions', v, 'bin'), { recursive: true });
    writeFileSync(path.join(root, 'versions', v, 'bin', 'python3'), '#!/bin/sh\nexit 97\n', { mode: 0o755 });
  }
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function realVersionName(selected: string): Promise<string | null> {
  try {
    const r = await run(PYENV, ['version-name'], { env: { PATH: '/usr/bin:/bin', PYENV_ROOT: root, PYENV_VERSION: selected, HOME: tmp } });
    return r.stdout.trim();
  } catch {
    return null; // pyenv: version `x' is not installed
  }
}

describe.skipIf(!hasPyenv)('pyenv version-name, prefix matching (real pyenv as the oracle)', () => {
  const asked = ['3.12', '3.12.1', '3', '3.13', '3.13t', 'python-3.12', 'pypy3.10', '3.11', '3.9', 'system', 'miniconda3', '3.14'];
  for (const sel of asked) {
    it(`"${sel}" resolves as pyenv resolves it`, async () => {
      const ours = resolvePyenvNames([sel], STANDINS, STANDINS)[0]!.version;
      expect(ours).toBe(await realVersionName(sel));
    });
  }

  it('pyenvLatest never picks pre-releases, -dev or free-threaded builds for a plain prefix', () => {
    expect(pyenvLatest('3.12', STANDINS)).toBe('3.12.10');
    expect(pyenvLatest('3.13', STANDINS)).toBe('3.13.0');
    expect(pyenvLatest('3.13t', STANDINS)).toBe('3.13.1t');
  });
});

describe.skipIf(!hasPyenv)('a scan with pyenv shims on PATH and `.python-version` = 3.12', () => {
  let sb: Sandbox;
  let env: Record<string, string>;
  let pyenvRoot: string;
  let project: string;

  beforeAll(async () => {
    sb = await createSandbox();
    await sb.distroRoot();
    await sb.pyenv({ versions: ['3.11.7', '3.12.1', '3.12.10'], global: '3.11.7', shims: ['python', 'python3'] });
    pyenvRoot = sb.path('~/.pyenv');
    project = sb.path('~/work/app');
    await sb.writeFile('~/work/app/.python-version', '3.12\n');
    env = { HOME: sb.home, PWD: project, PYENV_ROOT: pyenvRoot, PATH: `${pyenvRoot}/shims:${sb.path('/usr/bin')}` };
  }, 60_000);
  afterAll(() => sb?.cleanup());

  it('marks the latest installed 3.12.x active, as `pyenv version-name` says', async () => {
    const real = await run(PYENV, ['version-name'], { env: { PATH: '/usr/bin:/bin', PYENV_ROOT: pyenvRoot, PYENV_DIR: project, HOME: sb.home } });
    expect(real.stdout.trim()).toBe('3.12.10');
    const inv = await scan(new ScanContext({ root: sb.root, env, platform: 'linux' }));
    const active = inv.environments.filter((e) => e.kind === 'pyenv' && e.meta?.active).map((e) => e.name);
    expect(active).toEqual([real.stdout.trim()]);
    const e = inv.environments.find((x) => x.name === '3.12.10')!;
    expect(e.meta).toMatchObject({ activeSource: '/home/tester/work/app/.python-version', selectedAs: '3.12' });
  });

  it('says what `python3` really runs: shim → version file → interpreter (pyenv which, type -a)', async () => {
    const inv = await scan(new ScanContext({ root: sb.root, env, platform: 'linux' }));
    const py3 = inv.path.python3!;
    // type -a lists every python3 on PATH in order: the shim wins, Debian's is shadowed.
    const typeA = await run('/bin/bash', ['-c', 'type -ap python3'], { env: { PATH: env.PATH! } });
    expect([py3.path, ...py3.shadows].map((p) => sb.path(p))).toEqual(typeA.stdout.trim().split('\n'));
    // pyenv which python3 names the interpreter the shim execs.
    const which = await run(PYENV, ['which', 'python3'], { env: { PATH: '/usr/bin:/bin', PYENV_ROOT: pyenvRoot, PYENV_DIR: project, HOME: sb.home } });
    // A version file is read as pyenv reads it: the first word of each line, comments skipped.
    expect(py3.pyenv).toEqual({ version: '3.12.10', source: '/home/tester/work/app/.python-version', runs: '/home/tester/.pyenv/versions/3.12.10/bin/python3' });
    expect(sb.path(py3.pyenv!.runs!)).toBe(which.stdout.trim());
    expect(inventoryText(inv)).toContain(
      'python3: /home/tester/.pyenv/shims/python3 -> pyenv 3.12.10 (/home/tester/work/app/.python-version) -> /home/tester/.pyenv/versions/3.12.10/bin/python3',
    );
  });

  it('a version file naming a missing version: pyenv silently runs the system python3, and we say so', async () => {
    await sb.writeFile('~/work/app/.python-version', '3.9\n');
    try {
      const inv = await scan(new ScanContext({ root: sb.root, env, platform: 'linux' }));
      expect(inv.path.python3!.pyenv).toEqual({
        version: 'system',
        source: '/home/tester/work/app/.python-version',
        runs: '/usr/bin/python3',
        problem: "version '3.9' is not installed (set by /home/tester/work/app/.python-version): pyenv falls back to the system python3",
      });
      const which = await run(PYENV, ['which', 'python3'], { env: { PATH: `${env.PATH!}:/usr/bin:/bin`, PYENV_ROOT: pyenvRoot, PYENV_DIR: project, HOME: sb.home } });
      expect(which.stdout.trim()).toBe(sb.path('/usr/bin/python3'));
    } finally {
      await sb.writeFile('~/work/app/.python-version', '3.12\n');
    }
  });
});
