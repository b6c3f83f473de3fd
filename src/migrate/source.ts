// Finding the source of a migration from files: a system interpreter's scopes (user site, /usr/local,
// apt's dist-packages) as discovery reads them, or any environment prefix. Reads only; spawns nothing.
import type { ScanContext } from '../context/scan-context.js';
import { envFromPrefix } from '../discover/env-prefix.js';
import { identifyPrefix } from '../discover/identify.js';
import { systemLocator, usrSystemEnv } from '../discover/system.js';
import { byDirName } from './plan.js';
import { minorVersion, type Environment, type Scope } from '../model.js';
import { stripTrailingSlashes } from '../text/trim.js';

export type From = { kind: 'system'; scope?: Scope } | { kind: 'prefix'; prefix: string };

/** Parse --from: user | local | an environment prefix (machine path). */
export function parseFrom(v: string | undefined): From | { error: string } {
  if (v === undefined) return { kind: 'system' };
  if (v === 'user' || v === 'local') return { kind: 'system', scope: v };
  if (v.startsWith('/')) return { kind: 'prefix', prefix: stripTrailingSlashes(v) || '/' };
  return { error: `--from must be user, local or an absolute environment prefix, got '${v}'` };
}

/** X.Y of the python3.X site dirs in /usr/local/lib, ~/.local/lib and /usr/lib. */
async function siteMinors(ctx: ScanContext): Promise<string[]> {
  const names = new Set<string>();
  for (const dir of ['/usr/local/lib', `${ctx.home}/.local/lib`, '/usr/lib']) {
    for (const e of await ctx.tryReaddir(dir)) if (/^python3\.\d+$/.test(e.name)) names.add(e.name.slice('python'.length));
  }
  return [...names];
}

/**
 * The system interpreters as the scan sees them (discovery's system locator: the same sites, scopes, dpkg
 * ownership and ids as `scan`, `doctor` and the dashboard), for the scanning user only, newest first.
 */
export async function systemEnvironments(ctx: ScanContext): Promise<Environment[]> {
  const mine = ctx.forHome(ctx.home, { primary: true });
  const { environments } = await systemLocator.locate(mine);
  // Sites of /usr/bin/pythonX.Y without the binary in the root (a --root image whose interpreter is the host's).
  for (const minor of await siteMinors(ctx)) {
    if (!environments.some((e) => e.prefix === '/usr' && minorVersion(e.python.version) === minor)) environments.push(await usrSystemEnv(mine, minor));
  }
  const rank = (e: Environment) => (e.prefix === '/usr' ? 0 : e.prefix === '/usr/local' ? 1 : 2);
  return environments.sort((a, b) => (b.python.version ?? '').localeCompare(a.python.version ?? '', 'en', { numeric: true }) || rank(a) - rank(b));
}

/** The environment that holds `names`, per --from. */
export async function loadSource(ctx: ScanContext, from: From, names: string[]): Promise<{ env: Environment | null; error?: string }> {
  if (from.kind === 'prefix') {
    if (!(await ctx.isDir(from.prefix))) return { env: null, error: `${from.prefix} does not exist` };
    // Discovery's answer (kind, id, name) when a locator knows the prefix; a bare venv otherwise.
    const env = (await identifyPrefix(ctx, from.prefix)) ?? (await envFromPrefix(ctx, 'venv', from.prefix, from.prefix.split('/').pop() ?? from.prefix, { noProbe: true }));
    return { env };
  }
  const systems = await systemEnvironments(ctx);
  for (let env of systems) {
    if (from.scope) env = { ...env, packages: env.packages.filter((p) => p.scope === from.scope || !names.includes(p.name)) };
    const has = (n: string) => env.packages.some((p) => (p.name === n || byDirName({ ...env, packages: [p] }, n)) && (!from.scope || p.scope === from.scope));
    if (names.every(has)) return { env };
  }
  return { env: null, error: `${names.join(', ')} not found in the ${from.scope ? `${from.scope} site` : 'system Python sites'} (${systems.map((e) => e.name).join(', ') || 'no system Python'})` };
}
