// pyvenv.cfg: the venv marker (PEP 405). `key = value` lines, no sections; virtualenv and uv add keys.

export interface PyvenvCfg {
  home: string | null;
  /** `version` (venv, uv) or `version_info` (virtualenv: 3.9.6.final.0 → 3.9.6). */
  version: string | null;
  executable: string | null;
  command: string | null;
  prompt: string | null;
  includeSystemSitePackages: boolean;
  /** Version of uv that created it (`uv = 0.4.0`), when present. */
  uv: string | null;
  /** Version of virtualenv that created it, when present. */
  virtualenv: string | null;
  /** Every key, lower-cased, as written. */
  raw: Record<string, string>;
}

/** Parse pyvenv.cfg text. Returns an error string instead of a config when the file is not text. */
export function parsePyvenvCfg(text: string): PyvenvCfg | { error: string } {
  // A NUL byte or U+FFFD means the file is binary or not UTF-8: no sane key=value can come from it.
  if (text.includes('\u0000') || text.includes('\uFFFD')) return { error: 'pyvenv.cfg is not a text file' };
  const raw: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const t = line.trim();
    if (!t || t.startsWith('#') || t.startsWith(';')) continue;
    const eq = t.indexOf('=');
    if (eq <= 0) continue;
    raw[t.slice(0, eq).trim().toLowerCase()] = t.slice(eq + 1).trim();
  }
  const version = raw.version ?? (raw.version_info ? versionFromVersionInfo(raw.version_info) : null);
  return {
    home: raw.home ?? null,
    version: version ?? null,
    executable: raw.executable ?? raw['base-executable'] ?? null,
    command: raw.command ?? null,
    prompt: raw.prompt ?? null,
    includeSystemSitePackages: /^(true|yes|1|on)$/i.test(raw['include-system-site-packages'] ?? ''),
    uv: raw.uv ?? null,
    virtualenv: raw.virtualenv ?? null,
    raw,
  };
}

/** virtualenv writes `version_info = 3.9.6.final.0`; keep the release part (and a non-final level). */
export function versionFromVersionInfo(v: string): string | null {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?(?:\.(alpha|beta|candidate|final)\.(\d+))?/.exec(v.trim());
  if (!m) return null;
  const base = [m[1], m[2], m[3]].filter((x) => x !== undefined).join('.');
  const lvl = m[4];
  if (!lvl || lvl === 'final') return base;
  const tag = lvl === 'alpha' ? 'a' : lvl === 'beta' ? 'b' : 'rc';
  return `${base}${tag}${m[5] ?? '0'}`;
}
