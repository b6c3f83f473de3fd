// uv: tool venvs (`uv tool install`) and uv-managed Pythons (`uv python install`).
//
// Tools live in $UV_TOOL_DIR, else ${XDG_DATA_HOME:-~/.local/share}/uv/tools/<name>, each a venv with a
// `uv-receipt.toml`; their commands go to $UV_TOOL_BIN_DIR, $XDG_BIN_HOME, $XDG_DATA_HOME/../bin or ~/.local/bin.
// Pythons live in $UV_PYTHON_INSTALL_DIR, else ${XDG_DATA_HOME:-~/.local/share}/uv/python/<key>, where the key
// `<impl>-<version>-<os>-<arch>-<libc>` gives the version. uv writes its own EXTERNALLY-MANAGED into each
// Python's stdlib dir, so they come out externally managed (envFromPrefix reads the marker).
// uv uses these XDG paths on macOS too.
import path from 'node:path';
import type { ScanContext } from '../context/scan-context.js';
import { isValidDistName, normalizeName, type Environment, type ScanProblem } from '../model.js';
import { parseUvPythonDirName, parseUvReceipt, type UvReceipt } from '../formats/uv-receipt.js';
import { isSafeToolName, readToolFile } from './tool-files.js';
import type { Locator, LocatorResult } from './locator.js';
import { envFromPrefix, errText } from './site.js';
import { mapLimit } from './limit.js';

function dataHome(ctx: ScanContext): string {
  return ctx.env.XDG_DATA_HOME || `${ctx.home}/.local/share`;
}

/** Directory holding uv tool venvs. */
export function uvToolDir(ctx: ScanContext): string {
  return ctx.env.UV_TOOL_DIR || `${dataHome(ctx)}/uv/tools`;
}

/** Directory uv links tool commands into (uv's tool executable dir precedence). */
export function uvToolBinDir(ctx: ScanContext): string {
  if (ctx.env.UV_TOOL_BIN_DIR) return ctx.env.UV_TOOL_BIN_DIR;
  if (ctx.env.XDG_BIN_HOME) return ctx.env.XDG_BIN_HOME;
  if (ctx.env.XDG_DATA_HOME) return path.posix.join(ctx.env.XDG_DATA_HOME, '..', 'bin');
  return `${ctx.home}/.local/bin`;
}

/** Directory holding uv-managed Pythons. */
export function uvPythonDir(ctx: ScanContext): string {
  return ctx.env.UV_PYTHON_INSTALL_DIR || `${dataHome(ctx)}/uv/python`;
}

/** Entries of a directory as names, or a problem when it exists but cannot be listed. */
async function listDir(ctx: ScanContext, dir: string, problems: ScanProblem[], locator: string): Promise<string[]> {
  if (!(await ctx.tryLstat(dir))) return [];
  try {
    const names = (await ctx.readdir(dir)).map((e) => e.name).sort();
    return names.filter((n) => {
      if (!n.includes('\uFFFD')) return true;
      problems.push({ locator, path: dir, message: `non-UTF-8 name ${JSON.stringify(n)} skipped` });
      return false;
    });
  } catch (e) {
    problems.push({ locator, path: dir, message: `cannot list ${dir}: ${errText(e)}` });
    return [];
  }
}

