// `pyenvtui clean`: environments by size and last use with what makes them dead or unused; the chosen ones
// moved to the trash through the journaled executor (undo with `pyenvtui undo ID` until the trash is
// emptied with `pyenvtui clean --empty-trash`). See lifecycle/cleanup.ts.
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { CommandIO } from '../io.js';
import { cacheDirs, cacheItems, cleanable, cleanupItems, planClean, trashDir, type CleanFacts, type CleanItem, type CleanTag } from '../lifecycle/cleanup.js';
import { lastUsed, linksInto, processesUsing, treeBytes } from '../lifecycle/cleanup-facts.js';
import { poetryOwners } from '../lifecycle/poetry-orphans.js';
import { newMigrationId, stateDir } from '../migrate/journal.js';
import { planText } from '../migrate/render.js';
import type { Inventory } from '../model.js';
import { jsonSafe, visible } from '../text/safe.js';
import { CLEAN_SPEC } from './args/clean.js';
import { flag, parseCommand, str, usageError } from './spec.js';
import { confirmAndRun, liveScan, pickEnvs } from './lifecycle-run.js';

function usage(io: CommandIO, msg: string): number {
  return usageError(io, CLEAN_SPEC, msg, visible);
}

export function humanBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${n} B` : `${v.toFixed(1)} ${units[u]}`;
}

function day(ms: number | null): string {
  return ms ? new Date(ms).toISOString().slice(0, 10) : '?';
}

/** Every cleanable environment and existing cache with its facts (read only). */
export async function gatherCleanup(inv: Inventory, env: Record<string, string | undefined>, home: string, staleDays: number, now: number): Promise<{ envs: CleanItem[]; caches: CleanItem[] }> {
  // Central Poetry envs: their project found by Poetry's own path hash, or marked orphaned when none under HOME is.
  const owners = await poetryOwners(inv.environments.filter(cleanable), [home]);
  if (owners.size) {
    const environments = inv.environments.map((e) => {
      const o = owners.get(e.prefix);
      return o ? { ...e, meta: { ...e.meta, ...o } } : e;
    });
    inv = { ...inv, environments };
  }
  const envs = inv.environments.filter(cleanable);
  const caches = [];
  for (const c of cacheDirs(env, home)) if (await fsp.stat(c.path).then((s) => s.isDirectory(), () => false)) caches.push(c);
  const f: CleanFacts = { bytes: new Map(), lastUsed: new Map(), links: new Map(), processes: await processesUsing(envs.map((e) => e.prefix)), now, staleDays, ...(env.VIRTUAL_ENV ? { virtualEnv: env.VIRTUAL_ENV } : {}) };
  for (const e of envs) {
    f.bytes.set(e.prefix, await treeBytes(e.prefix));
    f.lastUsed.set(e.prefix, await lastUsed(e.prefix, e.sites.map((s) => s.path), typeof e.meta?.project === 'string' ? e.meta.project : undefined));
    const bin = typeof e.meta?.binDir === 'string' ? e.meta.binDir : null;
    if (bin && (e.kind === 'pipx' || e.kind === 'uv-tool')) f.links.set(e.prefix, await linksInto(bin, e.prefix));
  }
  for (const c of caches) f.bytes.set(c.path, await treeBytes(c.path));
  return { envs: cleanupItems(inv, f), caches: cacheItems(caches, f) };
}

function listText(envs: CleanItem[], caches: CleanItem[]): string {
  const lines = ['Environments by size (last use, why it may go):'];
  for (const it of envs) {
    lines.push(`  ${humanBytes(it.bytes).padStart(10)}  ${day(it.lastUsed)}  ${it.kind.padEnd(10)} ${it.path}`);
    for (const r of it.reasons) lines.push(`              ${r}`);
    if (it.refused) lines.push(`              kept: ${it.refused}`);
  }
  if (caches.length) lines.push('Caches:');
  for (const c of caches) lines.push(`  ${humanBytes(c.bytes).padStart(10)}  ${c.name.padEnd(20)} ${c.path}`);
  const cand = envs.filter((e) => e.tags.length && !e.refused);
  const total = cand.reduce((a, b) => a + b.bytes, 0);
  lines.push(`${cand.length} candidate environment(s), ${humanBytes(total)} (${total} bytes); caches ${humanBytes(caches.reduce((a, b) => a + b.bytes, 0))}`);
  return lines.map(visible).join('\n') + '\n';
}

async function emptyTrash(io: CommandIO, dir: string, dryRun: boolean, yes: boolean): Promise<number> {
  const ids = (await fsp.readdir(dir).catch(() => [] as string[])).filter((n) => /^[A-Za-z0-9-]+$/.test(n)).sort();
  let total = 0;
  for (const id of ids) {
    const b = await treeBytes(path.join(dir, id));
    total += b;
    io.stdout.write(`  ${humanBytes(b).padStart(10)}  ${visible(path.join(dir, id))}\n`);
  }
  io.stdout.write(`trash: ${ids.length} clean-up(s), ${humanBytes(total)} (${total} bytes)\n`);
  if (!ids.length || dryRun) return 0;
  if (!yes) {
    io.stderr.write('pyenvtui clean --empty-trash: deleting cannot be undone: re-run with --yes\n');
    return 3;
  }
  for (const id of ids) await fsp.rm(path.join(dir, id), { recursive: true, force: true });
  io.stdout.write(`deleted; ${total} bytes freed (those clean-ups can no longer be undone)\n`);
  return 0;
}

export async function runClean(argv: string[], io: CommandIO): Promise<number> {
  const p = parseCommand(CLEAN_SPEC, argv);
  if ('error' in p) return usage(io, p.error);
  const positionals = p.positionals;
  const values = {
    json: flag(p, 'json'),
    'stale-days': str(p, 'stale-days'),
    broken: flag(p, 'broken'),
    orphaned: flag(p, 'orphaned'),
    duplicates: flag(p, 'duplicates'),
    stale: flag(p, 'stale'),
    caches: flag(p, 'caches'),
    'empty-trash': flag(p, 'empty-trash'),
    'dry-run': flag(p, 'dry-run'),
    yes: flag(p, 'yes'),
  };
  const staleDays = values['stale-days'] === undefined ? 180 : Number(values['stale-days']);
  if (!Number.isInteger(staleDays) || staleDays < 0) return usage(io, '--stale-days takes a whole number of days');
  const { ctx, inv } = await liveScan(io);
  const trash = trashDir(io.env, ctx.home);
  if (values['empty-trash']) return emptyTrash(io, trash, values['dry-run'] === true, values.yes === true);
  const { envs, caches } = await gatherCleanup(inv, io.env, ctx.home, staleDays, ctx.now().getTime());
  const tags: CleanTag[] = (['broken', 'orphaned', 'duplicates', 'stale'] as const).filter((t) => values[t]).map((t) => (t === 'duplicates' ? 'duplicate' : t));
  if (!positionals.length && !tags.length && !values.caches) {
    if (values.json) io.stdout.write(jsonSafe(JSON.stringify({ environments: envs, caches, trash }, null, 2)) + '\n');
    else io.stdout.write(listText(envs, caches));
    return 0;
  }
  let chosen: CleanItem[] = envs.filter((it) => it.tags.some((t) => tags.includes(t)));
  if (positionals.length) {
    const picked = pickEnvs(inv, positionals);
    if (picked.errors.length) return usage(io, picked.errors.join('\n'));
    const notCleanable = picked.envs.filter((e) => !cleanable(e));
    if (notCleanable.length) return usage(io, `${notCleanable.map((e) => `${e.prefix} (${e.kind})`).join(', ')}: only venvs, pipx and uv tools are cleaned (see pyenvtui impact for interpreters)`);
    chosen = [...chosen, ...envs.filter((it) => picked.envs.some((e) => e.prefix === it.path) && !chosen.includes(it))];
  }
  if (values.caches) chosen = [...chosen, ...caches];
  const id = newMigrationId(ctx.now());
  const plan = planClean({ id, createdAt: ctx.now().toISOString(), items: chosen, trashDir: trash, backupDir: path.join(stateDir(io.env), id), home: ctx.home });
  io.stdout.write(planText(plan));
  for (const r of plan.refused) io.stdout.write(`  refused: ${visible(r)}\n`);
  io.stdout.write(`would free ${humanBytes(plan.freed)} (${plan.freed} bytes) once the trash is emptied\n`);
  if (!plan.steps.length) {
    io.stdout.write('nothing to clean\n');
    return plan.refused.length ? 1 : 0;
  }
  if (values['dry-run']) return 0;
  const rc = await confirmAndRun('clean', plan, io, values.yes === true, `moved to ${visible(path.join(trash, id))}`);
  if (rc === 0) io.stdout.write('empty the trash with: pyenvtui clean --empty-trash --yes\n');
  return plan.refused.length && rc === 0 ? 1 : rc;
}
