// Removals that must finish from any point they were cut off at: a venv this migration created (undo of
// create-venv) and a pipx venv this migration installed (undo of `pipx install`). Both are idempotent.
import { promises as fsp } from 'node:fs';
import path from 'node:path';

export interface RemoveContext {
  /** The journal says an earlier attempt of this very removal started: finish it without the usual checks. */
  resuming: boolean;
  checkpoint?: () => void;
}

export interface RemoveResult {
  ok: boolean;
  output: string;
  error?: string;
}

/** Whether anything (even a dangling link) is at p. */
export async function exists(p: string): Promise<boolean> {
  return fsp.lstat(p).then(
    () => true,
    () => false,
  );
}

/**
 * Remove a venv: every entry but pyvenv.cfg first, pyvenv.cfg last, so a directory cut off half-way still
 * says it is a venv. A directory without pyvenv.cfg is refused unless the journal says we were removing it.
 */
export async function removeVenvDir(dir: string, rc: RemoveContext): Promise<RemoveResult> {
  if (!(await exists(dir))) return { ok: true, output: '' };
  const cfg = path.join(dir, 'pyvenv.cfg');
  if (!(await exists(cfg)) && !rc.resuming) return { ok: false, output: '', error: `${dir} is not a venv; not removing it` };
  const entries = (await fsp.readdir(dir)).filter((n) => n !== 'pyvenv.cfg').sort();
  for (const n of entries) {
    await fsp.rm(path.join(dir, n), { recursive: true, force: true });
    rc.checkpoint?.();
  }
  await fsp.rm(cfg, { force: true });
  await fsp.rmdir(dir).catch(() => fsp.rm(dir, { recursive: true, force: true }));
  return { ok: true, output: `removed ${dir}` };
}

/** pipx's own record of a venv; a venv without a readable one is one pipx never finished building. */
async function validPipxMetadata(venv: string): Promise<boolean> {
  try {
    const st = await fsp.lstat(path.join(venv, 'pipx_metadata.json'));
    if (!st.isFile() || st.size > 4 * 1024 * 1024) return false;
    const m = JSON.parse(await fsp.readFile(path.join(venv, 'pipx_metadata.json'), 'utf8')) as { main_package?: { package?: unknown } };
    return typeof m?.main_package?.package === 'string';
  } catch {
    return false;
  }
}

/** Links in binDir that point into venv (pipx's app links): removed with it. */
async function removeLinksInto(binDir: string, venv: string, rc: RemoveContext): Promise<number> {
  let n = 0;
  for (const name of await fsp.readdir(binDir).catch(() => [] as string[])) {
    const p = path.join(binDir, name);
    const to = await fsp.readlink(p).catch(() => null);
    if (to === null) continue;
    const abs = path.resolve(binDir, to);
    if (abs === venv || abs.startsWith(venv + '/')) {
      await fsp.rm(p, { force: true });
      n++;
      rc.checkpoint?.();
    }
  }
  return n;
}

/**
 * After `pipx uninstall` ran (result `uninstalled`): when it failed on a venv pipx cannot read (a kill
 * while pipx built it leaves no valid pipx_metadata.json, and pipx then says "cannot find package
 * metadata"), or on one we were already removing, remove the venv and its app links directly.
 */
export async function finishPipxRemoval(venv: string, binDir: string, uninstalled: RemoveResult, rc: RemoveContext): Promise<RemoveResult> {
  if (!(await exists(venv))) {
    const links = await removeLinksInto(binDir, venv, rc);
    return { ok: true, output: [uninstalled.output, links ? `removed ${links} dangling link(s) into ${venv}` : ''].filter(Boolean).join('\n') };
  }
  if (uninstalled.ok) return uninstalled;
  if (!rc.resuming && (await validPipxMetadata(venv))) return uninstalled;
  await fsp.rm(venv, { recursive: true, force: true });
  const links = await removeLinksInto(binDir, venv, rc);
  return { ok: true, output: `${uninstalled.output}\npipx could not uninstall a half-built venv: removed ${venv} and ${links} link(s) directly`.trim() };
}
