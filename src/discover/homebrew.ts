// Homebrew Pythons: kegs `Cellar/python@X.Y/X.Y.Z[_rev]/` under each Homebrew prefix ($HOMEBREW_PREFIX,
// /opt/homebrew, /usr/local, /home/linuxbrew/.linuxbrew, ~/.linuxbrew).
//
// The version is the keg directory (the `_1` revision suffix dropped). On Linux the keg is the Python prefix;
// on macOS the prefix is `<keg>/Frameworks/Python.framework/Versions/X.Y`. Homebrew writes EXTERNALLY-MANAGED
// into that prefix's lib/pythonX.Y/, and links the keg's site-packages to `<brew>/lib/pythonX.Y/site-packages`
// so packages survive upgrades; that shared directory is where `pip install --break-system-packages` lands, so
// it is reported with scope 'local' (the admin's site, like /usr/local on Debian). A keg is `linked` when
// `<brew>/bin/pythonX.Y` resolves into it; only a linked keg is what users run.
import type { ScanContext } from '../context/scan-context.js';
import type { Environment, ScanProblem, SiteDir } from '../model.js';
import type { Locator, LocatorResult } from './locator.js';
import { envFromPrefix, errText } from './site.js';
import { stripTrailingSlashes } from '../text/trim.js';
import { parseInstallReceipt } from './arch.js';
import * as fs from './resolve.js';

/** Homebrew prefixes to look in (machine paths), $HOMEBREW_PREFIX first. */
export function homebrewPrefixes(ctx: ScanContext): string[] {
  const list = [ctx.env.HOMEBREW_PREFIX, '/opt/homebrew', '/usr/local', '/home/linuxbrew/.linuxbrew', ...ctx.homes.map((h) => `${h}/.linuxbrew`)];
  return [...new Set(list.filter((p): p is string => !!p && p.startsWith('/')).map((p) => stripTrailingSlashes(p)))];
}

/** X.Y of a formula name (`python@3.12` → 3.12) or, for the unversioned `python` formula, of the keg version. */
export function formulaMinor(formula: string, kegVersion: string): string | null {
  const m = /^python@(\d+\.\d+)$/.exec(formula) ?? /^(\d+\.\d+)/.exec(kegVersion);
  return m ? m[1]! : null;
}

async function kegEnv(ctx: ScanContext, brew: string, formula: string, keg: string): Promise<Environment | null> {
  const kegDir = `${brew}/Cellar/${formula}/${keg}`;
  const version = keg.replace(/_\d+$/, '');
  const minor = formulaMinor(formula, version);
  if (!minor || !/^\d+\.\d+(\.\d+)?((a|b|rc)\d+)?$/.test(version)) return null;
  const framework = `${kegDir}/Frameworks/Python.framework/Versions/${minor}`;
  const pyPrefix = (await ctx.isDir(framework)) ? framework : kegDir;

  const link = `${brew}/bin/python${minor}`;
  const kegReal = (await ctx.tryRealpath(kegDir)) ?? kegDir;
  const linkReal = await ctx.tryRealpath(link);
  const linked = linkReal !== null && linkReal.startsWith(`${kegReal}/`);

  // The keg's site-packages is normally a link to the shared one; use the shared dir when the link is missing.
  const kegSite = `${pyPrefix}/lib/python${minor}/site-packages`;
  const brewSite = `${brew}/lib/python${minor}/site-packages`;
  const sitePath = (await ctx.isDir(kegSite)) ? kegSite : (await ctx.isDir(brewSite)) ? brewSite : null;
  const sites: SiteDir[] = sitePath ? [{ path: sitePath, scope: 'local', order: 1 }] : [];

  const env = await envFromPrefix(ctx, 'homebrew', pyPrefix, formula, {
    version,
    sites,
    includeUserSite: true,
    noProbe: true,
    ...(linked ? { executable: link } : {}),
    meta: { brewPrefix: brew, formula, kegVersion: keg, keg: kegDir, linked, sharedSite: brewSite },
  });
  // The keg's receipt says which CPU it was poured for and which Homebrew installed it.
  const receipt = await fs.tryReadText(ctx, `${kegDir}/INSTALL_RECEIPT.json`);
  if (receipt !== null) {
    const r = parseInstallReceipt(receipt);
    if (r.arch) env.arch = r.arch;
    env.manager = { tool: 'homebrew', version: r.homebrewVersion, executable: (await fs.isFile(ctx, `${brew}/bin/brew`)) ? `${brew}/bin/brew` : null };
  }
  return env;
}

export const homebrewLocator: Locator = {
  name: 'homebrew',
  scope: 'machine',
  async locate(ctx): Promise<LocatorResult> {
    const problems: ScanProblem[] = [];
    const environments: Environment[] = [];
    const seen = new Set<string>();
    for (const brew of homebrewPrefixes(ctx)) {
      const cellar = `${brew}/Cellar`;
      const real = await ctx.tryRealpath(cellar);
      if (!real || seen.has(real)) continue;
      seen.add(real);
      let formulas: string[];
      try {
        formulas = (await ctx.readdir(cellar)).map((e) => e.name).filter((n) => /^python(@\d+\.\d+)?$/.test(n));
      } catch (e) {
        problems.push({ locator: 'homebrew', path: cellar, message: `cannot list: ${errText(e)}` });
        continue;
      }
      for (const f of formulas.sort()) {
        const kegs = (await ctx.tryReaddir(`${cellar}/${f}`)).map((e) => e.name).filter((n) => !n.startsWith('.')).sort();
        const envs = await Promise.all(kegs.map((k) => kegEnv(ctx, brew, f, k)));
        environments.push(...envs.filter((e): e is Environment => e !== null));
      }
    }
    return { environments, problems };
  },
};
