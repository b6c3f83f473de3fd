// Proves the harness builds what it claims, with the real tools, and never touches the host.
import { execFile } from 'node:child_process';
import { existsSync, promises as fsp, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ScanContext } from '../../src/context/scan-context.js';
import {
  buildWheels,
  createSandbox,
  hazards,
  DEMO,
  requirePipx,
  runCacheDir,
  snapshotHost,
  standardMachine,
  type Sandbox,
  type StandardMachine,
} from '../helpers/sandbox/index.js';

const execFileP = promisify(execFile);
const read = (p: string) => fsp.readFile(p, 'utf8');
const distInfo = (site: string, name: string, version: string) =>
  path.join(site, `${name.replace(/-/g, '_')}-${version}.dist-info`);

let m: StandardMachine;
let sb: Sandbox;
beforeAll(() => {
  m = standardMachine(inject('standardMachine'));
  sb = m.sandbox;
});

describe('test wheels', () => {
  it('are real wheels whose RECORD hashes match their contents', async () => {
    const wheels = path.join(runCacheDir(), 'wheels');
    const names = (await fsp.readdir(wheels)).filter((f) => f.endsWith('.whl')).sort();
    expect(names).toEqual([
      'pyenvtui_demo_cli-1.2.0-py3-none-any.whl',
      'pyenvtui_demo_extra-1.0.0-py3-none-any.whl',
      'pyenvtui_demo_lib-0.1.0-py3-none-any.whl',
      'pyenvtui_demo_lib-0.2.0-py3-none-any.whl',
      'pyenvtui_demo_lib-0.3.1-py3-none-any.whl',
      'pyenvtui_demo_tool-2.0.0-py3-none-any.whl',
      'six-1.16.0-py2.py3-none-any.whl',
    ]);
    // Verify every RECORD line with Python's own zipfile/hashlib (independent of make_wheel.py).
    const check = `
import base64, hashlib, sys, zipfile
bad = 0
for w in sys.argv[1:]:
    z = zipfile.ZipFile(w)
    rec = [n for n in z.namelist() if n.endswith('.dist-info/RECORD')][0]
    for line in z.read(rec).decode().splitlines():
        path, h, size = line.rsplit(',', 2)
        if not h: continue
        data = z.read(path)
        d = 'sha256=' + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b'=').decode()
        if d != h or int(size) != len(data): bad += 1; print('BAD', w, path)
print('checked', bad)
`;
    const { stdout } = await execFileP('/usr/bin/python3', ['-c', check, ...names.map((n) => path.join(wheels, n))]);
    expect(stdout.trim()).toBe('checked 0');
  });

  it('builds extra wheels from a spec', async () => {
    const out = path.join(sb.base, '..', `extra-wheels-${process.pid}`);
    const [whl] = await buildWheels(
      [{ name: 'pyenvtui-demo-broken', version: '9.9', files: { 'pyenvtui_demo_broken.py': 'x = 1\n' } }],
      out,
    );
    expect(path.basename(whl!)).toBe('pyenvtui_demo_broken-9.9-py3-none-any.whl');
    await fsp.rm(out, { recursive: true, force: true });
  });
});

