// Reads a directory of per-host results into HostReports. Three producers, one directory each:
//   - Ansible's jsonfile fact cache (fact_caching=jsonfile): `<host>` holds the facts, ansible_local inside;
//   - `ansible -m setup --tree DIR`: `<host>` holds the module result, or Ansible's unreachable/failed record;
//   - `pyenvtui scan --facts > DIR/<host>.json`: the facts document itself.
// plus `<host>.failed.json`, the record our gather playbook writes for a host that did not answer.
import { lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { splitIndex, type IndexAt } from './json-span.js';
import type { HostReport } from './model.js';
import { readBounded } from './read-file.js';
import { cleanText, isObj, validateFacts } from './validate.js';

/** Most files looked at in one directory (a fleet of 20,000 hosts is far beyond the goal of 500). */
export const MAX_FILES = 20_000;

export interface ReadDirResult {
  reports: HostReport[];
  skipped: { file: string; reason: string }[];
}

/** Host name from a file name, or null when the file is not a host result. */
export function hostFromFile(file: string): { host: string; failedRecord: boolean } | null {
  if (file.startsWith('.') || file.endsWith('~') || file.endsWith('.tmp')) return null;
  if (file.endsWith('.failed.json')) return { host: file.slice(0, -'.failed.json'.length), failedRecord: true };
  for (const ext of ['.json', '.fact']) if (file.endsWith(ext)) return { host: file.slice(0, -ext.length), failedRecord: false };
  // Ansible names cache and tree files by the bare inventory name (which may hold dots: an IP, a FQDN).
  return { host: file, failedRecord: false };
}

/** Classifies one parsed file; `indexes`: package indexes cut out of its text (json-span.ts). */
export function classify(host: string, file: string, value: unknown, mtimeMs: number, indexes: Partial<Record<IndexAt, string>> = {}): HostReport {
  const base = { host, file, mtimeMs, facts: null };
  if (!isObj(value)) return { ...base, status: 'invalid', error: 'not a JSON object' };
  if (typeof value.schema === 'string' && value.schema.startsWith('pyenvtui/facts@')) return fromFacts(base, value, indexes.doc);
  if (value.unreachable === true) return { ...base, status: 'unreachable', error: cleanText(value.msg, 2000) || 'unreachable (no message)' };
  if (value.failed === true && !isObj(value.ansible_facts)) return { ...base, status: 'failed', error: cleanText(value.msg, 2000) || 'failed (no message)' };
  // --tree of the setup module: the facts are under ansible_facts; the jsonfile cache: at the top.
  const facts = isObj(value.ansible_facts) ? value.ansible_facts : value;
  if (!isObj(facts.ansible_local)) {
    const looksAnsible = Object.keys(facts).some((k) => k.startsWith('ansible_') || k.startsWith('_ansible') || k === 'gather_subset');
    return looksAnsible
      ? { ...base, status: 'no-facts', error: 'Ansible reported no local facts (ansible_local is missing: is pyenvtui.fact in the fact path, and was the "local" subset gathered?)' }
      : { ...base, status: 'invalid', error: 'not a pyenvtui facts file, an Ansible fact cache entry or an --tree result' };
  }
  const ours = facts.ansible_local.pyenvtui;
  if (ours === undefined) return { ...base, status: 'no-facts', error: 'ansible_local has no pyenvtui entry (pyenvtui.fact is not installed in the fact path)' };
  // Ansible stores a string when the fact script failed or printed something that is not JSON.
  if (typeof ours === 'string') return { ...base, status: 'no-facts', error: cleanText(ours, 2000) };
  return fromFacts(base, ours, facts === value ? indexes.cache : indexes.tree);
}

function fromFacts(base: Omit<HostReport, 'status' | 'error'>, value: unknown, indexText: string | undefined): HostReport {
  const r = validateFacts(value, indexText);
  return 'error' in r ? { ...base, status: 'invalid', error: r.error } : { ...base, status: 'ok', error: null, facts: r.facts };
}

/** Every host result in `dir` (not recursive); unreadable or foreign files are reported, not fatal. */
export function readFleetDir(dir: string): ReadDirResult {
  const reports: HostReport[] = [];
  const skipped: ReadDirResult['skipped'] = [];
  const names = readdirSync(dir).sort();
  if (names.length > MAX_FILES) skipped.push({ file: `(${names.length - MAX_FILES} more)`, reason: `only the first ${MAX_FILES} files are read` });
  for (const name of names.slice(0, MAX_FILES)) {
    const file = cleanText(name, 255);
    const parsed = hostFromFile(name);
    if (!parsed || !parsed.host) {
      skipped.push({ file, reason: 'not a host result (hidden, backup or temporary file)' });
      continue;
    }
    const full = path.join(dir, name);
    let isDir = false;
    try {
      isDir = lstatSync(full).isDirectory();
    } catch {
      /* vanished: readBounded reports it */
    }
    if (isDir) {
      skipped.push({ file, reason: 'a directory' });
      continue;
    }
    const host = cleanText(parsed.host, 255);
    const read = readBounded(full);
    if ('error' in read) {
      reports.push({ host, file, status: 'invalid', error: `${file}: ${read.error}`, facts: null, mtimeMs: read.mtimeMs });
      continue;
    }
    // The package index (most of the file) is cut out and parsed only when a package is asked about.
    const split = splitIndex(read.text);
    let value: unknown;
    try {
      value = JSON.parse(split.text);
    } catch (e) {
      reports.push({ host, file, status: 'invalid', error: `${file}: not JSON (${cleanText((e as Error).message, 200)})`, facts: null, mtimeMs: read.mtimeMs });
      continue;
    }
    const r = classify(host, file, value, read.mtimeMs, split.indexes);
    // A failed record only ever says "failed" or "unreachable".
    if (parsed.failedRecord && r.status === 'ok') reports.push({ ...r, status: 'invalid', error: `${file}: a .failed.json record holding facts`, facts: null });
    else reports.push(r);
  }
  return { reports, skipped };
}
