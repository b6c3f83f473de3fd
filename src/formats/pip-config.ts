// pip's configuration, resolved the way pip 23 resolves it (src/pip/_internal/configuration.py,
// cli/parser.py `_update_defaults`, utils/appdirs.py), so that "is break-system-packages on for
// `pip install` with this interpreter" gets the same answer pip would give, with the file and line.
//
// Pure: `pipConfigFiles` lists the candidate files, the caller reads them, `resolvePipConfig` merges.
import path from 'node:path';
import { parseIni, sectionItems, type IniError } from './ini.js';

/** Where a setting came from, in pip's override order (later wins). */
export type PipLayer = 'global' | 'user' | 'site' | 'env-file' | 'env-var';
const LAYER_ORDER: PipLayer[] = ['global', 'user', 'site', 'env-file', 'env-var'];

export interface PipConfigFileSpec {
  path: string;
  layer: Exclude<PipLayer, 'env-var'>;
}

export interface PipFilesInput {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  /** Machine path of $HOME (pip uses os.path.expanduser). */
  home: string;
  /** sys.prefix of the interpreter (the site file is `<prefix>/pip.conf`). */
  prefix: string;
  /** Whether the file named by PIP_CONFIG_FILE exists: then pip skips the user files. */
  configFileExists: boolean;
  /** macOS only: whether ~/Library/Application Support/pip is a directory. */
  macAppSupportExists?: boolean;
}

export interface PipFileList {
  files: PipConfigFileSpec[];
  /** PIP_CONFIG_FILE=/dev/null: pip loads no file at all (variables still count). */
  disabled: boolean;
  /** User files skipped because PIP_CONFIG_FILE names an existing file. */
  userSkipped: boolean;
}

/** The files pip reads, in load order (later overrides earlier). */
export function pipConfigFiles(inp: PipFilesInput): PipFileList {
  const cfg = inp.env.PIP_CONFIG_FILE;
  const disabled = cfg === '/dev/null';
  const files: PipConfigFileSpec[] = [];
  const mac = inp.platform === 'darwin';
  if (mac) {
    files.push({ path: '/Library/Application Support/pip/pip.conf', layer: 'global' });
  } else {
    let dirs = inp.env.XDG_CONFIG_DIRS ?? '';
    if (!dirs.trim()) dirs = '/etc/xdg';
    for (const d of dirs.split(':')) {
      // platformdirs would turn an empty entry into a cwd-relative path; a scan has no cwd, so skip it.
      if (d) files.push({ path: path.posix.join(expandUser(d, inp.home), 'pip', 'pip.conf'), layer: 'global' });
    }
    files.push({ path: '/etc/pip.conf', layer: 'global' });
  }
  const userSkipped = Boolean(cfg) && inp.configFileExists;
  if (!userSkipped) {
    files.push({ path: path.posix.join(inp.home, '.pip', 'pip.conf'), layer: 'user' });
    let userDir: string;
    if (mac) {
      const appSupport = path.posix.join(inp.home, 'Library', 'Application Support', 'pip');
      userDir = inp.macAppSupportExists ? appSupport : path.posix.join(inp.home, '.config', 'pip');
    } else {
      const xdg = inp.env.XDG_CONFIG_HOME ?? '';
      userDir = path.posix.join(xdg.trim() ? xdg : path.posix.join(inp.home, '.config'), 'pip');
    }
    files.push({ path: path.posix.join(userDir, 'pip.conf'), layer: 'user' });
  }
  files.push({ path: path.posix.join(inp.prefix, 'pip.conf'), layer: 'site' });
  if (cfg !== undefined && cfg !== '') files.push({ path: cfg, layer: 'env-file' });
  return { files: disabled ? [] : files, disabled, userSkipped };
}

function expandUser(p: string, home: string): string {
  return p === '~' || p.startsWith('~/') ? home + p.slice(1) : p;
}

/** A config file as read by the caller. */
export interface LoadedPipFile extends PipConfigFileSpec {
  /** File text, or null when it does not exist (pip silently skips it). */
  text: string | null;
  /** Read or decode failure: pip stops with a ConfigurationError. */
  readError?: string;
}

/** One place a pip option is set. */
export interface PipSetting {
  layer: PipLayer;
  /** File path (machine path), for file layers. */
  path?: string;
  line?: number;
  /** Variable name, for the env-var layer. */
  env?: string;
  /** INI section (":env:" for variables). */
  section: string;
  /** Normalised option name (`break-system-packages`). */
  key: string;
  value: string;
}

export interface PipFileReport {
  path: string;
  layer: PipLayer;
  exists: boolean;
  errors: IniError[];
  readError?: string;
}

export interface PipConfig {
  files: PipFileReport[];
  disabled: boolean;
  userSkipped: boolean;
  /** Every setting in every file and variable, in load order. */
  settings: PipSetting[];
  /** pip's merged dictionary: `section.key` → the setting that won it. */
  merged: Map<string, PipSetting>;
  /** First file error that makes every pip command fail. */
  fatal: string | null;
}

/** pip's `_normalize_name`: lower case, `_` → `-`, a leading `--` dropped. */
export function normalizePipKey(name: string): string {
  const n = name.toLowerCase().replace(/_/g, '-');
  return n.startsWith('--') ? n.slice(2) : n;
}

