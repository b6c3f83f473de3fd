// PEP 668 EXTERNALLY-MANAGED marker, read as pip reads it (pip/_internal/exceptions.py
// ExternallyManagedEnvironment.from_config): configparser over the file, section [externally-managed], key `Error`
// (option names are case-insensitive in configparser). A file configparser rejects still counts as the marker, with
// pip's default message. Uses the one INI reader (formats/ini.ts), which behaves like configparser.
import { parseIni, sectionItems } from './ini.js';

export interface ExternallyManaged {
  /** The message pip would print (Error key), when readable. */
  error: string | null;
}

export function parseExternallyManaged(text: string): ExternallyManaged {
  const doc = parseIni(text);
  if (doc.errors.length > 0) return { error: null };
  const entry = sectionItems(doc, 'externally-managed').find((e) => e.key === 'error');
  return { error: entry ? entry.value.trim() || null : null };
}
