// os-release(5) parser: KEY=VALUE lines, values optionally in single or double quotes, with
// backslash escapes inside double quotes; blank lines and # comments ignored. Pure.

export type OsRelease = Record<string, string>;

/** Parse os-release text. Malformed lines are skipped, never fatal. */
export function parseOsRelease(text: string): OsRelease {
  const out: OsRelease = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!m) continue;
    out[m[1]!] = unquote(m[2]!);
  }
  return out;
}

function unquote(v: string): string {
  if (v.length >= 2 && v.startsWith("'") && v.endsWith("'")) return v.slice(1, -1);
  if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) {
    return v.slice(1, -1).replace(/\\([\\"$`])/g, '$1');
  }
  // Unquoted values end at the first unescaped space in shell; os-release files never rely on it.
  return v.replace(/\\(.)/g, '$1');
}

/** ID_LIKE as a list (space separated). */
export function idLike(rel: OsRelease): string[] {
  return (rel.ID_LIKE ?? '').split(/\s+/).filter(Boolean).map((s) => s.toLowerCase());
}
