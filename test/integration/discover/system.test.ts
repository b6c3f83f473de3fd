import { beforeAll, describe, expect, it } from 'vitest';
import { ScanContext } from '../../../src/context/scan-context.js';
import { scan } from '../../../src/discover/index.js';
import type { Environment, Inventory } from '../../../src/model.js';
import { buildDebianRoot, type DebianRoot } from './debian-root.js';
import { pipList, SYS_PY } from './fixtures.js';

describe('system locator on a Debian-like root (real pip --root and --user pollution)', () => {
  let m: DebianRoot;
  let inv: Inventory;
  let ctx: ScanContext;
  let sys: Environment;
  beforeAll(async () => {
    m = buildDebianRoot();
    ctx = new ScanContext({
      root: m.root,
      env: { HOME: m.home, PATH: `${m.home}/.local/bin:${m.root}/usr/local/bin:${m.root}/usr/bin:${m.root}/bin` },
    });
    inv = await scan(ctx);
    sys = inv.environments.find((e) => e.kind === 'system')!;
  }, 120_000);

  it('finds /usr/bin/python3.11 once (merged /usr), marked externally managed, with its dpkg version', () => {
    expect(inv.environments.filter((e) => e.kind === 'system').map((e) => e.id)).toEqual(['system:/usr/bin/python3.11']);
    expect(sys).toMatchObject({
      prefix: '/usr',
      externallyManaged: true,
      markerPath: '/usr/lib/python3.11/EXTERNALLY-MANAGED',
      python: { version: '3.11.2', executable: '/usr/bin/python3.11' },
    });
    expect(sys.meta?.markerPackage).toBe('libpython3.11-stdlib');
    expect(sys.health).toEqual({ ok: true, problems: [] });
  });

  it('lists sites in sys.path order with scopes user, local, distro', () => {
    expect(sys.sites).toEqual([
      { path: '/home/alice/.local/lib/python3.11/site-packages', scope: 'user', order: 0 },
      { path: '/usr/local/lib/python3.11/dist-packages', scope: 'local', order: 1 },
      { path: '/usr/lib/python3/dist-packages', scope: 'distro', order: 2 },
    ]);
  });

  it('shows a pip copy that shadows an apt copy as two entries, with installers and dpkg owners', () => {
    const six = sys.packages.filter((p) => p.name === 'six').map((p) => [p.scope, p.installer, p.dpkgPackage ?? null]);
    expect(six).toEqual(
      expect.arrayContaining([
        ['local', 'pip', null],
        ['distro', 'debian', 'python3-six'],
      ]),
    );
    expect(six).toHaveLength(2);
    const tool = sys.packages.find((p) => p.name === 'pyenvtui-demo-tool')!;
    expect(tool).toMatchObject({ scope: 'user', installer: 'pip', requested: true, site: '/home/alice/.local/lib/python3.11/site-packages' });
    expect(sys.packages.find((p) => p.name === 'attrs')).toMatchObject({ installer: 'debian', dpkgPackage: 'python3-attr', hasRecord: true });
  });

  it('oracle: every site equals pip list --path for that site', () => {
    for (const s of sys.sites) {
      const ours = sys.packages.filter((p) => p.site === s.path).map((p) => `${p.name}==${p.version}`).sort();
      expect(ours, s.path).toEqual(pipList(SYS_PY, ctx.hostPath(s.path), m.home));
    }
  });

  it('resolves PATH inside the root: user and local scripts, merged-/usr dirs counted once', () => {
    expect(inv.path.dirs).toEqual(['/home/alice/.local/bin', '/usr/local/bin', '/usr/bin']);
    expect(inv.path.python3).toMatchObject({ path: '/usr/bin/python3', target: '/usr/bin/python3.11', shadows: [] });
    expect(inv.path.commands.find((c) => c.name === 'demo-tool')).toMatchObject({ path: '/home/alice/.local/bin/demo-tool' });
    expect(inv.path.commands.find((c) => c.name === 'demo-cli')).toMatchObject({ path: '/usr/local/bin/demo-cli' });
  });

  it('spawns nothing', () => {
    expect(ctx.spawns).toBe(0);
    expect(inv.problems).toEqual([]);
  });
});
