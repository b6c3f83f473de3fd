// Real pipx (Debian's /usr/bin/pipx 1.1.0) installing real wheels offline into a sandbox HOME.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanContext } from '../../../src/context/scan-context.js';
import { pipxLocator, type PipxAppLink } from '../../../src/discover/pipx.js';
import { scan as fullScan } from '../../../src/discover/index.js';
import type { Environment } from '../../../src/model.js';

const run = promisify(execFile);
const PY = '/usr/bin/python3';
const PIPX = '/usr/bin/pipx';
const MAKE_WHEEL = path.resolve(__dirname, '../../helpers/py/make_wheel.py');

let tmp: string;
let home: string;
let custom: string;
let baseEnv: Record<string, string>;

async function pipx(args: string[], extra: Record<string, string> = {}): Promise<void> {
  await run(PIPX, args, { env: { ...baseEnv, ...extra } });
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'pyenvtui-pipx-'));
  home = path.join(tmp, 'home');
  custom = path.join(tmp, 'custom-pipx');
  const wheels = path.join(tmp, 'wheels');
  mkdirSync(home);
  mkdirSync(wheels);
  const spec = [
    { name: 'px-demo', version: '1.0.0', console_scripts: { 'px-demo': 'px_demo:main', 'px-demo2': 'px_demo:main' },
      files: { 'px_demo/__init__.py': 'def main():\n    print("hi")\n' } },
    { name: 'px-inject', version: '0.5.0', files: { 'px_inject/__init__.py': '' } },
  ];
  writeFileSync(path.join(tmp, 'spec.json'), JSON.stringify(spec));
  await run(PY, [MAKE_WHEEL, '--out', wheels, '--spec', path.join(tmp, 'spec.json')]);
  baseEnv = { PATH: '/usr/bin:/bin', HOME: home, PIP_NO_INDEX: '1', PIP_FIND_LINKS: wheels, PIP_DISABLE_PIP_VERSION_CHECK: '1' };
  // Default home of pipx 1.1.0 (~/.local/pipx), one injected package; a second home via PIPX_HOME with a suffix.
  await pipx(['install', 'px-demo']);
  await pipx(['inject', 'px-demo', 'px-inject']);
  await pipx(['install', '--suffix', '_b', 'px-demo'], { PIPX_HOME: custom, PIPX_BIN_DIR: path.join(tmp, 'custom-bin') });
  // Damage: one app link removed, a venv without metadata, a venv with corrupt metadata.
  unlinkSync(path.join(home, '.local/bin/px-demo2'));
  const venvs = path.join(home, '.local/pipx/venvs');
  await run(PY, ['-m', 'venv', '--without-pip', path.join(venvs, 'no-metadata')]);
  await run(PY, ['-m', 'venv', '--without-pip', path.join(venvs, 'corrupt')]);
  writeFileSync(path.join(venvs, 'corrupt/pipx_metadata.json'), '{"main_package": {"package": "x"');
  // A name that would read as an option on a pipx command line.
  await run(PY, ['-m', 'venv', '--without-pip', path.join(venvs, '--force')]);
}, 240_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function scan(env: Record<string, string>): Promise<{ envs: Environment[]; ctx: ScanContext; problems: unknown[] }> {
  const ctx = new ScanContext({ root: '/', env, home, platform: 'linux' });
  return pipxLocator.locate(ctx).then((r) => ({
    envs: r.environments.filter((e) => e.prefix.startsWith(tmp)),
    ctx,
    problems: r.problems,
  }));
}

