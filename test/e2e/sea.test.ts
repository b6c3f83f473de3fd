// The single executable (npm run build:sea → dist/sea/pyenvtui-linux-<arch>), built here from this
// machine's node, run with NO node on PATH: --version, scan --json (the same inventory the bundle
// gives) and the dashboard under tmux.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { runCmd } from '../helpers/node18.js';
import { BIN, DEBIAN_PYTHON, standardMachine, type StandardMachine } from '../helpers/sandbox/index.js';
import { TmuxSession } from '../helpers/tmux.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const VERSION = (JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string }).version;
const ARCH = ({ x64: 'x64', arm64: 'arm64', arm: 'armv7l' } as Record<string, string>)[os.arch()] ?? os.arch();
const EXE = path.join(REPO, 'dist', 'sea', `pyenvtui-linux-${ARCH}`);

let machine: StandardMachine;
let env: Record<string, string>;
let t: TmuxSession | undefined;
let bin: string;
let cache: string;
beforeAll(() => {
  execFileSync(process.execPath, [path.join(REPO, 'scripts', 'build-sea.mjs')], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  machine = standardMachine(process.env.PYENVTUI_STANDARD_MACHINE ?? inject('standardMachine'));
  // PATH holds a python3 and nothing else: no node anywhere.
  bin = mkdtempSync(path.join(os.tmpdir(), 'pyenvtui-sea-path-'));
  symlinkSync(DEBIAN_PYTHON, path.join(bin, 'python3'));
  // The executable unpacks its chunks into the pyenvtui cache dir: a private one, never the shared machine's HOME.
  cache = path.join(bin, 'cache');
  env = { ...machine.sandbox.env, PATH: bin, PYENVTUI_NO_CACHE: '1', PYENVTUI_CACHE_DIR: cache };
}, 240_000);
afterEach(() => t?.kill());
afterAll(() => bin && rmSync(bin, { recursive: true, force: true }));

describe('the single executable, with no node on PATH', () => {
  it('was written to dist/sea/pyenvtui-linux-<arch> and PATH really has no node', () => {
    expect(existsSync(EXE)).toBe(true);
    expect(runCmd('/bin/sh', ['-c', 'command -v node || echo none'], env).stdout).toBe('none\n');
  });

  it('--version', () => {
    expect(runCmd(EXE, ['--version'], env)).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  it('unpacks its program once into the cache dir, or into a private temp dir removed at exit', () => {
    expect(runCmd(EXE, ['--version'], env).code).toBe(0);
    const unpacked = readdirSync(cache);
    expect(unpacked).toEqual([expect.stringMatching(/^sea-[0-9a-f]{16}$/)]);
    expect(readdirSync(path.join(cache, unpacked[0]!))).toEqual(expect.arrayContaining(['.complete', 'pyenvtui.js', 'chunks']));
    // A cache dir that cannot be created (a file is in the way): it still runs, and leaves nothing behind.
    const tmp = path.join(bin, 'tmp');
    mkdirSync(tmp);
    const blocked = { ...env, PYENVTUI_CACHE_DIR: path.join(bin, 'python3', 'cache'), TMPDIR: tmp };
    expect(runCmd(EXE, ['--version'], blocked)).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('scan --json gives the inventory the bundle gives', () => {
    const args = ['scan', '--json', '--root', machine.sandbox.root];
    const sea = runCmd(EXE, args, env);
    expect(sea.stderr).toBe('');
    expect(sea.code).toBe(0);
    const stable = (s: string): Record<string, unknown> => ({ ...(JSON.parse(s) as Record<string, unknown>), generatedAt: null });
    const inv = stable(sea.stdout);
    expect((inv.environments as unknown[]).length).toBeGreaterThan(5);
    expect(inv).toEqual(stable(runCmd(process.execPath, [BIN, ...args], env).stdout));
  });

  it('the dashboard: first screen, a view switch, quit', async () => {
    t = new TmuxSession({ command: [EXE], args: ['--root', machine.sandbox.root], env: { ...env, NO_COLOR: '1' } });
    const first = await t.waitForText(/found \d+ environments, \d+ findings/, 30_000);
    expect(first).toMatch(/pyenvtui \d+\.\d+\.\d+/);
    // The views are named on screen as tabs; the standard machine has more than five environments.
    expect(first).toContain('1 Environments');
    expect(first).toMatch(/found ([6-9]|\d\d+) environments/);
    t.send('2');
    await t.waitForText('▸ Findings');
    t.send('q');
    expect(await t.waitForExit()).toEqual({ status: 0, signal: null, altScreen: false, cursorVisible: true });
  });
});
