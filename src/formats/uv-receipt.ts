// Readers for uv's on-disk formats: a tool's `uv-receipt.toml` and the directory names of uv-managed Pythons.
//
// The receipt (astral-sh/uv crates/uv-tool/src/tool.rs) is a `[tool]` table with `requirements` (uv's own
// inline-table schema {name, specifier, extras, marker, url/git/path/directory, editable}; very old receipts hold
// PEP 508 strings instead), `constraints`, `overrides`, `build-constraint-dependencies`, `python` (the request as
// typed, e.g. "3.12"), `entrypoints` [{name, install-path, from}] and an `[tool.options]` table.
import { parse as parseToml } from 'smol-toml';
import type { ParseResult } from './pipx-metadata.js';

export interface UvRequirement {
  name: string;
  specifier: string | null;
  extras: string[];
  marker: string | null;
  /** url / git / path / directory source, when the requirement is not from an index. */
  source: string | null;
  editable: boolean;
  /** The original PEP 508 string of a legacy receipt. */
  raw?: string;
}

export interface UvEntrypoint {
  name: string;
  installPath: string;
  /** Distribution that provides it (absent in receipts before uv 0.4). */
  from: string | null;
}

export interface UvReceipt {
  requirements: UvRequirement[];
  constraints: UvRequirement[];
  overrides: UvRequirement[];
  python: string | null;
  entrypoints: UvEntrypoint[];
  options: Record<string, unknown>;
  warnings: string[];
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

/** Split a legacy PEP 508 string into name, extras and specifier, loosely (display only). */
function fromPep508(s: string): UvRequirement | null {
  const m = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?\s*([^;]*?)\s*(?:;\s*(.*))?$/.exec(s);
  if (!m) return null;
  const rest = m[3] ?? '';
  const isUrl = rest.startsWith('@');
  return {
    name: m[1]!,
    specifier: rest && !isUrl ? rest : null,
    extras: m[2] ? m[2].split(',').map((x) => x.trim()).filter(Boolean) : [],
    marker: m[4] ?? null,
    source: isUrl ? rest.slice(1).trim() : null,
    editable: false,
    raw: s,
  };
}

function requirementList(v: unknown, field: string, warnings: string[]): UvRequirement[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) {
    warnings.push(`${field} is not an array`);
    return [];
  }
  const out: UvRequirement[] = [];
  for (const item of v) {
    if (typeof item === 'string') {
      const r = fromPep508(item);
      if (r) out.push(r);
      else warnings.push(`${field}: unreadable requirement ${JSON.stringify(item)}`);
      continue;
    }
    if (!isObj(item) || typeof item.name !== 'string') {
      warnings.push(`${field}: entry without a name`);
      continue;
    }
    const source = ['url', 'git', 'path', 'directory'].map((k) => item[k]).find((x) => typeof x === 'string');
    out.push({
      name: item.name,
      specifier: typeof item.specifier === 'string' && item.specifier ? item.specifier : null,
      extras: Array.isArray(item.extras) ? item.extras.filter((x): x is string => typeof x === 'string') : [],
      marker: typeof item.marker === 'string' ? item.marker : null,
      source: typeof source === 'string' ? source : null,
      editable: item.editable === true,
    });
  }
  return out;
}

/** Parse the text of a uv-receipt.toml. */
export function parseUvReceipt(text: string): ParseResult<UvReceipt> {
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch (e) {
    return { ok: false, error: `invalid TOML: ${(e as Error).message.split('\n')[0]}` };
  }
  const tool = doc.tool;
  if (!isObj(tool)) return { ok: false, error: 'no [tool] table' };
  const warnings: string[] = [];
  const entrypoints: UvEntrypoint[] = [];
  if (tool.entrypoints !== undefined && !Array.isArray(tool.entrypoints)) warnings.push('entrypoints is not an array');
  for (const e of Array.isArray(tool.entrypoints) ? tool.entrypoints : []) {
    if (!isObj(e) || typeof e.name !== 'string' || typeof e['install-path'] !== 'string') {
      warnings.push('entrypoints: entry without name or install-path');
      continue;
    }
    entrypoints.push({ name: e.name, installPath: e['install-path'], from: typeof e.from === 'string' ? e.from : null });
  }
  return {
    ok: true,
    value: {
      requirements: requirementList(tool.requirements, 'requirements', warnings),
      constraints: requirementList(tool.constraints, 'constraints', warnings),
      overrides: requirementList(tool.overrides, 'overrides', warnings),
      python: typeof tool.python === 'string' ? tool.python : null,
      entrypoints,
      options: isObj(tool.options) ? tool.options : {},
      warnings,
    },
  };
}

export interface UvPythonKey {
  implementation: string;
  version: string;
  /** "+freethreaded", "+debug", ... as written, without the plus signs. */
  variants: string[];
  os: string;
  arch: string;
  libc: string;
  /** True for uv's minor-version links such as `cpython-3.12-linux-x86_64-gnu`. */
  minorLink: boolean;
}

/**
 * Parse a uv-managed Python directory name `<impl>-<version>[+variant]-<os>-<arch>-<libc>`
 * (uv's PythonInstallationKey). Returns null for anything else (`.lock`, `.cache`, `.temp`, ...).
 */
export function parseUvPythonDirName(name: string): UvPythonKey | null {
  const parts = name.split('-');
  if (parts.length !== 5) return null;
  const [impl, verRaw, os, arch, libc] = parts as [string, string, string, string, string];
  if (!/^[a-z]+$/.test(impl) || !os || !arch || !libc) return null;
  const [ver, ...variants] = verRaw.split('+');
  if (!ver || !/^\d+\.\d+(\.\d+)?((a|b|rc)\d+)?$/.test(ver)) return null;
  return {
    implementation: impl,
    version: ver,
    variants,
    os,
    arch,
    libc,
    minorLink: /^\d+\.\d+$/.test(ver),
  };
}