/** Merges loaded files and PIP_* variables the way pip's Configuration does. */
export function resolvePipConfig(
  loaded: LoadedPipFile[],
  env: Record<string, string | undefined>,
  meta: { disabled: boolean; userSkipped: boolean },
): PipConfig {
  const files: PipFileReport[] = [];
  const settings: PipSetting[] = [];
  let fatal: string | null = null;
  const ordered = [...loaded].sort((a, b) => LAYER_ORDER.indexOf(a.layer) - LAYER_ORDER.indexOf(b.layer));
  for (const f of ordered) {
    if (f.readError) {
      files.push({ path: f.path, layer: f.layer, exists: true, errors: [], readError: f.readError });
      fatal ??= `${f.path}: ${f.readError}`;
      continue;
    }
    if (f.text === null) {
      files.push({ path: f.path, layer: f.layer, exists: false, errors: [] });
      continue;
    }
    const doc = parseIni(f.text);
    files.push({ path: f.path, layer: f.layer, exists: true, errors: doc.errors });
    if (doc.errors.length) {
      const e = doc.errors[0]!;
      fatal ??= `${f.path}:${e.line}: ${e.message}`;
      continue;
    }
    for (const sec of doc.sections) {
      for (const it of sectionItems(doc, sec.name)) {
        settings.push({ layer: f.layer, path: f.path, line: it.line, section: sec.name, key: normalizePipKey(it.key), value: it.value });
      }
    }
  }
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith('PIP_') || value === undefined) continue;
    const key = normalizePipKey(name.slice(4));
    if (key === 'version' || key === 'help') continue;
    settings.push({ layer: 'env-var', env: name, section: ':env:', key, value });
  }
  const merged = new Map<string, PipSetting>();
  for (const s of settings) merged.set(`${s.section}.${s.key}`, s);
  return { files, disabled: meta.disabled, userSkipped: meta.userSkipped, settings, merged, fatal };
}

const TRUE_WORDS = ['y', 'yes', 't', 'true', 'on', '1'];
const FALSE_WORDS = ['n', 'no', 'f', 'false', 'off', '0'];

/** pip's strtobool; null for a word pip rejects. */
export function pipBool(v: string): boolean | null {
  const l = v.toLowerCase();
  if (TRUE_WORDS.includes(l)) return true;
  if (FALSE_WORDS.includes(l)) return false;
  return null;
}

export type OptionKind = 'bool' | 'store' | 'append';

export interface EffectiveOption<T> {
  value: T | null;
  /** The setting that decided the value (null: pip's default). */
  winner: PipSetting | null;
  /** Every place the option is set, including overridden and ignored ones, with why. */
  places: Array<PipSetting & { status: 'effective' | 'overridden' | 'ignored'; why?: string }>;
  /** pip refuses to run the command because of this option (invalid boolean). */
  error: string | null;
}

/**
 * The value `pip <command>` sees for `key`: `[global]`, then `[<command>]`, then PIP_* variables, empty
 * values skipped (cli/parser.py `_get_ordered_configuration_items`).
 */
export function effectiveOption(cfg: PipConfig, command: string, key: string, kind: 'bool'): EffectiveOption<boolean>;
export function effectiveOption(cfg: PipConfig, command: string, key: string, kind: 'store'): EffectiveOption<string>;
export function effectiveOption(cfg: PipConfig, command: string, key: string, kind: 'append'): EffectiveOption<string[]>;
export function effectiveOption(cfg: PipConfig, command: string, key: string, kind: OptionKind): EffectiveOption<unknown> {
  const chain = ['global', command, ':env:'];
  let value: unknown = null;
  let winner: PipSetting | null = null;
  let error: string | null = null;
  for (const section of chain) {
    const s = cfg.merged.get(`${section}.${key}`);
    if (!s || !s.value || error) continue;
    if (kind === 'bool') {
      const b = pipBool(s.value);
      if (b === null) {
        error = `${s.value} is not a valid value for ${key} option (${where(s)})`;
        continue;
      }
      value = b;
    } else if (kind === 'append') {
      value = s.value.split(/\s+/).filter(Boolean);
    } else value = s.value;
    winner = s;
  }
  if (error) {
    value = null;
    winner = null;
  }
  const places = cfg.settings
    .filter((s) => s.key === key)
    .map((s) => {
      if (s === winner) return { ...s, status: 'effective' as const };
      if (!chain.includes(s.section)) return { ...s, status: 'ignored' as const, why: `section [${s.section}] is not read by pip ${command}` };
      if (!s.value) return { ...s, status: 'ignored' as const, why: 'empty value' };
      const won = cfg.merged.get(`${s.section}.${key}`);
      if (won !== s && won) return { ...s, status: 'overridden' as const, why: `overridden by ${where(won)}` };
      return { ...s, status: 'overridden' as const, why: winner ? `overridden by ${where(winner)}` : 'pip stops with an error' };
    });
  return { value, winner, places, error };
}

/** Human pointer to a setting: `file:line [section]` or the variable name. */
export function where(s: PipSetting): string {
  return s.env ? `$${s.env}` : `${s.path}:${s.line} [${s.section}]`;
}
