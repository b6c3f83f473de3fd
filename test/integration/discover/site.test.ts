import { mkdirSync, symlinkSync, rmSync, renameSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ScanContext } from '../../../src/context/scan-context.js';
import { envFromPrefix, findSitePackages, readSite } from '../../../src/discover/site.js';
import { makeVenv, pipInstall, pipList, SYS_PY, tmp, write } from './fixtures.js';

describe('readSite / envFromPrefix on a real venv', () => {
  let home: string;
  let venv: string;
  beforeAll(() => {
    home = tmp();
    venv = makeVenv(path.join(home, 'proj/.venv'), { pip: true });
    pipInstall(venv, home, ['pyenvtui-demo-cli', 'six']);
  }, 120_000);

  it('reads every distribution with installer, requested, scripts and requirements', async () => {
    const ctx = new ScanContext({ env: { HOME: home, PATH: '/usr/bin' } });
    const sites = await findSitePackages(ctx, venv);
    expect(sites).toEqual([`${venv}/lib/python3.11/site-packages`]);
    const { packages, problems } = await readSite(ctx, { path: sites[0]!, scope: 'env', order: 1 });
    expect(problems).toEqual([]);
    const cli = packages.find((p) => p.name === 'pyenvtui-demo-cli')!;
    expect(cli).toMatchObject({ installer: 'pip', requested: true, scope: 'env', format: 'dist-info', hasRecord: true });
    expect(cli.scripts.length).toBeGreaterThan(0);
    expect(cli.requires.some((r) => r.startsWith('pyenvtui-demo-lib'))).toBe(true);
    const lib = packages.find((p) => p.name === 'pyenvtui-demo-lib')!;
    expect(lib.requested).toBe(false);
  });

  it('oracle: packages per site equal the interpreter\'s own pip list --path', async () => {
    const ctx = new ScanContext({ env: { HOME: home, PATH: '/usr/bin' } });
    const env = await envFromPrefix(ctx, 'venv', venv, '.venv');
    for (const s of env.sites) {
      const ours = env.packages.filter((p) => p.site === s.path).map((p) => `${p.name}==${p.version}`).sort();
      expect(ours).toEqual(pipList(`${venv}/bin/python`, s.path, home));
    }
    expect(ctx.spawns).toBe(0);
  });

  it('builds a healthy venv environment from files alone', async () => {
    const ctx = new ScanContext({ env: { HOME: home, PATH: '/usr/bin' } });
    const env = await envFromPrefix(ctx, 'venv', venv, '.venv');
    expect(env.health).toEqual({ ok: true, problems: [] });
    expect(env.python.version).toMatch(/^3\.11\.\d+$/);
    expect(env.python.executable).toBe(`${venv}/bin/python`);
    expect(env.externallyManaged).toBe(false);
    expect(env.systemSitePackages).toBe(false);
    expect(ctx.spawns).toBe(0);
  });
});

describe('envFromPrefix health', () => {
  it('reports a dangling bin/python and a missing base home', async () => {
    const root = tmp();
    const v = path.join(root, 'old');
    write(`${v}/pyvenv.cfg`, 'home = /opt/gone/bin\nversion = 3.9.1\ninclude-system-site-packages = true\n');
    mkdirSync(`${v}/lib/python3.9/site-packages`, { recursive: true });
    mkdirSync(`${v}/bin`);
    symlinkSync('/opt/gone/bin/python3.9', `${v}/bin/python`);
    const ctx = new ScanContext({ env: { HOME: root } });
    const env = await envFromPrefix(ctx, 'venv', v, 'old');
    expect(env.health.ok).toBe(false);
    expect(env.health.problems.join('\n')).toMatch(/bin\/python → \/opt\/gone\/bin\/python3\.9 is dangling/);
    expect(env.health.problems.join('\n')).toMatch(/\/opt\/gone\/bin \(pyvenv.cfg home\) is missing/);
    expect(env.python.version).toBe('3.9.1');
    expect(env.systemSitePackages).toBe(true);
  });

  it('reports a binary pyvenv.cfg and a symlink loop for bin/python', async () => {
    const root = tmp();
    const v = path.join(root, 'bad');
    write(`${v}/pyvenv.cfg`, Buffer.from([0x00, 0xff, 0xfe, 0x10, 0x80]));
    mkdirSync(`${v}/bin`, { recursive: true });
    symlinkSync('python3', `${v}/bin/python`);
    symlinkSync('python', `${v}/bin/python3`);
    const env = await envFromPrefix(new ScanContext({ env: { HOME: root } }), 'venv', v, 'bad');
    expect(env.health.problems.join('\n')).toMatch(/pyvenv.cfg is not a text file/);
    expect(env.health.problems.join('\n')).toMatch(/symlink loop/);
  });

  it('reads a venv version from the base headers when pyvenv.cfg has none', async () => {
    const root = tmp();
    write(`${root}/opt/py/include/python3.12/patchlevel.h`, '#define PY_VERSION      "3.12.4"\n');
    write(`${root}/opt/py/bin/python3.12`, '');
    const v = `${root}/v`;
    write(`${v}/pyvenv.cfg`, `home = ${root}/opt/py/bin\n`);
    mkdirSync(`${v}/lib/python3.12/site-packages`, { recursive: true });
    mkdirSync(`${v}/bin`);
    symlinkSync(`${root}/opt/py/bin/python3.12`, `${v}/bin/python`);
    const ctx = new ScanContext({ env: { HOME: root } });
    const env = await envFromPrefix(ctx, 'venv', v, 'v');
    expect(env.python.version).toBe('3.12.4');
    expect(env.health.ok).toBe(true);
    expect(ctx.spawns).toBe(0);
  });
});

