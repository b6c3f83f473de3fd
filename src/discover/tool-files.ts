// Reading the small files tools leave behind (pipx_metadata.json, uv-receipt.toml, conda-meta/history,
// .condarc, .python-version, ...) without letting a hostile tree stall the scan: a FIFO or a device under
// one of those names would block a read forever, and a runaway file would eat memory.
import type { ScanContext } from '../context/scan-context.js';

/** Largest tool file we read; conda histories of big, old envs run to a few MB. */
export const MAX_TOOL_FILE = 32 * 1024 * 1024;

/** Text of a regular file; throws for missing (code ENOENT), non-regular or oversized files. */
export async function readToolFile(ctx: ScanContext, p: string): Promise<string> {
  const st = await ctx.stat(p);
  if (!st.isFile()) throw new Error('not a regular file');
  if (st.size > MAX_TOOL_FILE) throw new Error(`larger than ${MAX_TOOL_FILE} bytes`);
  return ctx.readText(p);
}

/** Like readToolFile, but null for anything that cannot be read. */
export async function tryReadToolFile(ctx: ScanContext, p: string): Promise<string | null> {
  try {
    return await readToolFile(ctx, p);
  } catch {
    return null;
  }
}

/**
 * Whether a directory name read from disk (a pipx venv, a uv tool) can be handed to `pipx`/`uv` as an
 * argument: it must not look like an option, nor hold whitespace, control characters or a slash.
 */
export function isSafeToolName(name: string): boolean {
  return /^[A-Za-z0-9][^\s\x00-\x1f\x7f/]*$/.test(name);
}
