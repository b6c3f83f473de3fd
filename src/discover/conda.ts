// conda / mamba / micromamba environments: any folder with `conda-meta/` (conda-meta/history is conda's own
// marker). A base is a prefix that also has `condabin/` or `envs/`. Envs may hold no Python at all; they
// are listed with version null and no packages. pixi environments (`conda-meta/pixi`) belong to pixi projects
// and are skipped.
//
// Version: the python left installed after replaying conda-meta/history, else conda-meta/python-X.Y.Z-*.json.
// Packages: the dist-info dirs in site-packages (conda writes INSTALLER=conda), read by readSite.
import path from 'node:path';
import type { ScanContext } from '../context/scan-context.js';
import type { Environment, ScanProblem } from '../model.js';
import { parseCondaHistory, pythonVersionFromMetaFiles, type CondaHistory } from '../formats/conda-meta.js';
import { condaLocations, pyenvRoot } from './conda-locations.js';
import { readToolFile } from './tool-files.js';
import type { Locator, LocatorResult } from './locator.js';
import { envFromPrefix, errText } from './site.js';
import { mapLimit } from './limit.js';

export type CondaKindOfPrefix = 'conda' | 'pixi' | null;

/** Whether a prefix is a conda env ('conda'), a pixi env ('pixi'), or neither. */
export async function condaPrefixKind(ctx: ScanContext, prefix: string): Promise<CondaKindOfPrefix> {
  if (!(await ctx.isDir(`${prefix}/conda-meta`))) return null;
  if (await ctx.exists(`${prefix}/conda-meta/pixi`)) return 'pixi';
  return 'conda';
}

async function isBase(ctx: ScanContext, prefix: string): Promise<boolean> {
  // A micromamba root ($MAMBA_ROOT_PREFIX) may hold neither condabin/ nor envs/ yet: its binary says it.
  return (await ctx.isDir(`${prefix}/condabin`)) || (await ctx.isDir(`${prefix}/envs`)) || (await ctx.isFile(`${prefix}/bin/micromamba`));
}

/**
 * The tool of a conda root, as PET's CondaManager finds it: conda (its version from the installed
 * package record conda-meta/conda-X.Y.Z-*.json), else mamba, else micromamba (version unknown).
 */
async function condaManager(ctx: ScanContext, root: string): Promise<{ tool: string; version: string | null; executable: string } | null> {
  const names = (await ctx.tryReaddir(`${root}/conda-meta`)).map((e) => e.name);
  for (const tool of ['conda', 'mamba', 'micromamba']) {
    const exe = [`${root}/bin/${tool}`, `${root}/condabin/${tool}`];
    let found: string | null = null;
    for (const x of exe) if (await ctx.isFile(x)) found = found ?? x;
    if (!found) continue;
    const rec = names.map((n) => new RegExp(`^${tool}-(\\d[^-]*)-[^-]+\\.json$`).exec(n)).find((m) => m);
    return { tool, version: rec ? rec[1]! : null, executable: found };
  }
  return null;
}

/** conda's platform subdir of the python package record (linux-64, osx-arm64, ...). */
async function condaArch(ctx: ScanContext, prefix: string, file: string | null): Promise<string | null> {
  if (!file) return null;
  const t = await ctx.tryReadText(`${prefix}/conda-meta/${file}`);
  try {
    const j = t ? (JSON.parse(t) as { subdir?: unknown }) : null;
    return typeof j?.subdir === 'string' && /^[a-z0-9_-]+$/.test(j.subdir) ? j.subdir : null;
  } catch {
    return null;
  }
}

/** The conda install that manages `prefix`: itself for a base, `<X>` for `<X>/envs/<n>`, else the `# cmd:` path. */
async function managingRoot(ctx: ScanContext, prefix: string, base: boolean, history: CondaHistory | null): Promise<string | null> {
  if (base) return prefix;
  const parent = path.posix.dirname(prefix);
  if (path.posix.basename(parent) === 'envs') {
    const root = path.posix.dirname(parent);
    if (await ctx.isDir(`${root}/conda-meta`)) return root;
  }
  // `# cmd: /home/u/miniconda3/bin/conda create -p /x` (also condabin/conda, bin/mamba, micromamba).
  for (const cmd of [...(history?.commands ?? [])].reverse()) {
    const exe = cmd.split(/\s+/)[0] ?? '';
    if (!/\/(bin|condabin)\/(conda|mamba)(-script\.py)?$/.test(exe)) continue;
    const root = path.posix.dirname(path.posix.dirname(exe));
    if (await ctx.isDir(`${root}/conda-meta`)) return root;
  }
  return null;
}

