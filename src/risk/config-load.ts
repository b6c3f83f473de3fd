// Reads pip and uv configuration through ScanContext (so a --root image resolves like a live machine)
// and hands the text to the pure resolvers in src/formats.
import type { ScanContext } from '../context/scan-context.js';
import { LIMITS } from '../formats/bounded-read.js';
import { pipConfigFiles, resolvePipConfig, type LoadedPipFile, type PipConfig } from '../formats/pip-config.js';
import { resolveUvConfig, uvConfigFiles, type LoadedUvFile, type UvConfig } from '../formats/uv-config.js';

const UTF8 = new TextDecoder('utf-8', { fatal: true });

type ConfigText = { text: string | null; readError?: string };
/** Texts already read in this analysis (path → result): each configuration file is read once. */
export type ConfigReads = Map<string, Promise<ConfigText>>;

function readOnce(ctx: ScanContext, p: string, reads?: ConfigReads): Promise<ConfigText> {
  if (!reads) return readConfigText(ctx, p);
  let r = reads.get(p);
  if (!r) reads.set(p, (r = readConfigText(ctx, p)));
  return r;
}

/** Text of a file; null when missing; an error string when present but unreadable or not UTF-8. */
async function readConfigText(ctx: ScanContext, p: string): Promise<ConfigText> {
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
export async function loadPipConfig(ctx: ScanContext, prefix: string, reads?: ConfigReads): Promise<PipConfig> {
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
  for (const f of list.files) loaded.push({ ...f, ...(await readOnce(ctx, f.path, reads)) });
  return resolvePipConfig(loaded, ctx.env, list);
}

/** uv's user/system configuration (uv.toml) plus UV_* variables. */
export async function loadUvConfig(ctx: ScanContext, projectDirs: string[] = [], reads?: ConfigReads): Promise<UvConfig> {
  const specs = uvConfigFiles({ platform: ctx.platform, env: ctx.env, home: ctx.home, projectDirs });
  const loaded: LoadedUvFile[] = [];
  for (const f of specs) loaded.push({ ...f, ...(await readOnce(ctx, f.path, reads)) });
  return resolveUvConfig(loaded, ctx.env);
}
