// Tool homes and bin directories, resolved once for discovery, advice, prerequisites and migration.
//
// pipx's home depends on pipx's version: pipx ≤ 1.2 (Debian 12 ships 1.1.0) always uses $PIPX_HOME or
// ~/.local/pipx; pipx ≥ 1.3 uses $PIPX_HOME, else ~/.local/pipx when it exists, else the platformdirs data
// dir (~/.local/share/pipx honouring $XDG_DATA_HOME, or ~/Library/Application Support/pipx on macOS).
// The version is read from the installed pipx's dist-info (user site, /usr/local, the distro's site,
// Homebrew's Cellar), so a fresh account gets the home the installed pipx will really use.
import type { ScanContext } from '../context/scan-context.js';
import { uvToolBinDir, uvToolDir } from '../discover/uv.js';

export interface PipxHome {
  path: string;
  binDir: string;
  /** The home pipx itself would use now. */
  active: boolean;
  global: boolean;
}

export interface ToolHomes {
  pipx: {
    /** The home pipx uses now (machine path), and where it links commands. */
    home: string;
    binDir: string;
    /** Installed pipx version read from its metadata; null when none was found. */
    version: string | null;
    /** Every home worth reading, active one first, the global home last. */
    homes: PipxHome[];
  };
  uv: { toolDir: string; toolBinDir: string };
}

const PIPX_DIST = /^pipx-(\d+(?:\.\d+)*)[^/]*\.dist-info$/;

/** Version of the pipx a user would run: user site first (its command comes first on PATH), then system sites. */
export function pipxVersion(ctx: ScanContext): Promise<string | null> {
  return ctx.memo(`pipx-version:${ctx.home}`, async () => {
    const dirs: string[] = [];
    for (const base of [`${ctx.home}/.local/lib`, '/usr/local/lib', '/usr/lib']) {
      const minors = (await ctx.tryReaddir(base)).map((e) => e.name).filter((n) => /^python3\.\d+$/.test(n));
      minors.sort((a, b) => b.localeCompare(a, 'en', { numeric: true }));
      for (const m of minors) dirs.push(`${base}/${m}/site-packages`, `${base}/${m}/dist-packages`);
      if (base === '/usr/lib') dirs.push('/usr/lib/python3/dist-packages');
    }
    for (const d of dirs) {
      for (const e of await ctx.tryReaddir(d)) {
        const m = PIPX_DIST.exec(e.name);
        if (m) return m[1]!;
      }
    }
    for (const cellar of ['/opt/homebrew/Cellar/pipx', '/usr/local/Cellar/pipx', '/home/linuxbrew/.linuxbrew/Cellar/pipx']) {
      const v = (await ctx.tryReaddir(cellar)).map((e) => e.name).find((n) => /^\d+\.\d+/.test(n));
      if (v) return v;
    }
    return null;
  });
}

/** pipx before 1.3 had one default home, ~/.local/pipx. */
export function pipxUsesLegacyHome(version: string | null): boolean {
  if (!version) return false;
  const [maj = 0, min = 0] = version.split('.').map(Number);
  return maj < 1 || (maj === 1 && min < 3);
}

/** Candidate pipx homes (machine paths), active one first; the global home last. */
export async function pipxHomes(ctx: ScanContext): Promise<PipxHome[]> {
  const home = ctx.home;
  const binDir = ctx.env.PIPX_BIN_DIR || `${home}/.local/bin`;
  const legacy = `${home}/.local/pipx`;
  const dataHome = ctx.env.XDG_DATA_HOME || `${home}/.local/share`;
  const modern = ctx.platform === 'darwin' ? `${home}/Library/Application Support/pipx` : `${dataHome}/pipx`;
  const user: string[] = [];
  if (ctx.env.PIPX_HOME) user.push(ctx.env.PIPX_HOME);
  if ((await ctx.isDir(legacy)) || pipxUsesLegacyHome(await pipxVersion(ctx))) user.push(legacy);
  user.push(modern);
  if (ctx.platform === 'darwin') user.push(`${dataHome}/pipx`);
  const out: PipxHome[] = user.map((p, i) => ({ path: p, binDir, active: i === 0, global: false }));
  out.push({
    path: ctx.env.PIPX_GLOBAL_HOME || '/opt/pipx',
    binDir: ctx.env.PIPX_GLOBAL_BIN_DIR || '/usr/local/bin',
    active: true,
    global: true,
  });
  return out;
}

/** Every tool home of the scanned user, resolved once. */
export async function toolHomes(ctx: ScanContext): Promise<ToolHomes> {
  const homes = await pipxHomes(ctx);
  const active = homes[0]!;
  return {
    pipx: { home: active.path, binDir: active.binDir, version: await pipxVersion(ctx), homes },
    uv: { toolDir: uvToolDir(ctx), toolBinDir: uvToolBinDir(ctx) },
  };
}
