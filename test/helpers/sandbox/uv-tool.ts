// A uv tool as uv itself leaves it (uv cannot be installed on the test machines): the tool's venv under
// $XDG_DATA_HOME/uv/tools/NAME, its commands linked into ~/.local/bin, and `uv-receipt.toml` written
// byte for byte as uv writes it. The format follows astral-sh/uv (commit 26a9dd4b, 2026-08-21):
//  - crates/uv-tool/src/receipt.rs `ToolReceipt::to_toml`: a toml_edit document with one `[tool]` table;
//  - crates/uv-tool/src/tool.rs `Tool::to_toml`: keys in the order requirements, constraints, overrides,
//    excludes, build-constraint-dependencies (each only when non-empty), python (when requested),
//    entrypoints (always), then a `[tool.options]` table only when the options differ from the default.
//    A list of one requirement stays inline; longer lists and every entrypoints list are written one
//    element a line ("\n    " before each, a trailing comma, "\n" before "]").
//  - crates/uv-distribution-types/src/requirement.rs `Requirement`: an inline table with `name`, then
//    `extras` (when any), `marker` (when any), then the source (`specifier` for an index requirement, when
//    not empty); `PythonRequest` is written as its canonical string ("3.11").
//  - entrypoints are sorted, each `{ name = ..., install-path = ..., from = ... }`.
// uv's own tests (crates/uv/tests/tool/tool_install.rs) snapshot exactly this shape.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Sandbox } from './sandbox.js';

export interface UvReqSpec {
  name: string;
  extras?: string[];
  marker?: string;
  specifier?: string;
}

/** A TOML basic string as toml_edit writes one (only `"` and `\` and controls escaped). */
function str(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/[\x00-\x1f\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;
}

function reqTable(r: UvReqSpec): string {
  const parts = [`name = ${str(r.name)}`];
  if (r.extras?.length) parts.push(`extras = [${r.extras.map(str).join(', ')}]`);
  if (r.marker) parts.push(`marker = ${str(r.marker)}`);
  if (r.specifier) parts.push(`specifier = ${str(r.specifier)}`);
  return `{ ${parts.join(', ')} }`;
}

function list(items: string[], oneInline: boolean): string {
  if (oneInline && items.length <= 1) return `[${items.join(', ')}]`;
  return `[${items.map((i) => `\n    ${i},`).join('')}\n]`;
}

/** The text uv writes to uv-receipt.toml for these requirements, Python request and entrypoints. */
export function uvReceiptText(t: { requirements: UvReqSpec[]; python?: string; entrypoints: { name: string; installPath: string; from: string }[]; options?: Record<string, string> }): string {
  const lines = ['[tool]'];
  if (t.requirements.length) lines.push(`requirements = ${list(t.requirements.map(reqTable), true)}`);
  if (t.python) lines.push(`python = ${str(t.python)}`);
  const eps = [...t.entrypoints].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  lines.push(`entrypoints = ${list(eps.map((e) => `{ name = ${str(e.name)}, install-path = ${str(e.installPath)}, from = ${str(e.from)} }`), false)}`);
  const opts = Object.entries(t.options ?? {});
  if (opts.length) lines.push('', '[tool.options]', ...opts.map(([k, v]) => `${k} = ${str(v)}`));
  return lines.join('\n') + '\n';
}

/**
 * Install `pkg==version` as uv would: a venv (uv's have no pip; this one is made by the sandbox's python
 * and pip, then pip is left out of the picture by the receipt), the receipt, the command links.
 */
export async function uvTool(sb: Sandbox, pkg: string, version: string, scripts: string[], opts: { with?: UvReqSpec[]; python?: string } = {}): Promise<string> {
  const rel = `.local/share/uv/tools/${pkg}`;
  const v = await sb.venv(rel, { packages: [`${pkg}==${version}`, ...(opts.with ?? []).map((w) => `${w.name}${w.specifier ?? ''}`)] });
  const bin = sb.path('~/.local/bin');
  mkdirSync(bin, { recursive: true });
  for (const s of scripts) symlinkSync(path.join(v.prefix, 'bin', s), path.join(bin, s));
  writeFileSync(
    path.join(v.prefix, 'uv-receipt.toml'),
    uvReceiptText({
      requirements: [{ name: pkg, specifier: `==${version}` }, ...(opts.with ?? [])],
      ...(opts.python ? { python: opts.python } : {}),
      entrypoints: scripts.map((s) => ({ name: s, installPath: path.join(bin, s), from: pkg })),
    }),
  );
  return v.prefix;
}