describe('pipx locator on a real pipx 1.1.0 install', () => {
  it('finds the tool in ~/.local/pipx with its metadata, packages and apps, without spawning', async () => {
    const { envs, ctx } = await scan({ HOME: home, PATH: '/usr/bin:/bin' });
    const tool = envs.find((e) => e.name === 'px-demo')!;
    expect(tool).toBeDefined();
    expect(tool.kind).toBe('pipx');
    expect(tool.prefix).toBe(path.join(home, '.local/pipx/venvs/px-demo'));
    expect(tool.python.version).toBe('3.11.2');
    expect(tool.health).toEqual({ ok: true, problems: [] });
    expect(tool.externallyManaged).toBe(false);
    const meta = tool.meta!;
    expect(meta.mainPackage).toBe('px-demo');
    expect(meta.version).toBe('1.0.0');
    expect(meta.metadataVersion).toBe('0.2');
    // The managing pipx is the one on PATH (Debian's), with the version `pipx --version` prints.
    expect(tool.manager).toEqual({ tool: 'pipx', version: (await run(PIPX, ['--version'])).stdout.trim(), executable: PIPX });
    expect(meta.apps).toEqual(['px-demo', 'px-demo2']);
    expect(meta.binDir).toBe(path.join(home, '.local/bin'));
    expect(meta.activeHome).toBe(true);
    expect(meta.sharedLibs).toBe(path.join(home, '.local/pipx/shared'));
    expect(meta.injected).toEqual([expect.objectContaining({ key: 'px-inject', package: 'px-inject', version: '0.5.0' })]);
    const links = meta.appLinks as PipxAppLink[];
    expect(links.find((l) => l.name === 'px-demo')).toMatchObject({ exists: true, pointsIntoVenv: true });
    expect(links.find((l) => l.name === 'px-demo2')).toMatchObject({ exists: false, pointsIntoVenv: false });
    const pkgs = Object.fromEntries(tool.packages.map((p) => [p.name, p]));
    expect(pkgs['px-demo']).toMatchObject({ version: '1.0.0', installer: 'pip', requested: true, scope: 'env' });
    expect(pkgs['px-demo']!.scripts.sort()).toEqual(['px-demo', 'px-demo2']);
    expect(pkgs['px-inject']).toMatchObject({ version: '0.5.0' });
    expect(ctx.spawns).toBe(0);
  });

  it('lists venvs with missing or corrupt metadata, with a health problem', async () => {
    const { envs } = await scan({ HOME: home });
    const none = envs.find((e) => e.name === 'no-metadata')!;
    const bad = envs.find((e) => e.name === 'corrupt')!;
    expect(none.health.ok).toBe(false);
    expect(none.health.problems.join()).toMatch(/pipx_metadata.json is missing/);
    expect(bad.health.ok).toBe(false);
    expect(bad.health.problems.join()).toMatch(/pipx_metadata.json is corrupt: invalid JSON/);
    expect(bad.python.version).toBe('3.11.2');
    const opt = envs.find((e) => e.name === '--force')!;
    expect(opt.meta!.safeName).toBe(false);
    expect(opt.health.problems.join()).toMatch(/cannot be passed to pipx safely/);
    expect(envs.find((e) => e.name === 'px-demo')!.meta!.safeName).toBe(true);
  });

  it('reads $PIPX_HOME and $PIPX_BIN_DIR, and the suffix pipx recorded', async () => {
    const { envs } = await scan({ HOME: home, PIPX_HOME: custom, PIPX_BIN_DIR: path.join(tmp, 'custom-bin') });
    // pipx canonicalises the venv dir name (px-demo + _b → px-demo-b); the apps keep the raw suffix.
    const b = envs.find((e) => e.name === 'px-demo-b')!;
    expect(b).toBeDefined();
    expect(b.meta).toMatchObject({ suffix: '_b', mainPackage: 'px-demo', activeHome: true, binDir: path.join(tmp, 'custom-bin') });
    expect((b.meta!.appLinks as PipxAppLink[]).map((l) => [l.name, l.pointsIntoVenv])).toEqual([
      ['px-demo_b', true],
      ['px-demo2_b', true],
    ]);
    // The legacy default home is still read (pipx left it behind) but is not the active one.
    const legacy = envs.find((e) => e.name === 'px-demo')!;
    expect(legacy.meta!.activeHome).toBe(false);
  });

  it('finds the same tools through --root when the sandbox is mounted elsewhere', async () => {
    // Scanning the sandbox as a root: HOME is a machine path inside it. The venvs' base interpreter
    // (/usr/bin/python3.11) is outside that root, so they are listed with a broken-base problem.
    const ctx = new ScanContext({ root: tmp, env: { HOME: path.join(tmp, 'home') }, platform: 'linux' });
    expect(ctx.home).toBe('/home');
    const r = await pipxLocator.locate(ctx);
    const tool = r.environments.find((e) => e.name === 'px-demo')!;
    expect(tool.prefix).toBe('/home/.local/pipx/venvs/px-demo');
    expect(tool.meta!.mainPackage).toBe('px-demo');
    expect(tool.packages.map((p) => p.name).sort()).toEqual(['px-demo', 'px-inject']);
  });

  it('reports an unreadable or looping venvs directory as a problem and carries on', async () => {
    const notDir = path.join(tmp, 'home-file');
    mkdirSync(notDir);
    writeFileSync(path.join(notDir, 'venvs'), 'not a directory');
    const loop = path.join(tmp, 'home-loop');
    mkdirSync(loop);
    symlinkSync(path.join(loop, 'venvs'), path.join(loop, 'venvs'));
    for (const PIPX_HOME of [notDir, loop]) {
      const ctx = new ScanContext({ root: '/', env: { HOME: home, PIPX_HOME }, home, platform: 'linux' });
      const r = await pipxLocator.locate(ctx);
      expect(r.problems).toEqual([expect.objectContaining({ locator: 'pipx', path: `${PIPX_HOME}/venvs` })]);
      expect(r.problems[0]!.message).toMatch(/not a directory|symlink loop/);
      // The other homes are still read.
      expect(r.environments.some((e) => e.name === 'px-demo')).toBe(true);
    }
  });

  it('skips a non-UTF-8 venv name with a problem and keeps the rest', async () => {
    const venvs = path.join(home, '.local/pipx/venvs');
    const bad = Buffer.concat([Buffer.from(`${venvs}/`), Buffer.from([0x62, 0xff, 0x61, 0x64])]);
    mkdirSync(bad);
    try {
      const { envs, problems } = await scan({ HOME: home });
      expect(problems).toEqual([expect.objectContaining({ locator: 'pipx', message: expect.stringMatching(/non-UTF-8 venv name/) })]);
      expect(envs.some((e) => e.name === 'px-demo')).toBe(true);
    } finally {
      rmSync(bad, { recursive: true });
    }
  });

  it('in a full scan, the pipx venv is listed once, as pipx, though the HOME walk also sees a venv there', async () => {
    const ctx = new ScanContext({ root: '/', env: { HOME: home, PATH: '/usr/bin:/bin' }, home, platform: 'linux' });
    const inv = await fullScan(ctx);
    const hits = inv.environments.filter((e) => e.prefix === path.join(home, '.local/pipx/venvs/px-demo'));
    expect(hits.map((e) => e.kind)).toEqual(['pipx']);
    // pipx's own shared pip venv (real pipx made it) is part of pipx, not a user venv named "shared".
    expect(existsSync(path.join(home, '.local/pipx/shared/pyvenv.cfg'))).toBe(true);
    expect(inv.environments.filter((e) => e.prefix.startsWith(path.join(home, '.local/pipx/shared')) || e.name === 'shared')).toEqual([]);
    expect(ctx.spawns).toBe(0);
  });

  it("agrees with pip's own `pip list --path` for every pipx site (oracle)", async () => {
    const { envs } = await scan({ HOME: home });
    let checked = 0;
    for (const e of envs) {
      for (const site of e.sites) {
        const { stdout } = await run(PY, ['-m', 'pip', 'list', '--path', site.path, '--format', 'json'], {
          env: { PATH: '/usr/bin:/bin', PIP_DISABLE_PIP_VERSION_CHECK: '1' },
        });
        const theirs = (JSON.parse(stdout) as Array<{ name: string; version: string }>).map((d) => `${normalize(d.name)}==${d.version}`).sort();
        const ours = e.packages.filter((d) => d.site === site.path).map((d) => `${d.name}==${d.version}`).sort();
        expect(ours).toEqual(theirs);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(3);
  });
});

function normalize(n: string): string {
  return n.replace(/[-_.]+/g, '-').toLowerCase();
}
