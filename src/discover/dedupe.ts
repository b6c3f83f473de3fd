// One environment, one listing: the same prefix reached by several locators (a pipx venv found by the
// HOME walk, a symlinked venv dir, merged /usr) is kept once, under its most specific kind.
import type { ScanContext } from '../context/scan-context.js';
import type { EnvKind, Environment } from '../model.js';
import { KIND_TRAITS } from '../kinds.js';
import * as fs from './resolve.js';

/** Most specific first (KIND_TRAITS precedence): a tool's own venv beats the generic venv finding the same prefix. */
export const rank = (k: EnvKind): number => KIND_TRAITS[k].precedence;

/** Identity of an environment on disk: system interpreters by binary, everything else by prefix. */
async function key(ctx: ScanContext, e: Environment): Promise<string> {
  const p = e.kind === 'system' ? (e.python.executable ?? e.prefix) : e.prefix;
  return `${e.kind === 'system' ? 'exe' : 'prefix'}:${(await fs.tryRealpath(ctx, p)) ?? p}`;
}

/** Deduplicate by real path; the loser's id is remembered in the winner's meta.alsoFoundAs. */
export async function dedupeEnvironments(ctx: ScanContext, envs: Environment[]): Promise<Environment[]> {
  const keys = await Promise.all(envs.map((e) => key(ctx, e)));
  const best = new Map<string, Environment>();
  const others = new Map<string, string[]>();
  envs.forEach((e, i) => {
    const k = keys[i]!;
    const cur = best.get(k);
    if (!cur) return void best.set(k, e);
    const [win, lose] = rank(e.kind) < rank(cur.kind) ? [e, cur] : [cur, e];
    best.set(k, win);
    others.set(k, [...(others.get(k) ?? []), lose.id]);
  });
  const out: Environment[] = [];
  for (const [k, e] of best) {
    const also = others.get(k);
    out.push(also ? { ...e, meta: { ...(e.meta ?? {}), alsoFoundAs: also } } : e);
  }
  return out.sort((a, b) => rank(a.kind) - rank(b.kind) || a.prefix.localeCompare(b.prefix) || a.id.localeCompare(b.id));
}