async function toolEnv(ctx: ScanContext, prefix: string, name: string): Promise<Environment> {
  const problems: string[] = [];
  if (!isSafeToolName(name)) problems.push(`tool name ${JSON.stringify(name)} cannot be passed to uv safely`);
  let receipt: UvReceipt | null = null;
  const text = await readToolFile(ctx, `${prefix}/uv-receipt.toml`).catch((e: unknown) => {
    problems.push(
      (e as { code?: string }).code === 'ENOENT'
        ? 'uv-receipt.toml is missing (interrupted install?)'
        : `cannot read uv-receipt.toml: ${errText(e)}`,
    );
    return null;
  });
  if (text !== null) {
    const r = parseUvReceipt(text);
    if (r.ok) {
      receipt = r.value;
      for (const w of r.value.warnings) problems.push(`uv-receipt.toml: ${w}`);
    } else problems.push(`uv-receipt.toml is corrupt: ${r.error}`);
  }
  const prefixReal = (await ctx.tryRealpath(prefix)) ?? prefix;
  const entrypoints = await Promise.all(
    (receipt?.entrypoints ?? []).map(async (ep) => {
      const real = await ctx.tryRealpath(ep.installPath);
      return { ...ep, exists: real !== null, pointsIntoVenv: real !== null && real.startsWith(`${prefixReal}/`) };
    }),
  );
  // The first requirement is the tool itself; its name may reach `uv tool` command lines, so it is validated.
  let main = receipt?.requirements[0] ?? null;
  if (main && !isValidDistName(main.name)) {
    problems.push(`uv-receipt.toml names an invalid package ${JSON.stringify(main.name)}`);
    main = null;
  }
  const meta: Record<string, unknown> = {
    safeName: isSafeToolName(name),
    mainPackage: main?.name ?? null,
    requirements: receipt?.requirements ?? [],
    python: receipt?.python ?? null,
    entrypoints,
    apps: entrypoints.map((e) => e.name),
    binDir: uvToolBinDir(ctx),
  };
  const env = await envFromPrefix(ctx, 'uv-tool', prefix, name, { meta, noProbe: true });
  // The receipt holds what was asked for; the installed version comes from the venv's own dist-info.
  const dist = main ? env.packages.find((p) => p.name === normalizeName(main.name)) : undefined;
  env.meta = { ...env.meta, version: dist?.version ?? null };
  if (problems.length) env.health = { ...env.health, ok: false, problems: [...env.health.problems, ...problems] };
  return env;
}

/** uv tool venvs. */
export const uvToolLocator: Locator = {
  name: 'uv-tool',
  async locate(ctx): Promise<LocatorResult> {
    const problems: ScanProblem[] = [];
    const dir = uvToolDir(ctx);
    const names = await listDir(ctx, dir, problems, 'uv-tool');
    const envs = await mapLimit(names, 16, async (n) => {
      // uv keeps `.lock` and temp dirs beside the tools.
      if (n.startsWith('.') || !(await ctx.isDir(`${dir}/${n}`))) return null;
      return toolEnv(ctx, `${dir}/${n}`, n);
    });
    return { environments: envs.filter((e): e is Environment => e !== null), problems };
  },
};

/** uv-managed Python installations. */
export const uvPythonLocator: Locator = {
  name: 'uv-python',
  async locate(ctx): Promise<LocatorResult> {
    const problems: ScanProblem[] = [];
    const dir = uvPythonDir(ctx);
    const names = await listDir(ctx, dir, problems, 'uv-python');
    const seen = new Set<string>();
    const out: Environment[] = [];
    // Full versions first, so the minor-version links uv ≥ 0.8 adds (cpython-3.12-…) dedupe onto them.
    const keyed = names
      .map((n) => ({ n, key: parseUvPythonDirName(n) }))
      .filter((x): x is { n: string; key: NonNullable<ReturnType<typeof parseUvPythonDirName>> } => x.key !== null)
      .sort((a, b) => Number(a.key.minorLink) - Number(b.key.minorLink));
    for (const { n, key } of keyed) {
      const prefix = `${dir}/${n}`;
      const real = await ctx.tryRealpath(prefix);
      if (!real) {
        problems.push({ locator: 'uv-python', path: prefix, message: 'dangling or looping link to a uv Python' });
        continue;
      }
      if (seen.has(real) || !(await ctx.isDir(prefix))) continue;
      seen.add(real);
      // uv before 0.2 unpacked python-build-standalone as-is: the installation sits in `install/`.
      const legacy = !(await ctx.isDir(`${prefix}/bin`)) && (await ctx.isDir(`${prefix}/install/bin`));
      const env = await envFromPrefix(ctx, 'uv-python', legacy ? `${prefix}/install` : prefix, n, {
        version: key.minorLink ? null : key.version,
        includeUserSite: true,
        noProbe: true,
        meta: { implementation: key.implementation, variants: key.variants, os: key.os, arch: key.arch, libc: key.libc, ...(legacy ? { layout: 'install/' } : {}) },
      });
      env.arch = key.arch;
      env.manager = { tool: 'uv', version: null };
      out.push(env);
    }
    return { environments: out, problems };
  },
};