describe('readSite bad input', () => {
  it('turns corrupt, missing, looping and non-UTF-8 metadata into problems', async () => {
    const root = tmp();
    const site = path.join(root, 'site-packages');
    write(`${site}/good-1.0.dist-info/METADATA`, 'Metadata-Version: 2.1\nName: Good\nVersion: 1.0\n\nbody\n');
    write(`${site}/corrupt-2.0.dist-info/METADATA`, Buffer.from([0x00, 0x01, 0xff, 0xfe]));
    mkdirSync(`${site}/nometa-3.0.dist-info`);
    symlinkSync('loop-1.dist-info', `${site}/loop-1.dist-info`);
    write(`${site}/fifo-1.0.dist-info/INSTALLER`, 'pip\n');
    execFileSync('mkfifo', [`${site}/fifo-1.0.dist-info/METADATA`]);
    write(`${site}/fileinfo-1.0.dist-info`, 'not a dir');
    mkdirSync(Buffer.concat([Buffer.from(`${site}/bad`), Buffer.from([0xff]), Buffer.from('-1.0.dist-info')]));
    const ctx = new ScanContext({ env: { HOME: root } });
    const { packages, problems } = await readSite(ctx, { path: site, scope: 'env', order: 1 });
    const good = packages.find((p) => p.name === 'good')!;
    expect(good.version).toBe('1.0');
    expect(good.problems).toBeUndefined();
    const text = problems.join('\n');
    expect(text).toMatch(/corrupt-2\.0\.dist-info: metadata contains NUL bytes/);
    expect(text).toMatch(/nometa-3\.0\.dist-info: METADATA is missing/);
    expect(text).toMatch(/loop-1\.dist-info: metadata is a dangling or looping symlink/);
    expect(text).toMatch(/fifo-1\.0\.dist-info: cannot read METADATA: not a regular file/);
    expect(text).toMatch(/fileinfo-1\.0\.dist-info: dist-info is a file/);
    expect(text).toMatch(/non-UTF-8 file name/);
    expect(packages.find((p) => p.name === 'nometa')?.version).toBe('3.0');
  });

  it('reports a site dir that is a file, and a dir that is a dangling link', async () => {
    const root = tmp();
    write(`${root}/sp-file`, 'x');
    symlinkSync(`${root}/nowhere`, `${root}/sp-link`);
    const ctx = new ScanContext({ env: { HOME: root } });
    expect((await readSite(ctx, { path: `${root}/sp-file`, scope: 'env', order: 1 })).problems[0]).toMatch(/not a directory/);
    expect((await readSite(ctx, { path: `${root}/sp-link`, scope: 'env', order: 1 })).problems[0]).toMatch(/does not exist/);
  });

  it('reads egg-info dirs and files with requires.txt, and a --root machine', async () => {
    const root = tmp();
    const site = '/usr/lib/python3/dist-packages';
    write(`${root}${site}/Babel-2.10.3.egg-info/PKG-INFO`, 'Metadata-Version: 1.2\nName: Babel\nVersion: 2.10.3\nSummary: i18n\n');
    write(`${root}${site}/Babel-2.10.3.egg-info/requires.txt`, 'pytz>=2015.7\n\n[dev]\npytest\n');
    write(`${root}${site}/old_thing-0.1.egg-info`, 'Metadata-Version: 1.0\nName: old_thing\nVersion: 0.1\n');
    write(`${root}/var/lib/dpkg/info/python3-babel.list`, `/.\n/usr\n${site}/Babel-2.10.3.egg-info\n${site}/Babel-2.10.3.egg-info/PKG-INFO\n`);
    const ctx = new ScanContext({ root, env: { HOME: `${root}/root` } });
    const { getDpkgIndex } = await import('../../../src/discover/site.js');
    const { packages, problems } = await readSite(ctx, { path: site, scope: 'distro', order: 2 }, { dpkg: await getDpkgIndex(ctx) });
    expect(problems).toEqual([]);
    const babel = packages.find((p) => p.name === 'babel')!;
    expect(babel).toMatchObject({ installer: 'debian', dpkgPackage: 'python3-babel', format: 'egg-info', scope: 'distro', summary: 'i18n' });
    expect(babel.requires).toEqual(['pytz>=2015.7', 'pytest; extra == "dev"']);
    expect(babel.metadataPath).toBe(`${site}/Babel-2.10.3.egg-info`);
    expect(packages.find((p) => p.name === 'old-thing')).toMatchObject({ version: '0.1', installer: null });
    expect(ctx.spawns).toBe(0);
    void SYS_PY;
  });
});
