// Reads pip and uv configuration through ScanContext (so a --root image resolves like a live machine)
// and hands the text to the pure resolvers in src/formats.
import type { ScanContext } from '../context.js';
import { LIMITS } from '../formats/bounded-read.js';
import { pipConfigFiles, resolvePipConfig, type LoadedPipFile, type PipConfig } from '../formats/pip-config.js';
import { resolveUvConfig, uvConfigFiles, type LoadedUvFile, type UvConfig } from '../formats/uv-config.js';

const UTF8 = new TextDecoder('utf-8', { fatal: true });

type ConfigText = { text: string | null; readError?: string };

/**
 * Text of a file; null when missing; an error string when present but unreadable or not UTF-8. Read
 * once per scan: every environment consults the same global and user files (/etc/pip.conf, ~/.config/pip).
 */
function readConfigText(ctx: ScanContext, p: string): Promise<ConfigText> {
  const seen = ctx.memo('config-text', () => new Map<string, Promise<ConfigText>>());
  let r = seen.get(p);
  if (!r) seen.set(p, (r = readConfigTextOnce(ctx, p)));
  return r;
}

async function readConfigTextOnce(ctx: ScanContext, p: string): Promise<ConfigText> {
  const st = await ctx.tryStat(p);
  if (!st) return { text: null };
  // pip only opens regular files (os.path.exists + open); a directory there makes open() fail.
  try {
    const buf = await ctx.readFile(p, LIMITS.config);
    try {
      return { text: UTF8.decode(buf) };
    } catch {
      return { text: null, readError: 'not valid UTF-8 (pip cannot decode it)' };
    }
  } catch (e) {
    return { text: null, readError: `cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
  }
}

/** pip's configuration as an interpreter with sys.prefix `prefix` sees it. */
export async function loadPipConfig(ctx: ScanContext, prefix: string): Promise<PipConfig> {
  const cfgFile = ctx.env.PIP_CONFIG_FILE;
  const list = pipConfigFiles({
    platform: ctx.platform,
    env: ctx.env,
    home: ctx.home,
    prefix,
    configFileExists: cfgFile ? await ctx.exists(cfgFile) : false,
    macAppSupportExists: ctx.platform === 'darwin' ? await ctx.isDir(`${ctx.home}/Library/Application Support/pip`) : false,
  });
  const loaded: LoadedPipFile[] = [];
  for (const f of list.files) loaded.push({ ...f, ...(await readConfigText(ctx, f.path)) });
  return resolvePipConfig(loaded, ctx.env, list);
}

/** uv's user/system configuration (uv.toml) plus UV_* variables. */
export async function loadUvConfig(ctx: ScanContext, projectDirs: string[] = []): Promise<UvConfig> {
  const specs = uvConfigFiles({ platform: ctx.platform, env: ctx.env, home: ctx.home, projectDirs });
  const loaded: LoadedUvFile[] = [];
  for (const f of specs) loaded.push({ ...f, ...(await readConfigText(ctx, f.path)) });
  return resolveUvConfig(loaded, ctx.env);
}
