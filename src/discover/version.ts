// Python version without running Python: build-details.json, patchlevel.h (in the prefix or in the
// base the interpreter links to), dpkg status, directory names. Running the interpreter is the last
// resort, counted in ctx.spawns and cached by (path, mtime) for the life of the process.
import path from 'node:path';
import type { ScanContext } from '../context/scan-context.js';
import { minorFromName, parseBuildDetails, parsePatchlevel } from '../formats/patchlevel.js';
import { getDpkgStatus } from './dpkg-index.js';
import * as fs from './resolve.js';

/** Version from files under one prefix: build-details.json, then include/pythonX.Y/patchlevel.h. */
export async function versionFromPrefixFiles(
  ctx: ScanContext,
  prefix: string,
  minors: string[],
): Promise<string | null> {
  for (const m of minors) {
    const bd = await fs.tryReadText(ctx, `${prefix}/lib/python${m}/build-details.json`);
    const v = bd ? parseBuildDetails(bd) : null;
    if (v) return v;
  }
  const inc = await fs.tryReaddir(ctx, `${prefix}/include`);
  const dirs = inc.map((e) => e.name).filter((n) => /^python\d+\.\d+/.test(n));
  const wanted = minors.length ? dirs.filter((d) => minors.some((m) => d.startsWith(`python${m}`))) : dirs;
  for (const d of wanted) {
    const text = await fs.tryReadText(ctx, `${prefix}/include/${d}/patchlevel.h`);
    const v = text ? parsePatchlevel(text) : null;
    if (v) return v;
  }
  return null;
}

/** Debian: the version of python3.X-minimal from /var/lib/dpkg/status ("3.11.2-6+deb12u6" → "3.11.2"). */
export async function versionFromDpkgStatus(ctx: ScanContext, minor: string): Promise<string | null> {
  const status = await getDpkgStatus(ctx);
  if (!status) return null;
  const v = status.entries.get(`python${minor}-minimal`)?.version ?? status.entries.get(`libpython${minor}-minimal`)?.version;
  const m = v ? /^(?:\d+:)?(\d+\.\d+\.\d+(?:(?:a|b|rc)\d+)?)/.exec(v) : null;
  return m ? m[1]! : null;
}

/** X.Y implied by lib/pythonX.Y dirs of a prefix. */
export function minorsFromLibNames(names: string[]): string[] {
  return names.map(minorFromName).filter((m): m is string => m !== null);
}

/**
 * Version of the base installation an interpreter symlink leads to, read from the base's files.
 * `exe` is a machine path; its real path's grandparent is taken as the base prefix.
 */
export async function versionFromBase(ctx: ScanContext, exe: string, minors: string[]): Promise<string | null> {
  const real = await fs.tryRealpath(ctx, exe);
  if (!real) return null;
  const basePrefix = path.posix.dirname(path.posix.dirname(real));
  const m = minors.length ? minors : [minorFromName(path.posix.basename(real))].filter((x): x is string => !!x);
  const v = await versionFromPrefixFiles(ctx, basePrefix, m);
  if (v) return v;
  if (basePrefix === '/usr' && m[0]) return versionFromDpkgStatus(ctx, m[0]);
  return null;
}

const probeCache = new Map<string, string | null>();

/** Last resort: run the interpreter once (5 s timeout), cached by (host path, mtime). */
export async function probeVersion(ctx: ScanContext, exe: string): Promise<string | null> {
  const real = await fs.tryRealpath(ctx, exe);
  if (!real) return null;
  const host = ctx.hostPath(real);
  const st = await fs.stat(ctx, real);
  if (!st?.isFile()) return null;
  const key = `${host}\0${st.mtimeMs}`;
  if (probeCache.has(key)) return probeCache.get(key)!;
  ctx.spawns++;
  let v: string | null = null;
  try {
    // Loaded only here: a healthy scan never pays for execa.
    const { execa } = await import('execa');
    const r = await execa(host, ['-c', 'import platform; print(platform.python_version())'], {
      timeout: 5000,
      reject: false,
      env: { PYTHONNOUSERSITE: '1' },
      extendEnv: false,
    });
    v = /^\d+\.\d+\.\d+\S*$/.test(r.stdout.trim()) ? r.stdout.trim() : null;
  } catch {
    v = null;
  }
  probeCache.set(key, v);
  return v;
}

/** For tests: forget cached answers. */
export function resetVersionCaches(): void {
  probeCache.clear();
}