/** `miniconda3-latest` for `$PYENV_ROOT/versions/miniconda3-latest[/envs/x]`, else null. */
function pyenvVersionOf(ctx: ScanContext, prefix: string): string | null {
  const v = `${pyenvRoot(ctx)}/versions/`;
  return prefix.startsWith(v) ? (prefix.slice(v.length).split('/')[0] ?? null) : null;
}

/** Build the Environment for one conda prefix. */
export async function condaEnv(
  ctx: ScanContext,
  prefix: string,
  opts: { envsDirs?: string[]; registered?: Set<string> } = {},
): Promise<Environment> {
  const problems: string[] = [];
  let history: CondaHistory | null = null;
  const histPath = `${prefix}/conda-meta/history`;
  try {
    history = parseCondaHistory(await readToolFile(ctx, histPath));
    if (history.badLines.length) {
      const n = history.badLines.length;
      problems.push(`conda-meta/history: ${n} unreadable line${n > 1 ? 's' : ''} (first: line ${history.badLines[0]})`);
    }
  } catch (e) {
    if ((e as { code?: string }).code !== 'ENOENT') problems.push(`cannot read conda-meta/history: ${errText(e)}`);
  }
  let version = history?.pythonVersion ?? null;
  let versionSource: string | null = version ? `${histPath}:${history!.pythonLine}` : null;
  if (!history || (!version && !history.installed.size)) {
    // No usable history: the package records say what is installed.
    const names = (await ctx.tryReaddir(`${prefix}/conda-meta`)).map((e) => e.name);
    const rec = pythonVersionFromMetaFiles(names);
    if (rec) {
      version = rec.version;
      versionSource = `${prefix}/conda-meta/${rec.file}`;
    }
  }
  const base = await isBase(ctx, prefix);
  const root = await managingRoot(ctx, prefix, base, history);
  const parent = path.posix.dirname(prefix);
  const named = path.posix.basename(parent) === 'envs' || (opts.envsDirs ?? []).includes(parent);
  let condaName = base ? 'base' : named ? path.posix.basename(prefix) : null;
  // conda refuses names with spaces, '/', ':' or '#'; such a name must not reach a `conda -n` command line.
  if (condaName && !/^[^\s/:#]+$/.test(condaName)) {
    problems.push(`env name ${JSON.stringify(condaName)} is not one conda accepts; use its path`);
    condaName = null;
  }
  const hasPython = version !== null || (await ctx.exists(`${prefix}/bin/python`));
  const env = await envFromPrefix(ctx, 'conda', prefix, condaName ?? path.posix.basename(prefix), {
    version,
    requirePython: hasPython,
    noProbe: true,
    meta: {
      condaName,
      isBase: base,
      root,
      registered: opts.registered?.has(prefix) ?? false,
      versionSource,
      condaVersion: history?.condaVersion ?? null,
      // `pyenv install miniconda3-latest` puts a conda root under pyenv: say so, pyenv can select it.
      pyenvVersion: pyenvVersionOf(ctx, prefix),
    },
  });
  if (!hasPython) env.python.executable = null;
  const manager = root ? await condaManager(ctx, root) : null;
  if (manager) env.manager = manager;
  const pyRecord = pythonVersionFromMetaFiles((await ctx.tryReaddir(`${prefix}/conda-meta`)).map((e) => e.name));
  env.arch = await condaArch(ctx, prefix, pyRecord?.file ?? null);
  if (manager?.tool === 'conda' && manager.version) (env.meta ??= {}).condaVersion = manager.version;
  if (problems.length) env.health = { ...env.health, ok: false, problems: [...env.health.problems, ...problems] };
  return env;
}

export const condaLocator: Locator = {
  name: 'conda',
  async locate(ctx): Promise<LocatorResult> {
    const loc = await condaLocations(ctx);
    const problems: ScanProblem[] = [...loc.problems];
    const seen = new Set<string>();
    const picked: string[] = [];
    for (const p of loc.prefixes) {
      const kind = await condaPrefixKind(ctx, p);
      if (kind !== 'conda') continue;
      let real: string;
      try {
        real = await ctx.realpath(p);
      } catch (e) {
        problems.push({ locator: 'conda', path: p, message: `cannot resolve: ${errText(e)}` });
        continue;
      }
      if (seen.has(real)) continue;
      seen.add(real);
      picked.push(p);
    }
    for (const p of loc.registered) {
      if (!(await ctx.tryLstat(p))) {
        problems.push({ locator: 'conda', path: p, message: 'listed in ~/.conda/environments.txt but missing' });
      }
    }
    const environments = await mapLimit(picked, 16, (p) => condaEnv(ctx, p, loc));
    return { environments, problems };
  },
};
