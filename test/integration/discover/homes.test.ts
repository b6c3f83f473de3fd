// Homes under --root: an image (SD card, sandbox) scanned from outside finds every user's home, each
// home's venvs and each home's user site (scope 'user' on the system interpreter). Real venvs, real pip.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanContext } from '../../../src/context/scan-context.js';
import { scan } from '../../../src/discover/index.js';
import { runScan } from '../../../src/commands/scan.js';
import type { Environment, Inventory } from '../../../src/model.js';
import { buildDebianRoot } from './debian-root.js';
import { makeVenv, pipEnv, pipInstall, pipList, SYS_PY, tmp } from './fixtures.js';

let root: string;
const cleanup: string[] = [];
afterAll(() => cleanup.forEach((d) => rmSync(d, { recursive: true, force: true })));

// The operator's own HOME, outside the image (as when an SD card is mounted on a laptop).
const OPERATOR_HOME = path.join(os.tmpdir(), 'pyenvtui-operator-home-not-in-root');

beforeAll(() => {
  ({ root } = buildDebianRoot()); // /home/alice with `pip install --user pyenvtui-demo-tool`
  cleanup.push(root);
  const bob = `${root}/home/bob`;
  mkdirSync(bob, { recursive: true });
  // bob's own `pip install --user` (his ~/.local), and a project venv with a package.
  execFileSync(SYS_PY, ['-m', 'pip', 'install', '-q', '--user', '--break-system-packages', '--no-warn-script-location', 'pyenvtui-demo-lib==0.2.0'], {
    env: { ...pipEnv(bob), PYTHONNOUSERSITE: '' },
  });
  makeVenv(`${bob}/proj/.venv`);
  pipInstall(`${bob}/proj/.venv`, bob, ['pyenvtui-demo-lib==0.3.1']);
  makeVenv(`${root}/home/alice/work/.venv`);
  makeVenv(`${root}/root/.venvs/admin`);
  mkdirSync(`${root}/home/linuxbrew/.linuxbrew`, { recursive: true }); // Homebrew's prefix, not a user
}, 240_000);

const byPrefix = (inv: Inventory, p: string): Environment | undefined => inv.environments.find((e) => e.prefix === p);

describe('scan --root of an image with several homes', () => {
  let inv: Inventory;
  let ctx: ScanContext;
  beforeAll(async () => {
    ctx = new ScanContext({ root, env: { HOME: OPERATOR_HOME, PATH: `${root}/usr/bin:/usr/bin` } });
    inv = await scan(ctx);
  }, 60_000);

  it('scans /home/* and /root, not Homebrew\'s /home/linuxbrew', () => {
    expect(ctx.homes).toEqual(['/home/alice', '/home/bob', '/root']);
    expect(inv.homes).toEqual(['/home/alice', '/home/bob', '/root']);
    expect(inv.home).toBe('/home/alice');
  });

  it('finds the venvs of every home, once each', () => {
    const venvs = inv.environments.filter((e) => e.kind === 'venv').map((e) => e.prefix).sort();
    expect(venvs).toEqual(['/home/alice/work/.venv', '/home/bob/proj/.venv', '/root/.venvs/admin']);
    expect(byPrefix(inv, '/home/bob/proj/.venv')!.packages.map((p) => `${p.name}==${p.version}`)).toEqual(['pyenvtui-demo-lib==0.3.1']);
    expect(byPrefix(inv, '/home/bob/proj/.venv')!.health).toEqual({ ok: true, problems: [] });
  });

  it('gives the system interpreter one user site per home, all scope user and first on sys.path', () => {
    const sys = inv.environments.filter((e) => e.kind === 'system');
    expect(sys.map((e) => e.id)).toEqual(['system:/usr/bin/python3.11']);
    expect(sys[0]!.sites).toEqual([
      { path: '/home/alice/.local/lib/python3.11/site-packages', scope: 'user', order: 0 },
      { path: '/home/bob/.local/lib/python3.11/site-packages', scope: 'user', order: 0 },
      { path: '/usr/local/lib/python3.11/dist-packages', scope: 'local', order: 1 },
      { path: '/usr/lib/python3/dist-packages', scope: 'distro', order: 2 },
    ]);
    const user = sys[0]!.packages.filter((p) => p.scope === 'user').map((p) => `${p.site.split('/')[2]}:${p.name}==${p.version}`).sort();
    expect(user).toEqual(['alice:pyenvtui-demo-tool==2.0.0', 'bob:pyenvtui-demo-lib==0.2.0']);
  });

  it('reads bob\'s user site exactly as his pip does (oracle)', () => {
    const site = `${root}/home/bob/.local/lib/python3.11/site-packages`;
    const sys = inv.environments.find((e) => e.kind === 'system')!;
    const ours = sys.packages.filter((p) => p.site === '/home/bob/.local/lib/python3.11/site-packages').map((p) => `${p.name}==${p.version}`).sort();
    expect(ours).toEqual(pipList(SYS_PY, site, `${root}/home/bob`));
  });

  it('spawns nothing', () => {
    expect(ctx.spawns).toBe(0);
  });

  it('with HOME inside the root, only that home is scanned (as before)', async () => {
    const only = await scan(new ScanContext({ root, env: { HOME: `${root}/home/bob`, PATH: `${root}/usr/bin` } }));
    expect(only.homes).toEqual(['/home/bob']);
    expect(only.environments.filter((e) => e.kind === 'venv').map((e) => e.prefix)).toEqual(['/home/bob/proj/.venv']);
    expect(only.environments.find((e) => e.kind === 'system')!.sites.filter((s) => s.scope === 'user').map((s) => s.path)).toEqual([
      '/home/bob/.local/lib/python3.11/site-packages',
    ]);
  });
});

describe('the benchmark machine through the CLI', () => {
  it('finds the venvs under /home/bench though HOME points outside the root', async () => {
    const cache = tmp('pyenvtui-bench-cache-');
    cleanup.push(cache);
    const { syntheticMachine } = await import('../../../bench/synthetic.mjs');
    const machine = syntheticMachine(3, cache);
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const code = await runScan(['--json', '--root', machine], { stdout: out, stderr: new PassThrough(), env: { HOME: OPERATOR_HOME, PATH: '/usr/bin:/bin' } });
    expect(code).toBe(0);
    const inv = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Inventory;
    expect(inv.homes).toEqual(['/home/bench']);
    const venvs = inv.environments.filter((e) => e.kind === 'venv');
    expect(venvs.map((e) => e.prefix)).toEqual(['/home/bench/projects/p0000/.venv', '/home/bench/projects/p0001/.venv', '/home/bench/projects/p0002/.venv']);
    for (const v of venvs) {
      expect(v.health).toEqual({ ok: true, problems: [] });
      expect(v.packages).toHaveLength(50);
      expect(v.python.version).toBe('3.11.2');
    }
  }, 120_000);
});
