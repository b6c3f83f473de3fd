// The dashboard's PATH view follows pyenv shims to what they run (#11 item 5), compared with the real
// pyenv: the machine's pyenv scripts (/root/.pyenv's bin/, libexec/, pyenv.d/ — never its versions) are
// copied into a sandbox PYENV_ROOT with one version whose python3 is the system interpreter, real
// `pyenv rehash` makes the shims, and real `pyenv which` and bash's `type -ap` are the expectations.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPathRows, pathDetailRows } from '../../components/state/path-rows.js';
import { ScanContext } from '../../src/context/scan-context.js';
import { scan } from '../../src/discover/index.js';
import { tmp } from './discover/fixtures.js';

const REAL = '/root/.pyenv';
const have = existsSync(`${REAL}/libexec/pyenv`);
let home: string;
let root: string;
let env: Record<string, string>;

/** Run a real tool in the sandbox's HOME with the sandbox's PATH (shims first). */
function real(file: string, args: string[]): string {
  return execFileSync(file, args, { cwd: home, env, encoding: 'utf8' }).trim();
}
async function view(label: string) {
  const inv = await scan(new ScanContext({ root: '/', env: { ...env, PWD: home }, home, platform: 'linux' }));
  const row = buildPathRows(inv, '', { key: 'order', reverse: false }).find((r) => r.key === `path:${label}`)!;
  return { row, detail: pathDetailRows(inv, label).map((r) => r.cells.map((c) => c.text).join(' ')), cmd: inv.path[label as 'python3'] };
}

describe.skipIf(!have)('PATH view through pyenv shims (real pyenv)', () => {
  beforeAll(() => {
    home = tmp('pyenvtui-shims-');
    root = `${home}/.pyenv`;
    for (const d of ['bin', 'libexec', 'pyenv.d']) cpSync(`${REAL}/${d}`, `${root}/${d}`, { recursive: true, verbatimSymlinks: true });
    mkdirSync(`${root}/versions/3.12.1/bin`, { recursive: true });
    symlinkSync('/usr/bin/python3', `${root}/versions/3.12.1/bin/python3`);
    env = { HOME: home, PYENV_ROOT: root, PATH: `${root}/shims:/usr/bin:/bin` };
    real(`${root}/bin/pyenv`, ['rehash']);
    expect(existsSync(`${root}/shims/python3`)).toBe(true);
  });
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('`3.12` in .python-version: the row shows what `pyenv which python3` runs; shadows are `type -ap` after it', async () => {
    writeFileSync(`${home}/.python-version`, '3.12\n');
    const which = real(`${root}/bin/pyenv`, ['which', 'python3']);
    expect(which).toBe(`${root}/versions/3.12.1/bin/python3`);
    const { row, detail, cmd } = await view('python3');
    expect(row.cells[1]!.text).toBe(`${which}  (pyenv 3.12.1 shim)`);
    expect(detail).toContain(`pyenv shim: version 3.12.1 (set by ${home}/.python-version)`);
    expect(detail).toContain(`runs ${which}`);
    // bash's answer, with merged-/usr duplicates (the same file twice) counted once, as pyenvtui does.
    const all = real('bash', ['-c', 'type -ap python3']).split('\n');
    expect(all[0]).toBe(`${root}/shims/python3`);
    const seen = new Set<string>();
    const distinct = all.filter((p) => {
      const r = realpathSync(path.dirname(p));
      return seen.has(r) ? false : (seen.add(r), true);
    });
    expect(cmd!.shadows).toEqual(distinct.slice(1));
  });

  it('a version that is not installed: pyenv falls back to the system python3, and the row says so', async () => {
    writeFileSync(`${home}/.python-version`, '3.9\n');
    const which = real(`${root}/bin/pyenv`, ['which', 'python3']);
    expect(which).toBe('/usr/bin/python3');
    const { row, detail } = await view('python3');
    expect(row.cells[1]!.text).toBe(`${which}  (pyenv system shim)`);
    expect(row.cells[1]!.tone).toBe('medium');
    expect(detail).toContain(`runs ${which}`);
    expect(detail.join('\n')).toContain("version '3.9' is not installed");
  });
});
