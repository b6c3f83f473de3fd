// pyenv's own answers, from files: which version a name in `.python-version` means (pyenv-version-name
// with pyenv-latest's prefix match: `3.12` → the latest installed 3.12.x) and what a shim on PATH runs
// (pyenv-which: the first selected version that has the command; `system` = the next one on PATH
// after the shims). Nothing is executed: shims are bash scripts that would only re-run pyenv.
import type { ScanContext } from '../context/scan-context.js';
import type { PathCommand } from '../model.js';
import * as fs from './resolve.js';

/** Order of pyenv-latest: `sort -t. -k1,1r -k2,2nr -k3,3nr -k4,4nr` over a composed key. */
function latestKey(name: string): string {
  // "pypy3.9-7.3.15" → "pypy3.9.7.3.15.."; "3.12.1" → "3.12.1..."
  const m = /^[A-Za-z0-9]+-/.exec(name);
  return m ? `${name.slice(0, m[0].length - 1)}.${name.slice(m[0].length)}..` : `${name}...`;
}

const num = (s: string | undefined): number => {
  const m = /^\s*-?\d+(\.\d+)?/.exec(s ?? '');
  return m ? Number(m[0]) : 0;
};

function compareLatest(a: string, b: string): number {
  const fa = latestKey(a).split('.');
  const fb = latestKey(b).split('.');
  const f0 = (fb[0] ?? '').localeCompare(fa[0] ?? '', 'en');
  if (f0 !== 0) return f0;
  for (let i = 1; i <= 3; i++) {
    const d = num(fb[i]) - num(fa[i]);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * pyenv-latest over installed versions: exact name, else the newest `<prefix>[-.]…` that is no
 * pre-release, -dev, -src or -latest (and no free-threaded `t` build unless the prefix ends in `t`).
 */
export function pyenvLatest(prefix: string, installed: string[]): string | null {
  if (installed.includes(prefix)) return prefix;
  let p = prefix;
  let suffix = '';
  const t = /^(.*[0-9])t$/.exec(prefix);
  if (t) {
    suffix = 't';
    p = t[1]!;
  }
  const candidates = installed
    .filter((n) => n.startsWith(p) && /^[-.]/.test(n.slice(p.length, p.length + 1)) && n.endsWith(suffix))
    .filter((n) => !/-dev$|-src$|-latest$|(a|b|rc)[0-9]+$/.test(n))
    .filter((n) => suffix || !/[0-9]t$/.test(n));
  return candidates.sort(compareLatest)[0] ?? null;
}

/**
 * pyenv-version-name for each selected name: kept when versions/<name> exists (or is `system`), else
 * without a `python-` prefix, else by pyenv-latest. Unresolvable names map to null (pyenv: "not installed").
 */
export function resolvePyenvNames(names: string[], dirs: string[], versionsNoEnvs: string[]): Array<{ name: string; version: string | null }> {
  return names.map((name) => {
    const norm = name.replace(/^python-/, '');
    if (name === 'system' || dirs.includes(name)) return { name, version: name };
    if (dirs.includes(norm)) return { name, version: norm };
    return { name, version: pyenvLatest(name, versionsNoEnvs) ?? pyenvLatest(norm, versionsNoEnvs) };
  });
}

export interface ShimTarget {
  /** The pyenv version that provides the command (`system` for the next copy on PATH). */
  version: string;
  /** 'PYENV_VERSION' or the version file that selected it. */
  source: string | null;
  /** The interpreter or script that really runs (machine path), null when none does. */
  runs: string | null;
  /** Why nothing runs, when `runs` is null. */
  problem?: string;
}

/** What a pyenv shim resolves to, as pyenv-which would say; null when `cmd` is no pyenv shim. */
export async function resolveShim(
  ctx: ScanContext,
  cmd: PathCommand,
  pathDirs: string[],
  root: string,
  selected: { names: string[]; source: string | null },
  dirs: string[],
  versionsNoEnvs: string[],
): Promise<ShimTarget | null> {
  if (cmd.path !== `${root}/shims/${cmd.name}`) return null;
  const resolved = resolvePyenvNames(selected.names.length ? selected.names : ['system'], dirs, versionsNoEnvs);
  const missing = resolved.filter((r) => !r.version).map((r) => r.name);
  const note = missing.length ? `version '${missing.join("', '")}' is not installed (set by ${selected.source ?? 'default'})` : undefined;
  // pyenv-which tries each selected version, then always `system` (unless --nosystem, which shims never pass).
  const order = [...resolved.map((r) => r.version).filter((v): v is string => v !== null), 'system'];
  for (const version of order) {
    let p: string | null = null;
    if (version === 'system') {
      for (const d of pathDirs) {
        if (d === `${root}/shims`) continue;
        if (await isExecutable(ctx, `${d}/${cmd.name}`)) {
          p = `${d}/${cmd.name}`;
          break;
        }
      }
    } else if (await isExecutable(ctx, `${root}/versions/${version}/bin/${cmd.name}`)) p = `${root}/versions/${version}/bin/${cmd.name}`;
    if (p) {
      const fellBack = version === 'system' && !resolved.some((r) => r.version === 'system');
      const problem = fellBack ? `${note ?? `no selected version has ${cmd.name}`}: pyenv falls back to the system ${cmd.name}` : undefined;
      return { version, source: selected.source, runs: p, ...(problem ? { problem } : {}) };
    }
  }
  return {
    version: order[0]!,
    source: selected.source,
    runs: null,
    problem: `${note ? `${note}; ` : ''}pyenv: ${cmd.name}: command not found`,
  };
}

async function isExecutable(ctx: ScanContext, p: string): Promise<boolean> {
  const st = await fs.stat(ctx, p);
  return !!st && st.isFile() && (st.mode & 0o111) !== 0;
}

/**
 * Names under $PYENV_ROOT/versions: every directory (pyenv's `version_exists`), and those that are not
 * virtualenvs (`pyenv versions --bare --skip-envs`: no links back into versions/, no pyvenv.cfg),
 * which are the only candidates of a prefix match.
 */
export async function pyenvVersionNames(ctx: ScanContext, root: string): Promise<{ dirs: string[]; versionsNoEnvs: string[] }> {
  const versions = `${root}/versions`;
  const dirs: string[] = [];
  const versionsNoEnvs: string[] = [];
  for (const e of await fs.tryReaddir(ctx, versions)) {
    const n = e.name;
    if (n.startsWith('.') || n.includes('\uFFFD')) continue;
    const p = `${versions}/${n}`;
    if (!(await fs.isDir(ctx, p))) continue;
    dirs.push(n);
    if (e.isSymbolicLink()) {
      const real = await fs.tryRealpath(ctx, p);
      const versionsReal = (await fs.tryRealpath(ctx, versions)) ?? versions;
      if (real && real.startsWith(`${versionsReal}/`)) continue;
    }
    if (await ctx.tryLstat(`${p}/pyvenv.cfg`)) continue;
    versionsNoEnvs.push(n);
  }
  return { dirs: dirs.sort(), versionsNoEnvs: versionsNoEnvs.sort() };
}
