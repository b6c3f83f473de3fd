// System Pythons: /usr/bin/python3.X, /usr/local/bin/python3.X and the macOS python.org framework.
// Each interpreter gets its sites in sys.path order with scopes (user → local → distro), the PEP 668
// marker from its stdlib dir, and dpkg ownership of its distributions.
import path from 'node:path';
import type { ScanContext } from '../context/scan-context.js';
import type { Distribution, Environment, ScanProblem, SiteDir } from '../model.js';
import type { Locator, LocatorResult } from './locator.js';
import { getDpkgIndex } from './dpkg-index.js';
import { readSite } from './site.js';
import { versionFromDpkgStatus, versionFromPrefixFiles } from './version.js';
import * as fs from './resolve.js';
import { archOfPython } from './arch.js';

const BIN_DIRS = ['/usr/bin', '/usr/local/bin', '/bin'];
const FRAMEWORK = '/Library/Frameworks/Python.framework/Versions';
const EXE_RE = /^python(\d+\.\d+)$/;

interface Candidate {
  exe: string;
  real: string;
  minor: string;
  prefix: string;
  framework: boolean;
  aliases: string[];
  /** Found through $PATH in a custom prefix (/opt/python3.10/bin), not in a standard bin dir. */
  fromPath?: boolean;
}

/** Trees whose interpreters other locators list (or that are no installation of their own). */
const OWNED = /\/(Cellar|\.linuxbrew|\.pyenv|shims|pipx|uv\/python|mise|\.asdf|envs)\//;

/** A custom prefix on PATH is an installation when its stdlib is there and it is no venv or conda env. */
async function isCustomPrefix(ctx: ScanContext, prefix: string, minor: string): Promise<boolean> {
  if (await fs.isAny(ctx, `${prefix}/pyvenv.cfg`)) return false;
  // An activated virtualenv < 20 (no pyvenv.cfg; its lib/pythonX.Y/os.py links to the base): PET's global locator rejects bin/activate.
  if ((await fs.isAny(ctx, `${prefix}/bin/activate`)) || (await fs.isAny(ctx, `${prefix}/lib/python${minor}/orig-prefix.txt`))) return false;
  if (await fs.isDir(ctx, `${prefix}/conda-meta`)) return false;
  return (await fs.isAny(ctx, `${prefix}/lib/python${minor}/os.py`)) || (await fs.isDir(ctx, `${prefix}/lib/python${minor}/encodings`));
}

export const systemLocator: Locator = {
  name: 'system',
  // Runs once: every home's user site is added to each interpreter below.
  scope: 'machine',
  async locate(ctx: ScanContext): Promise<LocatorResult> {
    const problems: ScanProblem[] = [];
    const cands = await findCandidates(ctx);
    const environments = await Promise.all(cands.map((c) => systemEnv(ctx, c)));
    return { environments, problems };
  },
};

async function findCandidates(ctx: ScanContext): Promise<Candidate[]> {
  const byReal = new Map<string, Candidate>();
  const dirs = [...BIN_DIRS];
  if (ctx.platform === 'darwin' || (await fs.isDir(ctx, FRAMEWORK))) {
    for (const v of await fs.tryReaddir(ctx, FRAMEWORK)) if (/^\d+\.\d+$/.test(v.name)) dirs.push(`${FRAMEWORK}/${v.name}/bin`);
  }
  // Interpreters built into a custom prefix (/opt/python3.10, ./configure --prefix) that win on PATH.
  const pathDirs = (ctx.env.PATH ?? '').split(':').filter((d) => d.startsWith('/') && !dirs.includes(d) && !OWNED.test(`${d}/`));
  for (const dir of [...dirs, ...pathDirs]) {
    const fromPath = !dirs.includes(dir);
    const entries = await fs.tryReaddir(ctx, dir);
    const reals = new Map<string, string>();
    await Promise.all(
      entries
        .filter((e) => /^python[\d.]*$/.test(e.name))
        .map(async (e) => {
          const r = await fs.tryRealpath(ctx, `${dir}/${e.name}`);
          if (r) reals.set(e.name, r);
        }),
    );
    for (const [name, real] of [...reals].sort(([a], [b]) => a.localeCompare(b))) {
      const m = EXE_RE.exec(name);
      if (!m) continue;
      // Homebrew and pyenv own their interpreters; their locators list them.
      if (/\/(Cellar|\.linuxbrew|\.pyenv|shims)\//.test(real)) continue;
      if (byReal.has(real)) continue;
      const st = await fs.stat(ctx, real);
      if (!st?.isFile()) continue;
      const framework = dir.startsWith(FRAMEWORK);
      const aliases = [...reals].filter(([, r]) => r === real).map(([n]) => `${dir}/${n}`).sort();
      const prefix = path.posix.dirname(path.posix.dirname(real));
      if (fromPath && (OWNED.test(real) || prefix === '/usr' || prefix === '/usr/local' || !(await isCustomPrefix(ctx, prefix, m[1]!)))) continue;
      byReal.set(real, { exe: `${dir}/${name}`, real, minor: m[1]!, prefix, framework, aliases, ...(fromPath ? { fromPath } : {}) });
    }
  }
  return [...byReal.values()];
}

async function firstDir(ctx: ScanContext, paths: string[]): Promise<string[]> {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const p of paths) {
    const r = await fs.tryRealpath(ctx, p);
    if (!r || seen.has(r) || !(await fs.isDir(ctx, p))) continue;
    seen.add(r);
    out.push(p);
  }
  return out;
}

