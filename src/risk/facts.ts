// The risk rules' own readers (markers, .pth files, RECORD scripts, root-owned files), called once per
// analysis by src/facts/index.ts through ScanContext (so --root images behave like live machines).
import path from 'node:path';
import type { ScanContext } from '../context/scan-context.js';
import type { Environment, Inventory } from '../model.js';
import type { DpkgIndex } from '../discover/dpkg-index.js';
import { normalizeDpkgPath } from '../formats/dpkg.js';
import { parseRecord } from '../formats/record.js';
import { ownedFiles } from '../migrate/record.js';
import { listedPthFiles } from '../discover/site-read.js';
import type { MachineFacts, MarkerFacts, PthFile, RootOwnedFile } from '../facts/types.js';

export type { MarkerFacts, PthFile, RootOwnedFile } from '../facts/types.js';
/** The facts rules read: the machine's facts (src/facts). */
export type RiskFacts = MachineFacts;

const WALK_LIMIT = 20000;

/** Where an environment's PEP 668 marker belongs. */
export function markerPathOf(env: Environment): string {
  if (env.markerPath) return env.markerPath;
  const stdlib = typeof env.meta?.stdlib === 'string' ? env.meta.stdlib : null;
  if (stdlib) return `${stdlib}/EXTERNALLY-MANAGED`;
  const minor = /^(\d+\.\d+)/.exec(env.python.version ?? '')?.[1] ?? '3';
  return `${env.prefix}/lib/python${minor}/EXTERNALLY-MANAGED`;
}

/** The PEP 668 marker of each system interpreter, with dpkg's word on it (from the scan's one dpkg index). */
export async function markerFacts(ctx: ScanContext, inv: Inventory, dpkg: DpkgIndex): Promise<Map<string, MarkerFacts>> {
  const markers = new Map<string, MarkerFacts>();
  for (const env of inv.environments) {
    if (env.kind !== 'system') continue;
    const mp = markerPathOf(env);
    markers.set(env.id, {
      path: mp,
      present: await ctx.isFile(mp),
      listedBy: dpkg.owner(mp) ?? null,
      distribPresent: await ctx.exists(`${mp}.distrib`),
      diversion: dpkg.diversions.find((d) => normalizeDpkgPath(d.original) === normalizeDpkgPath(mp)) ?? null,
    });
  }
  return markers;
}

/** 64-bit userland: dpkg's architecture, else the scan's. */
export async function is64bitUserland(ctx: ScanContext): Promise<boolean> {
  const dpkgArch = ((await ctx.tryReadText('/var/lib/dpkg/arch')) ?? '').trim().split('\n')[0] || null;
  return /^(arm64|aarch64|amd64|x64|x86_64|ppc64|ppc64el|s390x|riscv64)$/.test(dpkgArch ?? ctx.arch);
}

/** Topmost root-owned entries under the given dirs (only meaningful when the user is not root). */
export async function rootOwned(ctx: ScanContext, dirs: string[]): Promise<RootOwnedFile[]> {
  const homeSt = await ctx.tryStat(ctx.home);
  // A home owned by root belongs to root: nothing there is "someone else's".
  if (!homeSt || homeSt.uid === 0) return [];
  const out: RootOwnedFile[] = [];
  let budget = WALK_LIMIT;
  const walk = async (p: string, top: RootOwnedFile | null): Promise<void> => {
    if (budget-- <= 0) return;
    const st = await ctx.tryLstat(p);
    if (!st) return;
    let cur = top;
    if (st.uid === 0 && !top) {
      cur = { path: p, count: 0 };
      out.push(cur);
    }
    if (cur) cur.count++;
    if (st.isDirectory()) for (const e of await ctx.tryReaddir(p)) await walk(`${p}/${e.name}`, cur);
  };
  for (const d of dirs) await walk(d, null);
  return out;
}

export async function pthFiles(ctx: ScanContext, inv: Inventory): Promise<PthFile[]> {
  const out: PthFile[] = [];
  const seen = new Set<string>();
  for (const env of inv.environments) {
    const recorded = new Set<string>();
    for (const site of env.sites) {
      const pths = listedPthFiles(ctx, site.path) ?? (await ctx.tryReaddir(site.path)).filter((e) => e.name.endsWith('.pth') && e.isFile()).map((e) => e.name);
      if (!pths.length) continue;
      for (const d of env.packages.filter((p) => p.site === site.path)) {
        const rec = await ctx.tryReadText(`${d.metadataPath}/RECORD`);
        // Only whether a .pth is recorded matters: parse just the lines naming one (pip's own RECORD
        // has ~1,000 lines and every venv has it; parsing them all was most of evaluate()).
        if (rec?.includes('.pth')) for (const r of parseRecord(pthLines(rec))) recorded.add(path.posix.normalize(`${site.path}/${r.path}`));
        if (d.dpkgPackage) recorded.add(`${site.path}/${d.name}.pth`);
      }
      for (const name of pths) {
        const p = `${site.path}/${name}`;
        if (seen.has(p)) continue;
        seen.add(p);
        const text = (await ctx.tryReadText(p)) ?? '';
        const execLines = text
          .split(/\r?\n/)
          .map((t, i) => ({ line: i + 1, text: t }))
          .filter((l) => /^import[ \t]/.test(l.text));
        out.push({ envId: env.id, path: p, execLines, owned: recorded.has(p) });
      }
    }
  }
  return out;
}

/** The RECORD lines that mention a .pth file (RECORD is one entry per line). */
function pthLines(rec: string): string {
  return rec
    .split('\n')
    .filter((l) => l.includes('.pth'))
    .join('\n');
}

/** For distributions outside isolated envs: the files RECORD installs into a bin directory. */
export async function recordScripts(ctx: ScanContext, inv: Inventory): Promise<{ scripts: Map<string, string[]>; escapes: Map<string, string[]> }> {
  const out = new Map<string, string[]>();
  const escapes = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const env of inv.environments) {
    for (const d of env.packages) {
      if (d.scope !== 'local' && d.scope !== 'user') continue;
      if (!d.hasRecord || seen.has(d.metadataPath)) continue;
      seen.add(d.metadataPath);
      const rec = await ctx.tryReadText(`${d.metadataPath}/RECORD`);
      if (!rec) continue;
      const entries = parseRecord(rec);
      const scripts = entries
        .map((r) => path.posix.normalize(`${d.site}/${r.path}`))
        .filter((p) => /\/bin\/[^/]+$/.test(p) && !p.startsWith(`${d.site}/`));
      if (scripts.length) out.set(d.metadataPath, scripts);
      const refused = ownedFiles({ siteHost: d.site }, entries).refused.map((r) => r.entry);
      if (refused.length) escapes.set(d.metadataPath, refused);
    }
  }
  return { scripts: out, escapes };
}
