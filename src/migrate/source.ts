// Finding the source of a migration from files: a system interpreter's scopes (user site, /usr/local,
// apt's dist-packages) as discovery reads them, or any environment prefix. Reads only; spawns nothing.
import type { ScanContext } from '../context.js';
import { envFromPrefix } from '../discover/env-prefix.js';
import { systemLocator } from '../discover/system.js';
import { byDirName } from './plan.js';
import type { Environment, Scope } from '../model.js';
import { stripTrailingSlashes } from '../text/trim.js';

export type From = { kind: 'system'; scope?: Scope } | { kind: 'prefix'; prefix: string };

/** Parse --from: user | local | an environment prefix (machine path). */
export function parseFrom(v: string | undefined): From | { error: string } {
  if (v === undefined) return { kind: 'system' };
  if (v === 'user' || v === 'local') return { kind: 'system', scope: v };
  if (v.startsWith('/')) return { kind: 'prefix', prefix: stripTrailingSlashes(v) || '/' };
  return { error: `--from must be user, local or an absolute environment prefix, got '${v}'` };
}

/**
 * The system interpreters as the scan sees them (discovery's system locator: the same sites, scopes, dpkg
 * ownership and ids as `scan`, `doctor` and the dashboard), for the scanning user only, newest first.
 */
export async function systemEnvironments(ctx: ScanContext): Promise<Environment[]> {
  const { environments } = await systemLocator.locate(ctx.forHome(ctx.home, { primary: true }));
  const rank = (e: Environment) => (e.prefix === '/usr' ? 0 : e.prefix === '/usr/local' ? 1 : 2);
  return environments.sort((a, b) => (b.python.version ?? '').localeCompare(a.python.version ?? '', 'en', { numeric: true }) || rank(a) - rank(b));
}

/** The environment that holds `names`, per --from. */
export async function loadSource(ctx: ScanContext, from: From, names: string[]): Promise<{ env: Environment | null; error?: string }> {
  if (from.kind === 'prefix') {
    if (!(await ctx.isDir(from.prefix))) return { env: null, error: `${from.prefix} does not exist` };
    const env = await envFromPrefix(ctx, 'venv', from.prefix, from.prefix.split('/').pop() ?? from.prefix, { noProbe: true });
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
