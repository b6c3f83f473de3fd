// pipx: every `venvs/<name>/` under each pipx home, described by its pipx_metadata.json.
//
// Homes come from src/facts/tools.ts (pipx's own order, by the installed pipx's version). We read every
// one of those that exists, because an upgrade of pipx leaves the old home behind with working tools in
// it; `meta.activeHome` says which one pipx uses.
// The global home ($PIPX_GLOBAL_HOME, else /opt/pipx) is read too.
import { venvToolManager } from './tool-manager.js';
import type { ScanContext } from '../context/scan-context.js';
import { isValidDistName, type Environment, type ScanProblem } from '../model.js';
import { exposedApps, parsePipxMetadata, type PipxMetadata, type PipxPackageInfo } from '../formats/pipx-metadata.js';
import { isSafeToolName, readToolFile } from './tool-files.js';
import type { Locator, LocatorResult } from './locator.js';
import { envFromPrefix, errText } from './site.js';
import { mapLimit } from './limit.js';

export { pipxHomes, type PipxHome } from '../facts/tools.js';
import { pipxHomes, type PipxHome } from '../facts/tools.js';

export interface PipxAppLink {
  name: string;
  /** Where pipx put the command (binDir/name+suffix). */
  path: string;
  exists: boolean;
  /** Link text, when it is a symlink. */
  target: string | null;
  /** True when the command resolves into this venv's bin/. */
  pointsIntoVenv: boolean;
}

async function appLinks(ctx: ScanContext, venv: string, binDir: string, apps: string[], suffix: string): Promise<PipxAppLink[]> {
  const venvReal = (await ctx.tryRealpath(venv)) ?? venv;
  return Promise.all(
    apps.map(async (app) => {
      const p = `${binDir}/${app}${suffix}`;
      const lst = await ctx.tryLstat(p);
      let target: string | null = null;
      if (lst?.isSymbolicLink()) target = ctx.tryReadlink(p);
      const real = lst ? await ctx.tryRealpath(p) : null;
      return {
        name: `${app}${suffix}`,
        path: p,
        exists: real !== null,
        target,
        pointsIntoVenv: real !== null && real.startsWith(`${venvReal}/`),
      };
    }),
  );
}

function pkgSummary(p: PipxPackageInfo): Record<string, unknown> {
  return { package: p.package, version: p.packageVersion, packageOrUrl: p.packageOrUrl, apps: p.apps, pipArgs: p.pipArgs };
}

/** One pipx venv → Environment; metadata problems go into health, never thrown. */
export async function pipxEnv(ctx: ScanContext, home: PipxHome, name: string): Promise<Environment> {
  const prefix = `${home.path}/venvs/${name}`;
  const problems: string[] = [];
  let md: PipxMetadata | null = null;
  const mdPath = `${prefix}/pipx_metadata.json`;
  let text: string | null = null;
  try {
    text = await readToolFile(ctx, mdPath);
  } catch (e) {
    problems.push(
      (e as { code?: string }).code === 'ENOENT'
        ? 'pipx_metadata.json is missing (not installed by pipx, or an interrupted install)'
        : `cannot read pipx_metadata.json: ${errText(e)}`,
    );
  }
  if (text !== null) {
    const r = parsePipxMetadata(text, name);
    if (r.ok) {
      md = r.value;
      for (const w of md.warnings) problems.push(`pipx_metadata.json: ${w}`);
    } else problems.push(`pipx_metadata.json is corrupt: ${r.error}`);
  }
  if (!isSafeToolName(name)) problems.push(`venv name ${JSON.stringify(name)} cannot be passed to pipx safely`);
  const main = md?.mainPackage;
  if (main?.package && !isValidDistName(main.package)) {
    problems.push(`pipx_metadata.json names an invalid package ${JSON.stringify(main.package)}`);
  }
  const validMain = main?.package && isValidDistName(main.package) ? main.package : null;
  const suffix = main?.suffix ?? '';
  // Only the apps pipx actually links (hidden apps and unselected dependencies have no link to check).
  const apps = main ? exposedApps(main, md?.exposureEnabled ?? true) : [];
  const meta: Record<string, unknown> = {
    safeName: isSafeToolName(name),
    pipxHome: home.path,
    activeHome: home.active,
    global: home.global,
    binDir: home.binDir,
    mainPackage: validMain,
    version: main?.packageVersion || null,
    packageOrUrl: main?.packageOrUrl ?? null,
    apps,
    appPaths: main?.appPaths ?? [],
    injected: md ? Object.entries(md.injected).map(([k, v]) => ({ key: k, ...pkgSummary(v) })) : [],
    pipArgs: main?.pipArgs ?? [],
    suffix,
    metadataVersion: md?.metadataVersion ?? null,
    exposureEnabled: md?.exposureEnabled ?? true,
    notes: md?.notes ?? [],
    pythonVersion: md?.pythonVersion ?? null,
    backend: md?.backend ?? null,
    appLinks: await appLinks(ctx, prefix, home.binDir, apps, suffix),
    // pipx venvs get pip from this shared venv through pipx_shared.pth, not from their own site-packages.
    sharedLibs: (await ctx.isDir(`${home.path}/shared`)) ? `${home.path}/shared` : null,
  };
  const env = await envFromPrefix(ctx, 'pipx', prefix, name, { meta, noProbe: true });
  env.manager = await venvToolManager(ctx, 'pipx'); // the pipx on PATH, its version from its own dist-info
  if (problems.length) env.health = { ...env.health, ok: false, problems: [...env.health.problems, ...problems] };
  return env;
}

export const pipxLocator: Locator = {
  name: 'pipx',
  async locate(ctx): Promise<LocatorResult> {
    const environments: Environment[] = [];
    const problems: ScanProblem[] = [];
    const seen = new Set<string>();
    for (const home of await pipxHomes(ctx)) {
      const venvs = `${home.path}/venvs`;
      if (!(await ctx.tryLstat(venvs))) continue;
      let real: string;
      try {
        real = await ctx.realpath(venvs);
      } catch (e) {
        problems.push({ locator: 'pipx', path: venvs, message: `cannot follow pipx venvs dir: ${errText(e)}` });
        continue;
      }
      if (seen.has(real)) continue;
      seen.add(real);
      let entries;
      try {
        entries = await ctx.readdir(venvs);
      } catch (e) {
        problems.push({ locator: 'pipx', path: venvs, message: `cannot list pipx venvs: ${errText(e)}` });
        continue;
      }
      const names = entries.map((e) => e.name).sort();
      // Bounded: a home with hundreds of tools must not open thousands of files at once.
      const found = await mapLimit(names, 16, async (n) => {
        if (n.includes('\uFFFD')) {
          problems.push({ locator: 'pipx', path: venvs, message: `non-UTF-8 venv name ${JSON.stringify(n)} skipped` });
          return null;
        }
        if (!(await ctx.isDir(`${venvs}/${n}`))) return null;
        return pipxEnv(ctx, home, n);
      });
      environments.push(...found.filter((e): e is Environment => e !== null));
    }
    return { environments, problems };
  },
};