/** Site dirs in sys.path order for a system interpreter (existing dirs only). */
export async function systemSites(ctx: ScanContext, c: Candidate, debian: boolean): Promise<SiteDir[]> {
  const X = c.minor;
  const userSite = (h: string): string =>
    c.framework ? `${h}/Library/Python/${X}/lib/python/site-packages` : `${h}/.local/lib/python${X}/site-packages`;
  const groups: Array<[SiteDir['scope'], string[]]> = [];
  if (c.framework) groups.push(['local', [`${c.prefix}/lib/python${X}/site-packages`]]);
  else if (c.prefix === '/usr' && debian) {
    groups.push(['local', [`/usr/local/lib/python${X}/dist-packages`]]);
    groups.push(['distro', ['/usr/lib/python3/dist-packages', `/usr/lib/python${X}/dist-packages`]]);
  } else if (c.prefix === '/usr') {
    groups.push(['local', [`/usr/local/lib64/python${X}/site-packages`, `/usr/local/lib/python${X}/site-packages`]]);
    groups.push(['distro', [`/usr/lib64/python${X}/site-packages`, `/usr/lib/python${X}/site-packages`]]);
  } else {
    groups.push(['local', [`${c.prefix}/lib64/python${X}/site-packages`, `${c.prefix}/lib/python${X}/site-packages`]]);
  }
  // Each home's user site comes first on that user's sys.path, so all of them share order 0 (one
  // user never sees another's); the shared sites follow in sys.path order.
  const sites: SiteDir[] = [];
  const seen = new Set<string>();
  for (const h of ctx.homes.length ? ctx.homes : [ctx.home]) {
    for (const p of await firstDir(ctx, [userSite(h)])) {
      const real = (await fs.tryRealpath(ctx, p)) ?? p;
      if (!seen.has(real)) sites.push({ path: p, scope: 'user', order: 0 }), seen.add(real);
    }
  }
  let order = sites.length ? 1 : 0;
  for (const [scope, paths] of groups) {
    for (const p of await firstDir(ctx, paths)) {
      if (!sites.some((s) => s.path === p)) sites.push({ path: p, scope, order: order++ });
    }
  }
  return sites;
}

/**
 * The environment of /usr/bin/pythonX.Y as the scan describes it (same id, sites and packages), also when
 * the root holds its sites but not the binary (a migration under --root then builds with the host's
 * interpreter of the same path).
 */
export function usrSystemEnv(ctx: ScanContext, minor: string): Promise<Environment> {
  const exe = `/usr/bin/python${minor}`;
  return systemEnv(ctx, { exe, real: exe, minor, prefix: '/usr', framework: false, aliases: [exe] });
}

async function systemEnv(ctx: ScanContext, c: Candidate): Promise<Environment> {
  const problems: string[] = [];
  // Debian's layout: its dist-packages dirs (a Debian-only name) or /etc/debian_version.
  const debian =
    (await fs.isDir(ctx, '/usr/lib/python3/dist-packages')) || (await fs.isAny(ctx, '/etc/debian_version')) || (c.prefix === '/usr' && (await fs.isDir(ctx, `/usr/local/lib/python${c.minor}/dist-packages`)));
  const stdlibs = [`${c.prefix}/lib/python${c.minor}`, `${c.prefix}/lib64/python${c.minor}`];
  let markerPath: string | null = null;
  let diverted: string | null = null;
  for (const s of stdlibs) {
    if (!markerPath && (await fs.isFile(ctx, `${s}/EXTERNALLY-MANAGED`))) markerPath = `${s}/EXTERNALLY-MANAGED`;
    if (!diverted && (await fs.isAny(ctx, `${s}/EXTERNALLY-MANAGED.distrib`))) diverted = `${s}/EXTERNALLY-MANAGED.distrib`;
  }
  let version = await versionFromPrefixFiles(ctx, c.prefix, [c.minor]);
  if (!version && debian && c.prefix === '/usr') version = await versionFromDpkgStatus(ctx, c.minor);
  const dpkg = await getDpkgIndex(ctx);
  const sites = await systemSites(ctx, c, debian);
  const results = await Promise.all(sites.map((s) => readSite(ctx, s, { dpkg })));
  const packages: Distribution[] = [];
  for (const r of results) {
    packages.push(...r.packages);
    problems.push(...r.problems);
  }
  const meta: Record<string, unknown> = { commands: c.aliases, stdlib: stdlibs[0] };
  if (diverted) meta.markerDiverted = diverted;
  if (c.framework) meta.framework = true;
  if (c.fromPath) meta.customPrefix = true;
  const markerOwner = markerPath ? dpkg.owner(markerPath) : undefined;
  if (markerOwner) meta.markerPackage = markerOwner;
  return {
    // Several interpreters can share one prefix (/usr/bin/python3.11 and python3.12): the id names the binary.
    id: `system:${c.exe}`,
    kind: 'system',
    name: `python${c.minor}`,
    prefix: c.prefix,
    python: { version: version ?? c.minor, executable: c.exe, base: null },
    externallyManaged: markerPath !== null,
    markerPath,
    systemSitePackages: false,
    health: { ok: problems.length === 0, problems },
    sites,
    packages,
    meta,
    ...((await archOfPython(ctx, c.prefix, c.minor, c.exe)) ?? {}),
  };
}
