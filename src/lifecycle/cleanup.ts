// The clean-up: which environments are dead or unused, what each costs, and a plan that moves the chosen
// ones (and their tools' app links) into the trash, undoable until the trash is emptied. Pure: disk and
// /proc facts come in from cleanup-facts.ts. Only venvs, pipx and uv tools are candidates; an interpreter
// is never one (see `pyenvtui impact`). Refused, with why: an environment others are built on, one a
// running process uses, the active VIRTUAL_ENV.
import path from 'node:path';
import type { Environment, Inventory } from '../model.js';
import { formatArgv } from '../migrate/names.js';
import type { Plan, Step } from '../migrate/types.js';
import type { ProcessUse } from './cleanup-facts.js';
import { VENV_KINDS } from './repair-plan.js';

export type CleanTag = 'broken' | 'orphaned' | 'duplicate' | 'stale' | 'cache';

export interface CleanFacts {
  bytes: Map<string, number>;
  lastUsed: Map<string, number>;
  links: Map<string, string[]>;
  processes: Map<string, ProcessUse[]>;
  virtualEnv?: string;
  now: number;
  staleDays: number;
}

export interface CleanItem {
  path: string;
  kind: string;
  name: string;
  bytes: number;
  /** ms since the epoch, or null when nothing could be read. */
  lastUsed: number | null;
  tags: CleanTag[];
  /** Why it is a candidate, one line each. */
  reasons: string[];
  /** Why it must not be removed, when it must not. */
  refused?: string;
  /** App links into it that go to the trash with it. */
  links: string[];
}

const SEED = new Set(['pip', 'setuptools', 'wheel', 'distribute']);

export function cleanable(e: Environment): boolean {
  return VENV_KINDS.has(e.kind) || e.kind === 'pipx' || e.kind === 'uv-tool';
}

function packageKey(e: Environment): string {
  const pins = e.packages.filter((d) => d.scope === 'env' && !SEED.has(d.name)).map((d) => `${d.name}==${d.version}`);
  return [...new Set(pins)].sort().join(' ');
}

const inside = (p: string, prefix: string): boolean => p === prefix || p.startsWith(`${prefix}/`);

export function cleanupItems(inv: Inventory, f: CleanFacts): CleanItem[] {
  const envs = inv.environments.filter(cleanable);
  const byKey = new Map<string, Environment[]>();
  for (const e of envs) {
    const k = packageKey(e);
    if (k) byKey.set(k, [...(byKey.get(k) ?? []), e]);
  }
  const items = envs.map((e): CleanItem => {
    const tags: CleanTag[] = [];
    const reasons: string[] = [];
    if (e.health.cannotRun !== undefined) {
      tags.push('broken');
      reasons.push(`broken: ${e.health.cannotRun}`);
    }
    if (typeof e.meta?.orphaned === 'string') {
      tags.push('orphaned');
      reasons.push(`orphaned: ${e.meta.orphaned}`);
    }
    const twins = (byKey.get(packageKey(e)) ?? []).filter((x) => x !== e);
    if (twins.length) {
      tags.push('duplicate');
      reasons.push(`same packages as ${twins.map((t) => t.prefix).join(', ')}`);
    }
    const used = f.lastUsed.get(e.prefix) ?? null;
    if (used !== null && used > 0 && f.now - used > f.staleDays * 86_400_000) {
      tags.push('stale');
      reasons.push(`not used for ${Math.floor((f.now - used) / 86_400_000)} days`);
    }
    const users = inv.environments.filter((o) => o !== e && (o.builtOn === e.id || (o.python.base !== null && o.python.base !== undefined && inside(o.python.base, e.prefix))));
    const procs = f.processes.get(e.prefix) ?? [];
    let refused: string | undefined;
    if (f.virtualEnv && path.resolve(f.virtualEnv) === e.prefix) refused = 'it is the active virtual environment (VIRTUAL_ENV)';
    else if (procs.length) refused = `in use: ${procs.slice(0, 3).map((p) => `pid ${p.pid} ${p.what}`).join('; ')}`;
    else if (users.length) refused = `other environments are built on it: ${users.map((u) => u.prefix).join(', ')}`;
    return { path: e.prefix, kind: e.kind, name: e.name, bytes: f.bytes.get(e.prefix) ?? 0, lastUsed: used, tags, reasons, ...(refused ? { refused } : {}), links: f.links.get(e.prefix) ?? [] };
  });
  return items.sort((a, b) => b.bytes - a.bytes || (a.path < b.path ? -1 : 1));
}

