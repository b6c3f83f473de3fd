// PEP 668 EXTERNALLY-MANAGED marker: INI with [externally-managed] Error / Error-<lang>.
// An unparsable marker still counts (pip treats any existing file as the marker).

export interface ExternallyManaged {
  /** The message pip would print (Error key), when readable. */
  error: string | null;
}

export function parseExternallyManaged(text: string): ExternallyManaged {
  let inSection = false;
  let error: string | null = null;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const sec = /^\s*\[([^\]]+)\]\s*$/.exec(line);
    if (sec) {
      inSection = sec[1]!.trim().toLowerCase() === 'externally-managed';
      continue;
    }
    if (!inSection || error !== null) continue;
    const kv = /^Error\s*[=:]\s*(.*)$/i.exec(line);
    if (!kv) continue;
    // INI continuation: following indented lines belong to the value.
    const parts = [kv[1]!];
    while (i + 1 < lines.length && /^\s+\S/.test(lines[i + 1]!)) parts.push(lines[++i]!.trim());
    error = parts.join('\n').trim();
  }
  return { error };
}
