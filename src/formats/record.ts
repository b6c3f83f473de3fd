// RECORD (CSV: path,hash,size). Paths are relative to the site dir; `../../../bin/x` entries are scripts.

export interface RecordEntry {
  path: string;
  hash: string | null;
  size: number | null;
}

/** Counts characters looked at; tests use it to check that work grows linearly with the input. */
export interface Meter {
  steps: number;
}

/** Parse RECORD CSV, honouring double-quoted fields (paths with commas are quoted). Linear time. */
export function parseRecord(text: string, meter?: Meter): RecordEntry[] {
  const out: RecordEntry[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (meter) meter.steps += line.length + 1;
    if (!line.trim()) continue;
    const f = splitCsvLine(line, meter);
    if (!f[0]) continue;
    const size = f[2] ? Number(f[2]) : NaN;
    out.push({ path: f[0], hash: f[1] || null, size: Number.isFinite(size) ? size : null });
  }
  return out;
}

/**
 * One CSV line into fields, in one pass: every character is looked at once. Unquoted runs and the
 * text between `""` pairs are cut as slices and joined once per field, so a megabyte of `""` or of
 * alternating quoted and unquoted text costs linear time (searching ahead for the next comma from
 * every quote, as before, was quadratic).
 */
function splitCsvLine(line: string, meter?: Meter): string[] {
  if (!line.includes('"')) return line.split(',');
  const fields: string[] = [];
  let parts: string[] = [];
  let from = 0; // start of the current unquoted slice
  let quoted = false;
  const n = line.length;
  for (let i = 0; i < n; i++) {
    const c = line.charCodeAt(i);
    if (quoted) {
      if (c !== 34) continue;
      parts.push(line.slice(from, i));
      if (line.charCodeAt(i + 1) === 34) {
        parts.push('"'); // "" is a literal quote
        i++;
        from = i + 1;
      } else {
        quoted = false;
        from = i + 1;
      }
    } else if (c === 34) {
      parts.push(line.slice(from, i));
      quoted = true;
      from = i + 1;
    } else if (c === 44) {
      parts.push(line.slice(from, i));
      fields.push(parts.join(''));
      parts = [];
      from = i + 1;
    }
  }
  if (meter) meter.steps += n;
  parts.push(line.slice(from));
  fields.push(parts.join(''));
  return fields;
}
