// A Debian-12-like root, as files: what `pyenvtui --root` needs to see a distro Python with its
// PEP 668 marker, apt's dist-packages and the dpkg database. Texts come from a real Debian 12
// (test/fixtures/debian12, copied verbatim), so parsers meet the real formats.
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { link, patchlevelH, put, tripwire } from './files.js';
import type { Sandbox } from './sandbox.js';
import { DISTRO_PY_MINOR, DISTRO_PY_VERSION, FIXTURES } from './tools.js';

export interface DistroRootOptions {
  /** Plant /usr/lib/python3.11/EXTERNALLY-MANAGED (default true). */
  marker?: boolean;
  /** Divert the marker like `dpkg-divert --rename --add` (file becomes EXTERNALLY-MANAGED.distrib). */
  divertMarker?: boolean;
  /** Debian's python3-venv installed: venv + ensurepip modules and pip's wheel (default true). */
  venv?: boolean;
}

const MINOR = DISTRO_PY_MINOR;
const STDLIB = `/usr/lib/python${MINOR}`;

/**
 * Builds the distro root. The interpreter /usr/bin/python3.11 is a placeholder script, not a
 * copy of the real binary: under --root an absolute symlink to the host's /usr/bin/python3.11
 * would resolve inside the root anyway, a copied binary would not run there (its stdlib is
 * missing), and the placeholder records any execution so tests can prove discovery never spawns.
 */
export async function buildDistroRoot(sb: Sandbox, opts: DistroRootOptions = {}): Promise<void> {
  await fsp.cp(path.join(FIXTURES, 'debian12'), sb.root, { recursive: true, force: true });
  // Debian 12 is merged-/usr, and /etc/os-release is a relative link into /usr/lib.
  for (const d of ['bin', 'sbin', 'lib']) await link(sb.path(`/${d}`), `usr/${d}`);
  await fsp.mkdir(sb.path('/etc'), { recursive: true });
  await link(sb.path('/etc/os-release'), '../usr/lib/os-release');

  await tripwire(sb.path(`/usr/bin/python${MINOR}`), `/usr/bin/python${MINOR}`, sb.tripwireLog);
  await link(sb.path('/usr/bin/python3'), `python${MINOR}`);
  await put(sb.path(`${STDLIB}/os.py`), '# landmark: stands for Debian\'s os.py (stdlib is not copied)\n');
  const real = await fsp.readFile(path.join(FIXTURES, 'cpython', 'patchlevel.h'), 'utf8');
  await put(sb.path(`/usr/include/python${MINOR}/patchlevel.h`), patchlevelFor(real, DISTRO_PY_VERSION));
  await put(sb.path('/usr/lib/python3/dist-packages/yaml/__init__.py'), "__version__ = '6.0'\n");
  await put(sb.path('/usr/lib/python3/dist-packages/_yaml/__init__.py'), '# stub of the C extension shim\n');
  // Debian's python3.11 postinst creates the local site; sudo pip fills it.
  await fsp.mkdir(sb.path(`/usr/local/lib/python${MINOR}/dist-packages`), { recursive: true });
  await fsp.mkdir(sb.path('/usr/local/bin'), { recursive: true });
  await put(sb.path('/var/lib/dpkg/diversions'), '');
  if (opts.venv === false) await withoutPython3Venv(sb);
  else await copyPipWheel(sb);

  const marker = sb.path(`${STDLIB}/EXTERNALLY-MANAGED`);
  if (opts.marker === false) await fsp.rm(marker, { force: true });
  else if (opts.divertMarker) {
    await fsp.rename(marker, marker + '.distrib');
    // dpkg's diversions file: triples of original, diverted-to, package (":" = local admin).
    await put(sb.path('/var/lib/dpkg/diversions'), `${STDLIB}/EXTERNALLY-MANAGED\n${STDLIB}/EXTERNALLY-MANAGED.distrib\n:\n`);
  }
}

/** ensurepip reads pip's wheel from /usr/share/python-wheels on Debian (package python3-pip-whl). */
async function copyPipWheel(sb: Sandbox): Promise<void> {
  const dir = '/usr/share/python-wheels';
  const wheel = (await fsp.readdir(dir).catch(() => [] as string[])).find((n) => /^pip-.+\.whl$/.test(n));
  await fsp.mkdir(sb.path(dir), { recursive: true });
  if (wheel) await fsp.copyFile(path.join(dir, wheel), sb.path(`${dir}/${wheel}`));
  else await put(sb.path(`${dir}/pip-23.0.1-py3-none-any.whl`), ''); // name is what ensurepip looks for
}

