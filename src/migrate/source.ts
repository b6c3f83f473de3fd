// Finding the source of a migration from files: the system interpreter's three scopes (user site,
// /usr/local, apt's dist-packages) or any environment prefix. Reads only; spawns nothing.
import type { ScanContext } from '../context.js';
import { envFromPrefix } from '../discover/env-prefix.js';
import { identifyPrefix } from '../discover/identify.js';
import { getDpkgIndex } from '../discover/dpkg-index.js';
import { readSite } from '../discover/site.js';
import { byDirName } from './plan.js';
import { envId, type Environment, type Scope, type SiteDir } from '../model.js';
import { stripTrailingSlashes } from '../text/trim.js';

export type From = { kind: 'system'; scope?: Scope } | { kind: 'prefix'; prefix: string };

/** Parse --from: user | local | an environment prefix (machine path). */
export function parseFrom(v: string | undefined): From | { error: string } {
  if (v === undefined) return { kind: 'system' };
  if (v === 'user' || v === 'local') return { kind: 'system', scope: v };
  if (v.startsWith('/')) return { kind: 'prefix', prefix: stripTrailingSlashes(v) || '/' };
  return { error: `--from must be user, local or an absolute environment prefix, got '${v}'` };
}

/** Minor versions with a site dir in /usr/local/lib or ~/.local/lib (python3.11, ...), newest first. */
async function systemMinors(ctx: ScanContext): Promise<string[]> {
  const names = new Set<string>();
  for (const dir of ['/usr/local/lib', `${ctx.home}/.local/lib`, '/usr/lib']) {
    for (const e of await ctx.tryReaddir(dir)) if (/^python3\.\d+$/.test(e.name)) names.add(e.name);
  }
  return [...names].sort((a, b) => b.localeCompare(a, 'en', { numeric: true }));
}

/** The system interpreter pythonX.Y as an Environment with user, local and distro sites (sys.path order). */
export async function systemEnvironment(ctx: ScanContext, minor: string): Promise<Environment> {
  const dpkg = await getDpkgIndex(ctx);
  const sites: SiteDir[] = [
    { path: `${ctx.home}/.local/lib/${minor}/site-packages`, scope: 'user', order: 0 },
    { path: `/usr/local/lib/${minor}/dist-packages`, scope: 'local', order: 1 },
    { path: '/usr/lib/python3/dist-packages', scope: 'distro', order: 2 },
    { path: `/usr/lib/${minor}/site-packages`, scope: 'distro', order: 3 },
  ];
  const present: SiteDir[] = [];
  const packages = [];
  const problems: string[] = [];
  for (const s of sites) {
    if (!(await ctx.isDir(s.path))) continue;
    present.push(s);
    const r = await readSite(ctx, s, { dpkg });
    packages.push(...r.packages);
    problems.push(...r.problems);
  }
  const prefix = '/usr';
  const marker = `/usr/lib/${minor}/EXTERNALLY-MANAGED`;
  const externallyManaged = await ctx.isFile(marker);
  return {
    id: envId('system', `${prefix}#${minor}`),
    kind: 'system',
    name: minor,
    prefix,
    python: { version: minor.slice('python'.length), executable: `/usr/bin/${minor}` },
    externallyManaged,
    markerPath: externallyManaged ? marker : null,
    systemSitePackages: false,
    health: { ok: problems.length === 0, problems },
    sites: present,
    packages,
  };
}

/** The environment that holds `names`, per --from. */
export async function loadSource(ctx: ScanContext, from: From, names: string[]): Promise<{ env: Environment | null; error?: string }> {
  if (from.kind === 'prefix') {
    if (!(await ctx.isDir(from.prefix))) return { env: null, error: `${from.prefix} does not exist` };
    // Discovery's answer (kind, id, name) when a locator knows the prefix; a bare venv otherwise.
    const env = (await identifyPrefix(ctx, from.prefix)) ?? (await envFromPrefix(ctx, 'venv', from.prefix, from.prefix.split('/').pop() ?? from.prefix, { noProbe: true }));
    return { env };
  }
  const minors = await systemMinors(ctx);
  for (const m of minors) {
    let env = await systemEnvironment(ctx, m);
    if (from.scope) env = { ...env, packages: env.packages.filter((p) => p.scope === from.scope || !names.includes(p.name)) };
    const has = (n: string) => env.packages.some((p) => (p.name === n || byDirName({ ...env, packages: [p] }, n)) && (!from.scope || p.scope === from.scope));
    if (names.every(has)) return { env };
  }
  return { env: null, error: `${names.join(', ')} not found in the ${from.scope ? `${from.scope} site` : 'system Python sites'} (${minors.join(', ') || 'no system Python site dirs'})` };
}