describe('standard machine: distro root', () => {
  it('has Debian\'s interpreter layout, marker, headers and landmark', async () => {
    expect(await fsp.readlink(sb.path('/usr/bin/python3'))).toBe('python3.11');
    expect(await read(sb.path('/usr/lib/python3.11/EXTERNALLY-MANAGED'))).toMatch(/^\[externally-managed\]\nError=To install Python packages system-wide, try apt install/);
    expect(await read(sb.path('/usr/include/python3.11/patchlevel.h'))).toMatch(/#define PY_VERSION\s+"3\.11\.2"/);
    expect(existsSync(sb.path('/usr/lib/python3.11/os.py'))).toBe(true);
    expect(await read(sb.path('/etc/os-release'))).toMatch(/VERSION_CODENAME=bookworm/);
  });

  it('has apt packages without INSTALLER and a dpkg database that owns them and the marker', async () => {
    const dist = sb.path('/usr/lib/python3/dist-packages');
    expect(existsSync(path.join(dist, 'six-1.16.0.egg-info/PKG-INFO'))).toBe(true);
    expect(existsSync(path.join(dist, 'six-1.16.0.egg-info/INSTALLER'))).toBe(false);
    expect(existsSync(path.join(dist, 'PyYAML-6.0.dist-info/INSTALLER'))).toBe(false);
    const info = sb.path('/var/lib/dpkg/info');
    expect(await read(path.join(info, 'python3-six.list'))).toContain('/usr/lib/python3/dist-packages/six.py\n');
    expect(await read(path.join(info, 'libpython3.11-stdlib:amd64.list'))).toContain('/usr/lib/python3.11/EXTERNALLY-MANAGED\n');
    const status = await read(sb.path('/var/lib/dpkg/status'));
    expect(status).toMatch(/^Package: python3-six\nStatus: install ok installed$/m);
    expect(status).toMatch(/^Package: libpython3.11-stdlib$/m);
    expect(await read(sb.path('/var/lib/dpkg/diversions'))).toBe('');
  });

  it('is polluted by sudo pip in /usr/local, with RECORD, scripts, and a pip six shadowing apt', async () => {
    const local = sb.path(m.manifest.distro.localSite);
    const cli = distInfo(local, DEMO.cli, DEMO.cliVersion);
    expect((await read(path.join(cli, 'INSTALLER'))).trim()).toBe('pip');
    const record = await read(path.join(cli, 'RECORD'));
    expect(record).toContain('../../../bin/demo-cli,sha256=');
    expect(existsSync(distInfo(local, DEMO.lib, DEMO.libVersion))).toBe(true);
    expect(await read(sb.path('/usr/local/bin/demo-cli'))).toMatch(/^#!\/usr\/bin\/python3\n/);
    expect((await read(path.join(local, 'six-1.16.0.dist-info/INSTALLER'))).trim()).toBe('pip');
    expect(existsSync(path.join(local, 'six.py'))).toBe(true);
  });

  it('has placeholder interpreters that were never executed while building', async () => {
    expect(await sb.tripwireHits()).toEqual([]);
  });
});

describe('standard machine: user scope', () => {
  it('has a pip --user install with INSTALLER=pip and its script in ~/.local/bin', async () => {
    const info = distInfo(sb.path(m.manifest.user.site), DEMO.tool, DEMO.toolVersion);
    expect((await read(path.join(info, 'INSTALLER'))).trim()).toBe('pip');
    expect(existsSync(path.join(info, 'REQUESTED'))).toBe(true);
    expect(existsSync(sb.path('~/.local/bin/demo-tool'))).toBe(true);
  });

  it('has a pipx tool whose link runs --version with exit 0', async () => {
    const meta = JSON.parse(await read(sb.path(`${m.manifest.pipx.venv}/pipx_metadata.json`)));
    expect(meta.main_package.package).toBe(DEMO.cli);
    expect(meta.main_package.package_version).toBe(DEMO.cliVersion);
    expect(meta.main_package.apps).toEqual(['demo-cli', 'demo-cli-admin']);
    const bin = sb.path('~/.local/bin/demo-cli');
    expect((await fsp.lstat(bin)).isSymbolicLink()).toBe(true);
    const { stdout } = await execFileP(bin, ['--version'], { env: sb.env });
    expect(stdout.trim()).toBe(`pyenvtui-demo-cli ${DEMO.cliVersion} (pyenvtui-demo-lib ${DEMO.libVersion})`);
  });

  it('has break-system-packages = true in ~/.config/pip/pip.conf', async () => {
    expect(await read(sb.path(m.manifest.pipConf))).toMatch(/^break-system-packages = true$/m);
  });
});

describe('standard machine: environments', () => {
  it('has three real venvs with pyvenv.cfg pointing at Debian python', async () => {
    for (const prefix of Object.values(m.manifest.venvs)) {
      const cfg = await read(sb.path(`${prefix}/pyvenv.cfg`));
      expect(cfg).toMatch(/^home = \/usr\/bin$/m);
      expect(cfg).toMatch(/^version = 3\.11\.\d+$/m);
      const site = await fsp.readdir(sb.path(`${prefix}/lib/python3.11/site-packages`));
      // Seeded like ensurepip does on Debian 12: pip and setuptools.
      expect(site).toEqual(expect.arrayContaining(['pip', 'setuptools', 'pkg_resources']));
    }
    expect(await read(sb.path(`${m.manifest.venvs.dotVenvs}/pyvenv.cfg`))).toMatch(/include-system-site-packages = true/);
    expect((await read(sb.path(`${m.manifest.venvs.workon}/.project`))).trim()).toBe(sb.path('projects/app'));
  });

  it('has pyenvtui-demo-lib in five places with the versions the manifest lists', async () => {
    const versions = new Set<string>();
    for (const [site, version] of Object.entries(m.manifest.demoLib)) {
      const meta = await read(path.join(distInfo(sb.path(site), DEMO.lib, version), 'METADATA'));
      expect(meta).toContain(`\nVersion: ${version}\n`);
      versions.add(version);
    }
    expect([...versions].sort()).toEqual(['0.1.0', '0.2.0', '0.3.1']);
  });

  it('has conda base and envs in conda-meta format, one env without python', async () => {
    const { base, envs } = m.manifest.conda;
    const history = await read(sb.path(`${base}/conda-meta/history`));
    expect(history).toMatch(/^==> \d{4}-\d\d-\d\d \d\d:\d\d:\d\d <==\n# cmd: constructor /);
    expect(history).toMatch(/^\+defaults\/linux-64::python-3\.11\.5-\w+$/m);
    expect(existsSync(sb.path(`${base}/condabin/conda`))).toBe(true);
    const ml = await read(sb.path(`${envs.ml}/conda-meta/history`));
    const pys = [...ml.matchAll(/^\+\S+::python-(\d+\.\d+\.\d+)-/gm)].map((x) => x[1]);
    expect(pys.at(-1)).toBe('3.10.13');
    const rec = JSON.parse(await read(sb.path(`${envs.ml}/conda-meta/python-3.10.13-h955ad1f_0.json`)));
    expect(rec).toMatchObject({ name: 'python', version: '3.10.13' });
    expect((await read(path.join(distInfo(sb.path(`${envs.ml}/lib/python3.10/site-packages`), DEMO.lib, DEMO.libVersion), 'INSTALLER'))).trim()).toBe('conda');
    expect(existsSync(sb.path(`${envs['no-python']}/conda-meta/history`))).toBe(true);
    expect(existsSync(sb.path(`${envs['no-python']}/bin/python`))).toBe(false);
    expect((await read(sb.path('~/.conda/environments.txt'))).trim().split('\n')).toEqual([base, envs.ml, envs['no-python']]);
  });

  it('has a pyenv root with two versions, a pyenv-virtualenv, shims and a global version', async () => {
    const { root, versions, virtualenvs } = m.manifest.pyenv;
    for (const [v, prefix] of Object.entries(versions)) {
      const minor = v.split('.').slice(0, 2).join('.');
      expect(await fsp.readlink(sb.path(`${prefix}/bin/python`))).toBe(`python${minor}`);
      expect(await read(sb.path(`${prefix}/include/python${minor}/patchlevel.h`))).toContain(`"${v}"`);
    }
    const env = virtualenvs['proj-env']!;
    expect(await read(sb.path(`${env}/pyvenv.cfg`))).toContain(`home = ${root}/versions/3.11.7/bin\n`);
    expect(await fsp.readlink(sb.path(`${root}/versions/proj-env`))).toBe(env);
    expect(await read(sb.path(`${root}/shims/python`))).toContain(`export PYENV_ROOT="${root}"`);
    expect((await read(sb.path(`${root}/version`))).trim()).toBe('3.12.1');
  });

  it('resolves tool-written host paths inside the root the way --root scanning does', async () => {
    const ctx = new ScanContext({ root: sb.root, env: sb.env });
    expect(ctx.home).toBe('/home/tester');
    expect(ctx.env.PATH).toBe('/home/tester/.local/bin:/usr/local/bin:/usr/bin:/bin');
    expect(await ctx.realpath('/home/tester/.local/bin/demo-cli')).toBe(`${m.manifest.pipx.venv}/bin/demo-cli`);
    expect(await ctx.realpath(`${m.manifest.venvs.project}/bin/python`)).toBe('/usr/bin/python3.11');
    expect(await ctx.realpath(`${m.manifest.pyenv.virtualenvs['proj-env']}/bin/python`)).toBe(
      `${m.manifest.pyenv.versions['3.11.7']}/bin/python3.11`,
    );
  });
});

describe('createSandbox', () => {
  let own: Sandbox;
  beforeAll(async () => {
    own = await createSandbox();
  });
  afterAll(async () => {
    await own?.cleanup();
  });

  it('builds a venv with ensurepip and packages, and installs more with its own pip', async () => {
    const v = await own.venv('work/.venv', { packages: [`${DEMO.lib}==${DEMO.libOldVersion}`], seed: 'ensurepip' });
    expect(await read(path.join(v.prefix, 'pyvenv.cfg'))).toContain(`command = /usr/bin/python3 -m venv ${v.prefix}\n`);
    expect(v.machine).toBe('/home/tester/work/.venv');
    await own.pipInstall(v.prefix, [`${DEMO.tool}==${DEMO.toolVersion}`]);
    const { stdout } = await execFileP(path.join(v.prefix, 'bin/demo-tool'), ['--version'], { env: own.env });
    expect(stdout.trim()).toBe(`pyenvtui-demo-tool ${DEMO.toolVersion}`);
  });

  it('plants an apt-owned copy that a sudo-pip copy shadows', async () => {
    await own.distroRoot();
    await own.aptPackage({ deb: 'python3-pyenvtui-demo-lib', name: DEMO.lib, version: DEMO.libOldVersion, modules: { 'pyenvtui_demo_lib/__init__.py': '' } });
    await own.sudoPip([`${DEMO.lib}==${DEMO.libVersion}`]);
    const list = await read(own.path('/var/lib/dpkg/info/python3-pyenvtui-demo-lib.list'));
    expect(list).toContain('/usr/lib/python3/dist-packages/pyenvtui_demo_lib-0.2.0.egg-info/PKG-INFO\n');
    expect(await read(own.path('/var/lib/dpkg/status'))).toMatch(/^Package: python3-pyenvtui-demo-lib$/m);
    expect(existsSync(distInfo(own.path('/usr/local/lib/python3.11/dist-packages'), DEMO.lib, DEMO.libVersion))).toBe(true);
  });

  it('diverts or removes the marker on request, and records placeholder executions', async () => {
    const other = await createSandbox();
    try {
      await other.distroRoot({ divertMarker: true });
      expect(existsSync(other.path('/usr/lib/python3.11/EXTERNALLY-MANAGED'))).toBe(false);
      expect(existsSync(other.path('/usr/lib/python3.11/EXTERNALLY-MANAGED.distrib'))).toBe(true);
      expect(await read(other.path('/var/lib/dpkg/diversions'))).toMatch(/EXTERNALLY-MANAGED\.distrib\n:\n$/);
      await expect(execFileP(other.path('/usr/bin/python3.11'), ['-V'])).rejects.toMatchObject({ code: 97 });
      expect(await other.tripwireHits()).toEqual(['/usr/bin/python3.11']);
    } finally {
      await other.cleanup();
    }
  });

  it('copies the standard machine so the copy resolves inside its own root', async () => {
    const copy = await sb.copy();
    try {
      const ctx = new ScanContext({ root: copy.root, env: copy.env });
      const real = await ctx.realpath('/home/tester/.local/bin/demo-cli');
      expect(real).toBe(`${m.manifest.pipx.venv}/bin/demo-cli`);
      expect(existsSync(ctx.hostPath(real))).toBe(true);
      expect(ctx.hostPath(real).startsWith(copy.root)).toBe(true);
    } finally {
      await copy.cleanup();
    }
    expect(existsSync(copy.base)).toBe(false);
  });

  it('plants bad input: corrupt METADATA, symlink loops, non-UTF-8 names, chmod 000', async () => {
    const site = '/usr/local/lib/python3.11/dist-packages';
    const bad = await hazards.corruptDistInfo(own, site);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(path.join(bad, 'METADATA')))).toThrow();
    expect(existsSync(path.join(await hazards.emptyDistInfo(own, site), 'METADATA'))).toBe(false);
    const loop = await hazards.symlinkLoop(own, '~/loop');
    await expect(fsp.stat(loop)).rejects.toMatchObject({ code: 'ELOOP' });
    const up = await hazards.dirLoop(own, '~/projects/deep/up');
    expect(await fsp.realpath(up)).toBe(await fsp.realpath(own.home));
    await hazards.nonUtf8Entry(own, '~/weird');
    const names = await fsp.readdir(own.path('~/weird'), { encoding: 'buffer' });
    expect(names.map((b) => b.toString('hex'))).toEqual(['636166e9']);
    const locked = await hazards.unreadableDir(own, '~/locked');
    const isRoot = process.getuid?.() === 0;
    expect(await hazards.unreadableIsEffective(locked)).toBe(!isRoot);
  });
});

// Last: by now the standard machine and every sandbox of this file have been built.
describe('host isolation', () => {
  it('left the real dist-packages, /usr/local and ~/.local exactly as they were', async () => {
    const before = JSON.parse(readFileSync(path.join(runCacheDir(), 'host-snapshot.json'), 'utf8'));
    expect(Object.keys(before).length).toBeGreaterThanOrEqual(3);
    expect(await snapshotHost()).toEqual(before);
  });

  it('runs tools with an env built from scratch, offline, HOME inside the sandbox', () => {
    expect(sb.env.HOME).toBe(sb.home);
    expect(sb.env.PIP_NO_INDEX).toBe('1');
    expect(sb.env.PIP_FIND_LINKS).toBe(sb.wheels);
    expect(sb.env.PATH!.split(':')[0]).toBe(sb.path('~/.local/bin'));
    expect(Object.values(sb.env).some((v) => v.includes('.pyenv/shims'))).toBe(false);
  });

  it('explains how to get pipx when it is missing', () => {
    expect(() => requirePipx(['/nonexistent/pipx'])).toThrow(/pipx is missing.*apt-get install -y pipx/);
  });
});
