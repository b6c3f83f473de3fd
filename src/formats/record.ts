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
  // Most lines have no quotes: split directly. Quoted ones are cut in slices, not char by char, so a
  // hostile megabyte-long line costs linear time and no pile of string concatenations.
  if (!line.includes('"')) return line.split(',');
  const fields: string[] = [];
  let cur = '';
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      // Quoted field: runs to the next lone quote; "" is a literal quote.
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) {
          cur += line.slice(i);
          i = line.length;
          break;
        }
        cur += line.slice(i, q);
        if (line[q + 1] === '"') {
          cur += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      continue;
    }
    const comma = line.indexOf(',', i);
    const quote = line.indexOf('"', i);
    const end = comma < 0 ? line.length : comma;
    if (quote >= 0 && quote < end) {
      cur += line.slice(i, quote);
      i = quote;
      continue;
    }
    cur += line.slice(i, end);
    fields.push(cur);
    cur = '';
    i = end + 1;
  }
  return fields;
}
