// uv's configuration as far as PEP 668 risks go: `break-system-packages` and index URLs.
// uv never reads pip.conf; it reads uv.toml ([pip] table), pyproject.toml ([tool.uv.pip]) and UV_* variables.
// Precedence (uv docs "Configuration files"): variable > project > user > system; UV_CONFIG_FILE replaces
// discovery; UV_NO_CONFIG disables files.
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';

export type UvLayer = 'system' | 'user' | 'project' | 'env-file' | 'env-var';

export interface UvConfigFileSpec {
  path: string;
  layer: Exclude<UvLayer, 'env-var'>;
  /** pyproject.toml keeps uv settings under [tool.uv]. */
  pyproject?: boolean;
}

export interface LoadedUvFile extends UvConfigFileSpec {
  text: string | null;
  readError?: string;
}

export interface UvSetting {
  layer: UvLayer;
  path?: string;
  line?: number;
  env?: string;
  key: string;
  value: unknown;
}

export interface UvConfig {
  settings: UvSetting[];
  /** Files that exist but cannot be parsed (uv stops on them). */
  errors: Array<{ path: string; message: string }>;
  breakSystemPackages: { value: boolean; winner: UvSetting | null; places: UvSetting[] };
  indexUrls: UvSetting[];
}

/**
 * Candidate files in increasing precedence. uv uses only the first existing system file
 * (XDG_CONFIG_DIRS entries, then /etc/uv/uv.toml); the caller passes all and `resolveUvConfig` keeps
 * the first that exists.
 */
export function uvConfigFiles(inp: {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  home: string;
  projectDirs?: string[];
}): UvConfigFileSpec[] {
  const { env } = inp;
  if (env.UV_NO_CONFIG && !/^(0|false|no|off|n|f)$/i.test(env.UV_NO_CONFIG)) return [];
  if (env.UV_CONFIG_FILE) return [{ path: env.UV_CONFIG_FILE, layer: 'env-file' }];
  const out: UvConfigFileSpec[] = [];
  const xdgDirs = (env.XDG_CONFIG_DIRS ?? '').trim() ? env.XDG_CONFIG_DIRS!.split(':').filter(Boolean) : ['/etc/xdg'];
  for (const d of xdgDirs) out.push({ path: path.posix.join(d, 'uv', 'uv.toml'), layer: 'system' });
  out.push({ path: '/etc/uv/uv.toml', layer: 'system' });
  const xdgHome = (env.XDG_CONFIG_HOME ?? '').trim() ? env.XDG_CONFIG_HOME! : path.posix.join(inp.home, '.config');
  out.push({ path: path.posix.join(xdgHome, 'uv', 'uv.toml'), layer: 'user' });
  for (const d of inp.projectDirs ?? []) {
    out.push({ path: path.posix.join(d, 'pyproject.toml'), layer: 'project', pyproject: true });
    out.push({ path: path.posix.join(d, 'uv.toml'), layer: 'project' });
  }
  return out;
}

const BOOL_TRUE = ['y', 'yes', 't', 'true', 'on', '1'];
const BOOL_FALSE = ['n', 'no', 'f', 'false', 'off', '0'];

/** clap's BoolishValueParser, which uv uses for boolean variables; null when uv would reject it. */
export function uvBool(v: string): boolean | null {
  const l = v.toLowerCase();
  if (BOOL_TRUE.includes(l)) return true;
  if (BOOL_FALSE.includes(l)) return false;
  return null;
}

function lineOf(text: string, key: string, table: string): number | undefined {
  const lines = text.split(/\r?\n/);
  let inTable = table === '';
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!.trim();
    const h = /^\[\s*([^\]]+?)\s*\]/.exec(l);
    if (h && !l.startsWith('[[')) inTable = h[1] === table;
    else if (inTable && new RegExp(`^"?${key}"?\\s*=`).test(l)) return i + 1;
    // Dotted keys at top level (pip.break-system-packages = true) are valid TOML too.
    else if (table && new RegExp(`^${table.replace(/\./g, '\\.')}\\.${key}\\s*=`).test(l)) return i + 1;
  }
  return undefined;
}

function tableAt(obj: unknown, keys: string[]): Record<string, unknown> | null {
  let cur: unknown = obj;
  for (const k of keys) {
    if (!cur || typeof cur !== 'object' || Array.isArray(cur)) return null;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur && typeof cur === 'object' && !Array.isArray(cur) ? (cur as Record<string, unknown>) : null;
}

const ORDER: UvLayer[] = ['system', 'user', 'project', 'env-file', 'env-var'];

/** Settings from loaded files and UV_* variables, and the effective break-system-packages. */
export function resolveUvConfig(loaded: LoadedUvFile[], env: Record<string, string | undefined>): UvConfig {
  const settings: UvSetting[] = [];
  const errors: UvConfig['errors'] = [];
  let systemSeen = false;
  for (const f of [...loaded].sort((a, b) => ORDER.indexOf(a.layer) - ORDER.indexOf(b.layer))) {
    if (f.readError) errors.push({ path: f.path, message: f.readError });
    if (f.text === null) continue;
    if (f.layer === 'system') {
      if (systemSeen) continue;
      systemSeen = true;
    }
    let doc: unknown;
    try {
      doc = parseToml(f.text);
    } catch (e) {
      errors.push({ path: f.path, message: `invalid TOML: ${(e as Error).message.split('\n')[0]}` });
      continue;
    }
    const base = f.pyproject ? ['tool', 'uv'] : [];
    // A pyproject.toml without [tool.uv] is not a uv config file at all.
    const top = tableAt(doc, base);
    if (!top) continue;
    const prefix = base.join('.');
    for (const [tbl, keys] of [
      [[...base, 'pip'], ['break-system-packages', 'index-url', 'extra-index-url']],
      [base, ['index-url', 'extra-index-url']],
    ] as const) {
      const t = tableAt(doc, [...tbl]);
      if (!t) continue;
      for (const key of keys) {
        if (!(key in t)) continue;
        const tableName = tbl.join('.');
        settings.push({ layer: f.layer, path: f.path, line: lineOf(f.text, key, tableName || prefix), key: tbl.length > base.length ? `pip.${key}` : key, value: t[key] });
      }
    }
  }
  for (const [name, key] of [
    ['UV_BREAK_SYSTEM_PACKAGES', 'pip.break-system-packages'],
    ['UV_INDEX_URL', 'index-url'],
    ['UV_EXTRA_INDEX_URL', 'extra-index-url'],
    ['UV_DEFAULT_INDEX', 'index-url'],
    ['UV_INDEX', 'extra-index-url'],
  ] as const) {
    const v = env[name];
    if (v !== undefined && v !== '') settings.push({ layer: 'env-var', env: name, key, value: v });
  }
  const places = settings.filter((s) => s.key === 'pip.break-system-packages');
  let value = false;
  let winner: UvSetting | null = null;
  for (const s of places) {
    const b = typeof s.value === 'boolean' ? s.value : typeof s.value === 'string' ? uvBool(s.value) : null;
    if (b === null) continue;
    value = b;
    winner = s;
  }
  const indexUrls = settings.filter((s) => s.key.endsWith('index-url'));
  return { settings, errors, breakSystemPackages: { value, winner, places }, indexUrls };
}
