// The I/O half of risk evaluation: everything rules need beyond the Inventory, read once through
// ScanContext (so --root images and sandboxes behave like live machines). Rules stay pure.
import path from 'node:path';
import type { ScanContext } from '../context.js';
import type { Environment, Inventory } from '../model.js';
import { parseDiversions, parseDpkgList, packageFromListFile, normalizeDpkgPath, type Diversion } from '../formats/dpkg.js';
import type { PipConfig } from '../formats/pip-config.js';
import { parseRecord } from '../formats/record.js';
import { listedPthFiles } from '../discover/site-read.js';
import type { UvConfig } from '../formats/uv-config.js';
import { detectPlatform } from '../platform/index.js';
import { loadPipConfig, loadUvConfig } from './config-load.js';

export interface MarkerFacts {
  /** Where the marker belongs (stdlib dir of the interpreter). */
  path: string;
  present: boolean;
  /** dpkg package whose .list names the marker (it should be there). */
  listedBy: string | null;
  /** `EXTERNALLY-MANAGED.distrib` exists beside it (dpkg-divert --rename). */
  distribPresent: boolean;
  diversion: Diversion | null;
}

export interface PthFile {
  envId: string;
  path: string;
  /** Lines that Python executes at start-up (`import ...`), with 1-based numbers. */
  execLines: Array<{ line: number; text: string }>;
  /** Listed in some distribution's RECORD (shipped by a package) or by dpkg. */
  owned: boolean;
}

export interface RootOwnedFile {
  path: string;
  /** How many root-owned entries lie under it (path is the topmost one). */
  count: number;
}

export interface RiskFacts {
  home: string;
  uid: number;
  env: Record<string, string | undefined>;
  container: { kind: string; path?: string } | null;
  raspberryPi: { model?: string } | null;
  /** 64-bit userland (dpkg arch arm64/amd64 or the scanning process's arch). */
  is64bit: boolean;
  /** pip configuration per environment id (system interpreters and venvs). */
  pip: Map<string, PipConfig>;
  uv: UvConfig;
  markers: Map<string, MarkerFacts>;
  diversions: Diversion[];
  rootOwned: RootOwnedFile[];
  pth: PthFile[];
  /** Script files a distribution's RECORD puts outside its site dir: metadataPath → machine paths. */
  recordScripts: Map<string, string[]>;
  /** Command names in /usr/bin (apt's), to tell when a pip script hides one. */
  usrBin: Set<string>;
}

const WALK_LIMIT = 20000;

/** Reads every fact the rules need. Never throws for bad input. */
export async function gatherFacts(inv: Inventory, ctx: ScanContext): Promise<RiskFacts> {
  const platform = await detectPlatform(ctx).catch(() => null);
  const diversions = parseDiversions((await ctx.tryReadText('/var/lib/dpkg/diversions')) ?? '');
  const dpkgArch = ((await ctx.tryReadText('/var/lib/dpkg/arch')) ?? '').trim().split('\n')[0] || null;
  const pip = new Map<string, PipConfig>();
  const markers = new Map<string, MarkerFacts>();
  const markerPaths = new Map<string, string>();
  for (const env of inv.environments) {
    pip.set(env.id, await loadPipConfig(ctx, env.prefix));
    if (env.kind === 'system') markerPaths.set(env.id, markerPathOf(env));
  }
  const listedBy = await dpkgOwners(ctx, new Set(markerPaths.values()));
  for (const [id, mp] of markerPaths) {
    markers.set(id, {
      path: mp,
      present: await ctx.isFile(mp),
      listedBy: listedBy.get(mp) ?? null,
      distribPresent: await ctx.exists(`${mp}.distrib`),
      diversion: diversions.find((d) => normalizeDpkgPath(d.original) === normalizeDpkgPath(mp)) ?? null,
    });
  }
  const arch = dpkgArch ?? ctx.arch;
  return {
    home: ctx.home,
    uid: ctx.uid,
    env: ctx.env,
    container: platform?.container ?? null,
    raspberryPi: platform?.raspberryPi ?? null,
    is64bit: /^(arm64|aarch64|amd64|x64|x86_64|ppc64|ppc64el|s390x|riscv64)$/.test(arch),
    pip,
    uv: await loadUvConfig(ctx),
    markers,
    diversions,
    rootOwned: await rootOwned(ctx, [`${ctx.home}/.local`, `${ctx.home}/.cache/pip`]),
    pth: await pthFiles(ctx, inv),
    recordScripts: await recordScripts(ctx, inv),
    usrBin: new Set((await ctx.tryReaddir('/usr/bin')).map((e) => e.name)),
  };
}

function markerPathOf(env: Environment): string {
  if (env.markerPath) return env.markerPath;
  const stdlib = typeof env.meta?.stdlib === 'string' ? env.meta.stdlib : null;
  if (stdlib) return `${stdlib}/EXTERNALLY-MANAGED`;
  const minor = /^(\d+\.\d+)/.exec(env.python.version ?? '')?.[1] ?? '3';
  return `${env.prefix}/lib/python${minor}/EXTERNALLY-MANAGED`;
}

/** dpkg package listing each wanted path, from /var/lib/dpkg/info/*.list. */
async function dpkgOwners(ctx: ScanContext, wanted: Set<string>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!wanted.size) return out;
  const norm = new Map([...wanted].map((w) => [normalizeDpkgPath(w), w]));
  for (const e of await ctx.tryReaddir('/var/lib/dpkg/info')) {
    const pkg = packageFromListFile(e.name);
    if (!pkg) continue;
    const text = await ctx.tryReadText(`/var/lib/dpkg/info/${e.name}`);
    if (!text || !text.includes('EXTERNALLY-MANAGED')) continue;
    for (const p of parseDpkgList(text, (x) => x.endsWith('EXTERNALLY-MANAGED'))) {
      const w = norm.get(normalizeDpkgPath(p));
      if (w) out.set(w, pkg);
    }
  }
  return out;
}

/** Topmost root-owned entries under the given dirs (only meaningful when the user is not root). */
async function rootOwned(ctx: ScanContext, dirs: string[]): Promise<RootOwnedFile[]> {
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

async function pthFiles(ctx: ScanContext, inv: Inventory): Promise<PthFile[]> {
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
async function recordScripts(ctx: ScanContext, inv: Inventory): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const env of inv.environments) {
    for (const d of env.packages) {
      if (d.scope !== 'local' && d.scope !== 'user') continue;
      if (!d.hasRecord || out.has(d.metadataPath)) continue;
      const rec = await ctx.tryReadText(`${d.metadataPath}/RECORD`);
      if (!rec) continue;
      const scripts = parseRecord(rec)
        .map((r) => path.posix.normalize(`${d.site}/${r.path}`))
        .filter((p) => /\/bin\/[^/]+$/.test(p) && !p.startsWith(`${d.site}/`));
      if (scripts.length) out.set(d.metadataPath, scripts);
    }
  }
  return out;
}
