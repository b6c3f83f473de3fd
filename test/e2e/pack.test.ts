// What a user installs: `npm pack` of a copy of this checkout (prepack builds a clean dist/), then
// `npm i -g` of that tarball into an empty prefix with the registry pointing nowhere (--offline and
// 127.0.0.1:9): it must install because it depends on nothing, and the installed bin must run —
// --version, scan --json, and the dashboard under tmux — from the prefix alone.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { node18, runCmd } from '../helpers/node18.js';
import { standardMachine, type StandardMachine } from '../helpers/sandbox/index.js';
import { TmuxSession } from '../helpers/tmux.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string; dependencies?: object };

let tmp: string;
let prefix: string;
let installed: string;
let tarball: string;
let machine: StandardMachine;
let t: TmuxSession | undefined;
/** npm without the network or the operator's cache and config. */
const npmEnv = (): Record<string, string> => ({
  ...(process.env as Record<string, string>),
  npm_config_cache: path.join(tmp, 'npm-cache'),
  npm_config_userconfig: path.join(tmp, 'npmrc'),
  npm_config_registry: 'http://127.0.0.1:9/',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
});

beforeAll(() => {
  machine = standardMachine(process.env.PYENVTUI_STANDARD_MACHINE ?? inject('standardMachine'));
  tmp = mkdtempSync(path.join(os.tmpdir(), 'pyenvtui-pack-'));
  // A copy of the checkout, so prepack's clean build never removes the dist/ other tests use.
  const work = path.join(tmp, 'work');
  for (const f of ['package.json', 'bin', 'scripts', 'src', 'components', 'tsconfig.json', 'README.md']) cpSync(path.join(REPO, f), path.join(work, f), { recursive: true });
  symlinkSync(path.join(REPO, 'node_modules'), path.join(work, 'node_modules'));
  const packed = runCmd('npm', ['pack', '--pack-destination', tmp], npmEnv(), work);
  expect(packed.code, packed.stderr).toBe(0);
  tarball = path.join(tmp, packed.stdout.trim().split('\n').pop()!);
  prefix = path.join(tmp, 'prefix');
  const inst = runCmd('npm', ['install', '--global', '--prefix', prefix, '--offline', tarball], npmEnv(), tmp);
  expect(inst.code, inst.stderr).toBe(0);
  expect(inst.stderr).not.toMatch(/install-scripts|ERR/);
  installed = path.join(prefix, 'bin', 'pyenvtui');
}, 240_000);
afterEach(() => t?.kill());
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('npm pack, then npm i -g of the tarball offline on a clean prefix', () => {
  it('the package depends on nothing and the tarball holds bin/ and dist/', () => {
    expect(pkg.dependencies ?? {}).toEqual({});
    const files = runCmd('tar', ['tzf', tarball], npmEnv()).stdout.split('\n');
    expect(files).toContain('package/bin/pyenvtui.js');
    expect(files).toContain('package/dist/pyenvtui.js');
    expect(files.some((f) => /^package\/dist\/chunks\/launch-\w+\.js$/.test(f))).toBe(true);
    expect(files.filter((f) => f.startsWith('package/src/') || f.startsWith('package/node_modules/'))).toEqual([]);
  });

  it('installs nothing but itself', () => {
    const dir = path.join(prefix, 'lib', 'node_modules');
    expect(readdirSync(dir)).toEqual(['pyenvtui']);
    const own = path.join(dir, 'pyenvtui', 'node_modules');
    expect(existsSync(own) ? readdirSync(own) : []).toEqual([]);
  });

  it('runs from the prefix: --version and scan --json', () => {
    const env = { ...machine.sandbox.env, PYENVTUI_NO_CACHE: '1' };
    expect(runCmd(installed, ['--version'], env)).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
    const scan = runCmd(installed, ['scan', '--json', '--root', machine.sandbox.root], env);
    expect(scan.stderr).toBe('');
    expect(scan.code).toBe(0);
    expect((JSON.parse(scan.stdout) as { environments: unknown[] }).environments.length).toBeGreaterThan(5);
  });

  it("the installed bin also runs on Debian's Node 18", () => {
    const bin = path.join(prefix, 'lib', 'node_modules', 'pyenvtui', 'bin', 'pyenvtui.js');
    expect(runCmd(node18(), [bin, '--version'], machine.sandbox.env)).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('npm exec of the tarball (what npx does) runs it', () => {
    const r = runCmd('npm', ['exec', '--yes', '--offline', '--package', tarball, '--', 'pyenvtui', '--version'], npmEnv(), tmp);
    expect(r.stdout).toBe(`${pkg.version}\n`);
  });

  it('the dashboard opens and quits under tmux', async () => {
    t = new TmuxSession({ command: [installed], args: ['--root', machine.sandbox.root], env: { ...machine.sandbox.env, PYENVTUI_NO_CACHE: '1', NO_COLOR: '1' } });
    const screen = await t.waitForText(/found \d+ environments, \d+ findings/, 30_000);
    expect(screen).toMatch(/pyenvtui \d+\.\d+\.\d+/);
    t.send('q');
    expect(await t.waitForExit()).toEqual({ status: 0, signal: null, altScreen: false, cursorVisible: true });
  });
});
