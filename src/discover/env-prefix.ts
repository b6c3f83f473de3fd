// envFromPrefix: a full Environment for a venv-like prefix (venv, pipx venv, conda env, pyenv version).
// Everything comes from files: pyvenv.cfg, bin/, lib/pythonX.Y/, include/. Problems become health
// entries; nothing here throws for bad input.
import path from 'node:path';
import type { ScanContext } from '../context/scan-context.js';
import { envId, type Distribution, type EnvKind, type Environment, type SiteDir } from '../model.js';
import { parsePyvenvCfg, type PyvenvCfg } from '../formats/pyvenv-cfg.js';
import { findSitePackages, readSite, errText } from './site-read.js';
import { getDpkgIndex } from './dpkg-index.js';
import { minorsFromLibNames, probeVersion, versionFromBase, versionFromPrefixFiles } from './version.js';
import * as fs from './resolve.js';
import { stripTrailingSlashes } from '../text/trim.js';
import { archFromPrefix } from './arch.js';

export interface EnvExtra {
  meta?: Record<string, unknown>;
  /** A version the caller already knows (conda-meta, directory name); beats file probing. */
  version?: string | null;
  /** Interpreter path to report instead of the one found in bin/. */
  executable?: string | null;
  /** Sites to read instead of lib/python*\/site-packages. */
  sites?: SiteDir[];
  /** Sites read in addition (after the prefix's own). */
  extraSites?: SiteDir[];
  /** Conda envs may legitimately hold no Python; default true. */
  requirePython?: boolean;
  /** Add ~/.local/lib/pythonX.Y/site-packages (scope user, order 0) — for non-venv interpreters only. */
  includeUserSite?: boolean;
  /** Skip the last-resort interpreter run (default: allowed, only when no file gives a version). */
  noProbe?: boolean;
  /** pyvenv.cfg's text when the caller has read it already (the venv locator classifies by it). */
  pyvenvCfgText?: string;
}

const EXE_NAMES = [/^python$/, /^python3$/, /^python\d+\.\d+t?$/, /^pypy3?$/, /^pypy\d+\.\d+$/];

