// RECORD (CSV: path,hash,size). Paths are relative to the site dir; `../../../bin/x` entries are scripts.

export interface RecordEntry {
  path: string;
  hash: string | null;
  size: number | null;
}

/** Parse RECORD CSV, honouring double-quoted fields (paths with commas are quoted). */
export function parseRecord(text: string): RecordEntry[] {
  const out: RecordEntry[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const f = splitCsvLine(line);
    if (!f[0]) continue;
    const size = f[2] ? Number(f[2]) : NaN;
    out.push({ path: f[0], hash: f[1] || null, size: Number.isFinite(size) ? size : null });
  }
  return out;
}

function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(cur);
      cur = '';
    } else cur += ch;
  }
  fields.push(cur);
  return fields;
}
