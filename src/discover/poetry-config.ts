// Poetry's own configuration, so envs kept outside the default cache are found: `config.toml` in
// $POETRY_CONFIG_DIR (else ~/.config/pypoetry, ~/Library/Application Support/pypoetry on macOS) with
// `cache-dir` and `[virtualenvs] path` (which may say "{cache-dir}/virtualenvs"), as PET's
// pet-poetry config.rs reads them. Relative paths are kept as written (PET does the same).
import { parse } from 'smol-toml';
import type { ScanContext } from '../context/scan-context.js';
import * as fs from './resolve.js';

export interface PoetryConfig {
  file: string | null;
  cacheDir: string | null;
  virtualenvsPath: string | null;
  inProject: boolean | null;
}

/** Read a Poetry config.toml / poetry.toml text; unreadable TOML gives nulls. */
export function parsePoetryConfig(text: string, file: string | null = null): PoetryConfig {
  try {
    const t = parse(text) as { 'cache-dir'?: unknown; virtualenvs?: { path?: unknown; 'in-project'?: unknown } };
    const ve = t.virtualenvs && typeof t.virtualenvs === 'object' ? t.virtualenvs : {};
    return {
      file,
      cacheDir: typeof t['cache-dir'] === 'string' ? t['cache-dir'] : null,
      virtualenvsPath: typeof ve.path === 'string' ? ve.path : null,
      inProject: typeof ve['in-project'] === 'boolean' ? ve['in-project'] : null,
    };
  } catch {
    return { file, cacheDir: null, virtualenvsPath: null, inProject: null };
  }
}

/** Directories Poetry keeps its envs in, per its configuration and environment (most specific first). */
export async function poetryEnvDirs(ctx: ScanContext): Promise<{ dirs: string[]; config: PoetryConfig | null }> {
  const h = ctx.home;
  const confDir = ctx.env.POETRY_CONFIG_DIR ?? (ctx.platform === 'darwin' ? `${h}/Library/Application Support/pypoetry` : `${ctx.env.XDG_CONFIG_HOME ?? `${h}/.config`}/pypoetry`);
  const file = `${confDir}/config.toml`;
  const text = await fs.tryReadText(ctx, file);
  const config = text !== null ? parsePoetryConfig(text, file) : null;
  const cache = ctx.env.POETRY_CACHE_DIR ?? config?.cacheDir ?? null;
  const sub = (p: string) => (cache ? p.replace(/\{cache-dir\}/gi, cache) : p);
  const dirs = [
    ctx.env.POETRY_VIRTUALENVS_PATH ? sub(ctx.env.POETRY_VIRTUALENVS_PATH) : null,
    config?.virtualenvsPath ? sub(config.virtualenvsPath) : null,
    cache ? `${cache}/virtualenvs` : null,
  ].filter((d): d is string => !!d && d.startsWith('/') && !d.includes('{'));
  return { dirs: [...new Set(dirs)], config };
}