/** Package-manager caches under the home, with their sizes (only those that exist). */
export function cacheItems(caches: { path: string; name: string }[], f: CleanFacts): CleanItem[] {
  return caches.map((c) => ({ path: c.path, kind: 'cache', name: c.name, bytes: f.bytes.get(c.path) ?? 0, lastUsed: f.lastUsed.get(c.path) ?? null, tags: ['cache'], reasons: [`${c.name}: re-downloaded when needed`], links: [] }));
}

export interface CleanPlan extends Plan {
  /** Bytes the trash will hold (freed when it is emptied). */
  freed: number;
  refused: string[];
}

type NewStep = Omit<Step, 'id'>;

function trashStep(from: string, to: string, what: string, home: string): NewStep {
  // The trash's directories this step makes (up to the home) are removed again by undo when empty.
  const made: { path: string; keepIfNonEmpty: string }[] = [];
  for (let p = path.dirname(to); p.length > home.length && p.startsWith(`${home}/`); p = path.dirname(p)) made.push({ path: p, keepIfNonEmpty: '.' });
  return {
    watch: made,
    kind: 'trash',
    purpose: `move ${what} to the trash`,
    action: { type: 'set-aside', from, to },
    display: formatArgv(['mv', '-T', from, to]),
    needsRoot: false,
    destructive: true,
    undo: { description: `move ${to} back to ${from}`, action: { type: 'put-back', aside: to, dir: from } },
  };
}

export function planClean(r: { id: string; createdAt: string; items: CleanItem[]; trashDir: string; backupDir: string; home: string }): CleanPlan {
  const steps: NewStep[] = [];
  const refused: string[] = [];
  let freed = 0;
  const dir = path.join(r.trashDir, r.id);
  r.items.forEach((it, n) => {
    if (it.refused) {
      refused.push(`${it.path}: ${it.refused}`);
      return;
    }
    const base = `${n + 1}-${path.basename(it.path)}`;
    for (const l of it.links) steps.push(trashStep(l, path.join(dir, `${base}.links`, path.basename(l)), `the app link ${l}`, r.home));
    steps.push(trashStep(it.path, path.join(dir, base), `${it.kind} ${it.path} (${it.bytes} bytes)`, r.home));
    freed += it.bytes;
  });
  return {
    schema: 'pyenvtui/plan@1',
    id: r.id,
    createdAt: r.createdAt,
    purpose: 'clean',
    root: '/',
    target: { kind: 'venv', dir: `trash:${dir}` },
    offline: true,
    keepSource: false,
    packages: [],
    steps: steps.map((s, i) => ({ ...s, id: i + 1 })),
    blockers: [],
    warnings: [],
    backupDir: r.backupDir,
    freed,
    refused,
  };
}

/** `$XDG_DATA_HOME/pyenvtui/trash` (default ~/.local/share/pyenvtui/trash). */
export function trashDir(env: Record<string, string | undefined>, home: string): string {
  const data = env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : path.join(home, '.local', 'share');
  return path.join(data, 'pyenvtui', 'trash');
}

/** Where pip, pipx, uv and poetry keep their caches for this account. */
export function cacheDirs(env: Record<string, string | undefined>, home: string): { path: string; name: string }[] {
  const cache = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(home, '.cache');
  const pipxHome = env.PIPX_HOME ?? path.join(home, '.local', 'pipx');
  return [
    { path: env.PIP_CACHE_DIR && path.isAbsolute(env.PIP_CACHE_DIR) ? env.PIP_CACHE_DIR : path.join(cache, 'pip'), name: "pip's cache" },
    { path: path.join(cache, 'pipx'), name: "pipx's cache" },
    { path: path.join(pipxHome, '.cache'), name: "pipx's cache (pipx < 1.3)" },
    { path: env.UV_CACHE_DIR && path.isAbsolute(env.UV_CACHE_DIR) ? env.UV_CACHE_DIR : path.join(cache, 'uv'), name: "uv's cache" },
    { path: path.join(cache, 'pypoetry', 'cache'), name: "poetry's cache" },
    { path: path.join(cache, 'pypoetry', 'artifacts'), name: "poetry's artifacts" },
  ];
}