/** Build an Environment from a prefix; `name` is the short display name. */
export async function envFromPrefix(
  ctx: ScanContext,
  kind: EnvKind,
  prefix: string,
  name: string,
  extra: EnvExtra = {},
): Promise<Environment> {
  const problems: string[] = [];
  /** First reason the interpreter cannot start, if any (see Health.cannotRun). */
  let cannotRun: string | undefined;
  const dpkgP = getDpkgIndex(ctx);

  let cfg: PyvenvCfg | null = null;
  const cfgStat = extra.pyvenvCfgText !== undefined || (await ctx.tryLstat(`${prefix}/pyvenv.cfg`)) !== null;
  if (cfgStat) {
    try {
      const parsed = parsePyvenvCfg(extra.pyvenvCfgText ?? (await fs.readText(ctx, `${prefix}/pyvenv.cfg`)));
      if ('error' in parsed) problems.push(parsed.error);
      else cfg = parsed;
    } catch (e) {
      problems.push(`cannot read pyvenv.cfg: ${errText(e)}`);
    }
  }
  const isVenv = cfgStat;

  // Interpreter: first of python, python3, pythonX.Y present in bin/ (lstat so dangling links count).
  const binEntries = await fs.tryReaddir(ctx, `${prefix}/bin`);
  const binNames = binEntries.map((e) => e.name);
  let exeName: string | undefined;
  for (const re of EXE_NAMES) {
    exeName = binNames.filter((n) => re.test(n)).sort()[0];
    if (exeName) break;
  }
  let exe: string | null = exeName ? `${prefix}/bin/${exeName}` : null;
  let exeOk = false;
  if (exe) {
    const real = await realOrProblem(ctx, exe);
    if (typeof real === 'string') exeOk = (await fs.stat(ctx, exe))?.isFile() ?? false;
    else {
      problems.push(real.problem);
      cannotRun ??= real.problem;
    }
  } else if (extra.requirePython !== false) {
    const p = binEntries.length || (await fs.isDir(ctx, `${prefix}/bin`)) ? 'no Python interpreter in bin/' : 'bin/ directory is missing or unreadable';
    problems.push(p);
    // An unreadable bin/ is a permission problem, not a missing interpreter.
    if (p === 'no Python interpreter in bin/') cannotRun ??= p;
  }

  // Base interpreter named by pyvenv.cfg must still exist.
  let base: string | null = null;
  if (cfg) {
    base = cfg.executable ?? (cfg.home ? `${stripTrailingSlashes(cfg.home)}/${exeName ?? 'python3'}` : null);
    if (cfg.home && !(await fs.isDir(ctx, cfg.home))) {
      problems.push(`base interpreter directory ${cfg.home} (pyvenv.cfg home) is missing`);
      cannotRun ??= problems[problems.length - 1];
    } else if (cfg.executable && !(await fs.isAny(ctx, cfg.executable))) {
      problems.push(`base interpreter ${cfg.executable} (pyvenv.cfg executable) is missing`);
      cannotRun ??= problems[problems.length - 1];
    }
    if (!cfg.home && !cfg.executable) problems.push('pyvenv.cfg names no base interpreter (home)');
  }

  // Sites and lib/pythonX.Y names (for versions and the PEP 668 marker).
  const libList = (await fs.tryReaddir(ctx, `${prefix}/lib`)).map((e) => e.name);
  const libNames = libList.filter((n) => /^(python|pypy)\d/.test(n));
  const minors = minorsFromLibNames(libNames);
  const sitePaths = extra.sites ? null : await findSitePackages(ctx, prefix, { lib: libList });
  const sites: SiteDir[] = extra.sites ?? sitePaths!.map((p, i) => ({ path: p, scope: 'env', order: i + 1 }));
  if (!extra.sites && !sites.length && (exe || libNames.length)) {
    if (libNames.length || isVenv) problems.push((await unreadable(ctx, `${prefix}/lib`)) ?? 'no site-packages directory found');
  }
  if (extra.includeUserSite && !isVenv && minors[0]) {
    const us = `${ctx.home}/.local/lib/python${minors[0]}/site-packages`;
    if (await fs.isDir(ctx, us)) sites.unshift({ path: us, scope: 'user', order: 0 });
  }
  if (extra.extraSites) sites.push(...extra.extraSites);

  // Version: caller's, pyvenv.cfg, files in the prefix, files of the base, X.Y from lib names, probe.
  let version = extra.version ?? cfg?.version ?? null;
  if (!version) version = await versionFromPrefixFiles(ctx, prefix, minors);
  if (!version && exe && exeOk) version = await versionFromBase(ctx, exe, minors);
  if (!version && cfg?.home) {
    version = await versionFromPrefixFiles(ctx, path.posix.dirname(stripTrailingSlashes(cfg.home)), minors);
  }
  if (!version && minors[0]) version = minors[0];
  if (!version && exe && exeOk && !extra.noProbe) version = await probeVersion(ctx, exe);

  // PEP 668: only a non-venv prefix can be externally managed.
  let markerPath: string | null = null;
  if (!isVenv) {
    for (const l of libNames) {
      const m = `${prefix}/lib/${l}/EXTERNALLY-MANAGED`;
      if (await fs.isFile(ctx, m)) {
        markerPath = m;
        break;
      }
    }
  }

  const dpkg = await dpkgP;
  const results = await Promise.all(sites.map((s) => readSite(ctx, s, { dpkg })));
  const packages: Distribution[] = [];
  for (const r of results) {
    packages.push(...r.packages);
    problems.push(...r.problems);
  }

  const env: Environment = {
    id: envId(kind, prefix),
    kind,
    name,
    prefix,
    python: { version, executable: extra.executable ?? exe, base },
    externallyManaged: markerPath !== null,
    markerPath,
    systemSitePackages: cfg?.includeSystemSitePackages ?? false,
    health: { ok: problems.length === 0, problems, ...(cannotRun ? { cannotRun } : {}) },
    sites,
    packages,
  };
  const meta: Record<string, unknown> = { ...(extra.meta ?? {}) };
  if (cfg?.uv) meta.uv = cfg.uv;
  if (cfg?.virtualenv) meta.virtualenv = cfg.virtualenv;
  if (cfg?.prompt) meta.prompt = cfg.prompt;
  if (Object.keys(meta).length) env.meta = meta;
  // build-details.json (3.14+) of the prefix, or of the base a venv was made from, names the CPU.
  const arch = (await archFromPrefix(ctx, prefix, minors)) ?? (cfg?.home ? await archFromPrefix(ctx, path.posix.dirname(stripTrailingSlashes(cfg.home)), minors) : null);
  if (arch) env.arch = arch;
  // The tool that wrote pyvenv.cfg says its name and version (uv = 0.4.30, virtualenv = 20.26.6).
  if (cfg?.uv) env.manager = { tool: 'uv', version: cfg.uv };
  else if (cfg?.virtualenv) env.manager = { tool: 'virtualenv', version: cfg.virtualenv };
  return env;
}

/** Real path of a link, or a problem describing why it cannot be followed. */
async function realOrProblem(ctx: ScanContext, p: string): Promise<string | { problem: string }> {
  try {
    return await fs.realpath(ctx, p);
  } catch (e) {
    const rel = path.posix.basename(path.posix.dirname(p)) + '/' + path.posix.basename(p);
    let target = '';
    try {
      target = ` → ${await ctx.readlink(p)}`;
    } catch {
      /* not a link */
    }
    const code = (e as { code?: string }).code;
    if (code === 'ELOOP') return { problem: `${rel}${target} is a symlink loop` };
    return { problem: `${rel}${target} is dangling (base interpreter removed or moved)` };
  }
}

/** `cannot read DIR: permission denied` when DIR exists but cannot be listed; null otherwise. */
async function unreadable(ctx: ScanContext, dir: string): Promise<string | null> {
  try {
    await ctx.readdir(dir);
    return null;
  } catch (e) {
    const code = (e as { code?: string }).code;
    return code === 'EACCES' || code === 'EPERM' ? `cannot read ${dir}: permission denied` : null;
  }
}
