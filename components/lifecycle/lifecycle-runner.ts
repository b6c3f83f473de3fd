// What the dashboard's lifecycle overlay runs: the same planners and the same journaled executor as
// `pyenvtui repair`, `pyenvtui clean` and `pyenvtui export`. No React here, so it loads with the overlay.
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { ScanContext, type Env } from '../../src/context/scan-context.js';
import type { Finding, Inventory } from '../../src/model.js';
import { exportMachine } from '../../src/lifecycle/export.js';
import { planRepair } from '../../src/lifecycle/repair-plan.js';
import { planClean, trashDir, type CleanItem } from '../../src/lifecycle/cleanup.js';
import { gatherCleanup } from '../../src/commands/clean.js';
import { hostTools } from '../../src/commands/lifecycle-run.js';
import { executePlan } from '../../src/migrate/execute.js';
import { newMigrationId, readJournal, stateDir } from '../../src/migrate/journal.js';
import { eventText, planText } from '../../src/migrate/render.js';
import { undoMigration } from '../../src/migrate/undo.js';
import type { Plan } from '../../src/migrate/types.js';
import { jsonSafe } from '../../src/text/safe.js';

/** Repair and clean-up change the live machine: under --root the plan's paths would be the image's. */
export function liveOnly(inv: Inventory): string | null {
  return inv.root === '/' ? null : `repair and clean-up work on the running machine; this dashboard shows ${inv.root} (--root)`;
}

export async function repairPlanFor(inv: Inventory, envId: string, env: Env): Promise<Plan & { notRepaired: string[] }> {
  const e = inv.environments.find((x) => x.id === envId);
  const tools = await hostTools({ env }, new ScanContext({ root: '/', env }));
  if (!e || !tools) throw new Error(!e ? 'the environment is gone: rescan' : 'no python3 on PATH');
  const now = new Date();
  const id = newMigrationId(now);
  return planRepair({ id, createdAt: now.toISOString(), inv, envs: [e], tools, backupDir: path.join(stateDir(env), id) });
}

export async function cleanupFor(inv: Inventory, env: Env): Promise<CleanItem[]> {
  const { envs, caches } = await gatherCleanup(inv, env, env.HOME ?? inv.home, 180, Date.now());
  return [...envs, ...caches];
}

export function cleanPlanFor(items: CleanItem[], env: Env, home: string): Plan & { freed: number; refused: string[] } {
  const now = new Date();
  const id = newMigrationId(now);
  return planClean({ id, createdAt: now.toISOString(), items, trashDir: trashDir(env, home), backupDir: path.join(stateDir(env), id), home });
}

export function planLines(p: Plan & { notRepaired?: string[]; refused?: string[]; freed?: number }): string[] {
  const lines = planText(p).trimEnd().split('\n');
  for (const r of p.notRepaired ?? []) lines.push(`  not repaired: ${r}`);
  for (const r of p.refused ?? []) lines.push(`  refused: ${r}`);
  if (p.freed !== undefined) lines.push(`  frees ${p.freed} bytes once the trash is emptied (pyenvtui clean --empty-trash)`);
  return lines;
}

function execOpts(env: Env, onLine: (l: string) => void) {
  const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
  return {
    journalDir: stateDir(env),
    env,
    isRoot: uid === 0,
    // Enter on the plan was the confirmation.
    confirm: async () => true,
    onEvent: (e: Parameters<typeof eventText>[0]) => {
      const t = eventText(e);
      if (t !== null) for (const l of t.split('\n')) onLine(l);
    },
  };
}

export async function runPlan(plan: Plan, env: Env, onLine: (l: string) => void): Promise<{ ok: boolean; message: string }> {
  const j = await executePlan(plan, execOpts(env, onLine));
  return { ok: j.status === 'done', message: j.message ?? j.status };
}

export async function undoPlan(id: string, env: Env, onLine: (l: string) => void): Promise<{ ok: boolean; message: string }> {
  const j = await readJournal(stateDir(env), id);
  const r = await undoMigration(j, execOpts(env, onLine));
  return { ok: r.ok, message: r.ok ? 'undone' : r.errors.join('; ') };
}

/** Writes the export document next to the home (never over a file); returns where and what. */
export async function exportToFile(inv: Inventory, findings: readonly Finding[], env: Env): Promise<{ file: string; summary: string }> {
  const doc = exportMachine(inv, findings);
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const file = path.join(env.HOME ?? inv.home, `pyenvtui-export-${stamp}.json`);
  await fsp.writeFile(file, jsonSafe(JSON.stringify(doc, null, 2)) + '\n', { flag: 'wx' });
  return { file, summary: `${doc.pipx.length} pipx tool(s), ${doc.uvTools.length} uv tool(s), ${doc.venvs.length} venv(s)` };
}
