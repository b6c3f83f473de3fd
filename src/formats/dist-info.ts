// Readers for the core metadata (METADATA / PKG-INFO) and its companions (INSTALLER, direct_url.json,
// egg-info requires.txt, dist-info directory names). Pure: text in, values out.

export interface CoreMetadata {
  name: string | null;
  version: string | null;
  summary: string | null;
  requires: string[];
  problems: string[];
}

/**
 * Parse RFC 822-style core metadata headers. The body (long description) after the first blank line
 * is ignored. Never throws: missing Name/Version become problems.
 */
export function parseCoreMetadata(text: string): CoreMetadata {
  const problems: string[] = [];
  if (text.includes('\u0000')) problems.push('metadata contains NUL bytes (binary or corrupt file)');
  const headers: Array<[string, string]> = [];
  for (const line of text.split(/\r?\n/)) {
    if (line === '') break;
    if (/^[ \t]/.test(line) && headers.length) {
      // Continuation line: folded header value (Summary / License often wrap).
      const last = headers[headers.length - 1]!;
      last[1] += '\n' + line.trim();
      continue;
    }
    const c = line.indexOf(':');
    if (c <= 0) continue;
    headers.push([line.slice(0, c).trim().toLowerCase(), line.slice(c + 1).trim()]);
  }
  const first = (k: string): string | null => headers.find(([h]) => h === k)?.[1] ?? null;
  const name = first('name');
  const version = first('version');
  if (!name) problems.push('metadata has no Name');
  if (!version) problems.push('metadata has no Version');
  return {
    name: name || null,
    version: version || null,
    summary: first('summary'),
    requires: headers.filter(([h]) => h === 'requires-dist').map(([, v]) => v),
    problems,
  };
}

/**
 * egg-info requires.txt → PEP 508 lines. Sections `[extra]` or `[extra:marker]` / `[:marker]`
 * become environment markers, as importlib.metadata does.
 */
export function parseRequiresTxt(text: string): string[] {
  const out: string[] = [];
  let marker = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const sec = /^\[(.*)\]$/.exec(line);
    if (sec) {
      const [extra, cond] = sec[1]!.split(':', 2) as [string, string | undefined];
      const parts: string[] = [];
      if (cond) parts.push(`(${cond.trim()})`);
      if (extra.trim()) parts.push(`extra == "${extra.trim()}"`);
      marker = parts.join(' and ');
      continue;
    }
    out.push(marker ? `${line}; ${marker}` : line);
  }
  return out;
}

export interface DirectUrl {
  url: string | null;
  editable: boolean;
}

/** direct_url.json (PEP 610); null when it is not valid JSON. */
export function parseDirectUrl(text: string): DirectUrl | null {
  try {
    const j = JSON.parse(text) as { url?: unknown; dir_info?: { editable?: unknown } };
    if (typeof j !== 'object' || j === null) return null;
    return { url: typeof j.url === 'string' ? j.url : null, editable: j.dir_info?.editable === true };
  } catch {
    return null;
  }
}

/** INSTALLER's first line, lower-cased; null when empty. */
export function parseInstaller(text: string): string | null {
  const first = text.split(/\r?\n/, 1)[0]?.trim();
  return first ? first : null;
}

/** Name and version from a metadata directory name: "Babel-2.10.3.egg-info", "pip-23.0.1.dist-info". */
export function parseMetadataDirName(
  entry: string,
): { name: string; version: string | null; format: 'dist-info' | 'egg-info' } | null {
  const m = /^(.+?)(?:-([^-]+?))?(?:-py\d+(?:\.\d+)*)?\.(dist-info|egg-info)$/.exec(entry);
  if (!m) return null;
  return { name: m[1]!, version: m[2] ?? null, format: m[3] as 'dist-info' | 'egg-info' };
}