/** A Debian without python3-venv: no ensurepip, no pip wheel, and dpkg does not list the packages. */
async function withoutPython3Venv(sb: Sandbox): Promise<void> {
  await fsp.rm(sb.path(`${STDLIB}/ensurepip`), { recursive: true, force: true });
  const status = sb.path('/var/lib/dpkg/status');
  const stanzas = (await fsp.readFile(status, 'utf8')).split(/\n\n+/);
  const kept = stanzas.filter((s) => !/^Package: (python3(\.\d+)?-venv|python3-pip-whl)$/m.test(s));
  await fsp.writeFile(status, kept.join('\n\n'));
}

/** Debian's real patchlevel.h with the version numbers replaced. */
export function patchlevelFor(realHeader: string, version: string): string {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!m) return patchlevelH(version);
  return realHeader
    .replace(/(#define PY_MAJOR_VERSION\s+)\d+/, `$1${m[1]}`)
    .replace(/(#define PY_MINOR_VERSION\s+)\d+/, `$1${m[2]}`)
    .replace(/(#define PY_MICRO_VERSION\s+)\d+/, `$1${m[3]}`)
    .replace(/(#define PY_VERSION\s+)"[^"]*"/, `$1"${version}"`);
}

export interface AptPackageOptions {
  /** Debian package name, e.g. 'python3-pyenvtui-demo-lib'. */
  deb: string;
  /** Python distribution name and version as written in the metadata. */
  name: string;
  version: string;
  /** dh-python writes either; egg-info has PKG-INFO and no RECORD. Default 'egg-info'. */
  format?: 'egg-info' | 'dist-info';
  /** Module files relative to dist-packages → text. */
  modules?: Record<string, string>;
  /** Debian version string (default `${version}-1`). */
  debVersion?: string;
  /** 'all' writes <deb>.list, anything else <deb>:<arch>.list (default 'all'). */
  arch?: string;
}

/** An apt-installed Python package: files in /usr/lib/python3/dist-packages (no INSTALLER), its dpkg list and status. */
export async function plantAptPackage(sb: Sandbox, o: AptPackageOptions): Promise<string> {
  const site = '/usr/lib/python3/dist-packages';
  const format = o.format ?? 'egg-info';
  const metaDir = `${site}/${o.name.replace(/-/g, '_')}-${o.version}.${format}`;
  const files: Record<string, string> = { ...(o.modules ?? {}) };
  const pkgInfo = `Metadata-Version: 2.1\nName: ${o.name}\nVersion: ${o.version}\nSummary: ${o.name} (Debian package)\n\n`;
  if (format === 'egg-info') {
    files[`${path.basename(metaDir)}/PKG-INFO`] = pkgInfo;
    files[`${path.basename(metaDir)}/top_level.txt`] = topLevel(o.modules) + '\n';
    files[`${path.basename(metaDir)}/dependency_links.txt`] = '\n';
  } else {
    files[`${path.basename(metaDir)}/METADATA`] = pkgInfo;
    files[`${path.basename(metaDir)}/WHEEL`] = 'Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n';
    files[`${path.basename(metaDir)}/top_level.txt`] = topLevel(o.modules) + '\n';
  }
  const listed = new Set<string>(['/.', '/usr', '/usr/lib', '/usr/lib/python3', site]);
  for (const [rel, text] of Object.entries(files)) {
    await put(sb.path(`${site}/${rel}`), text);
    const parts = rel.split('/');
    for (let i = 1; i < parts.length; i++) listed.add(`${site}/${parts.slice(0, i).join('/')}`);
    listed.add(`${site}/${rel}`);
  }
  const arch = o.arch ?? 'all';
  const listName = arch === 'all' ? `${o.deb}.list` : `${o.deb}:${arch}.list`;
  await put(sb.path(`/var/lib/dpkg/info/${listName}`), [...listed].sort().join('\n') + '\n');
  const stanza =
    `Package: ${o.deb}\nStatus: install ok installed\nPriority: optional\nSection: python\n` +
    `Installed-Size: 20\nMaintainer: pyenvtui tests <tests@example.invalid>\nArchitecture: ${arch}\n` +
    `Source: ${o.deb.replace(/^python3-/, 'python-')}\nVersion: ${o.debVersion ?? `${o.version}-1`}\n` +
    `Depends: python3:any\nDescription: ${o.name} for Python 3 (pyenvtui test package)\n\n`;
  await fsp.mkdir(sb.path('/var/lib/dpkg'), { recursive: true });
  await fsp.appendFile(sb.path('/var/lib/dpkg/status'), stanza);
  return sb.path(metaDir);
}

function topLevel(modules: Record<string, string> | undefined): string {
  const tops = new Set(Object.keys(modules ?? {}).map((p) => p.split('/')[0]!.replace(/\.py$/, '')));
  return [...tops].sort().join('\n');
}
