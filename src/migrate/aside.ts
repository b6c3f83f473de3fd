// Moving a whole environment aside and back: the repair of a broken venv (moved aside, rebuilt in its
// place) and the clean-up's trash. Both directions are idempotent, so an interrupted run is finished by
// running the same action again. A rename keeps every byte, link and mode; across filesystems the tree is
// copied with its links and times kept, then the original removed.
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { exists, removeVenvDir, type RemoveResult } from './remove-actions.js';

/** What a move reports: the same shape as a removal's. */
export type AsideResult = RemoveResult;

async function move(from: string, to: string): Promise<void> {
  await fsp.mkdir(path.dirname(to), { recursive: true });
  try {
    await fsp.rename(from, to);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
    await fsp.cp(from, to, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true, errorOnExist: true, force: false });
    await fsp.rm(from, { recursive: true, force: true });
  }
}

/** Move (or, with `copy`, copy) `from` to `to`; done already when only `to` exists. */
export async function setAside(from: string, to: string, copy: boolean): Promise<AsideResult> {
  const src = await exists(from);
  const dst = await exists(to);
  if (!src && dst) return { ok: true, output: `${from} is already in ${to}` };
  if (!src) return { ok: false, output: '', error: `${from} does not exist` };
  if (dst && !copy) return { ok: false, output: '', error: `${to} exists already; not moving ${from} over it` };
  if (dst) await fsp.rm(to, { recursive: true, force: true }); // a copy cut off half-way: copied again
  if (copy) {
    await fsp.mkdir(path.dirname(to), { recursive: true });
    await fsp.cp(from, to, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true, errorOnExist: true, force: false });
    return { ok: true, output: `copied ${from} to ${to}` };
  }
  await move(from, to);
  return { ok: true, output: `moved ${from} to ${to}` };
}

/**
 * Put `aside` back at `dir`. With `replace`, what was built at `dir` since (a rebuilt venv: it has a
 * pyvenv.cfg) is removed first; anything else there is left alone and the step fails.
 */
export async function putBack(aside: string, dir: string, replace: boolean, resuming: boolean): Promise<AsideResult> {
  if (!(await exists(aside))) {
    if (await exists(dir)) return { ok: true, output: `${dir} is back already` };
    return { ok: false, output: '', error: `${aside} is gone: ${dir} cannot be put back` };
  }
  const st = await fsp.lstat(dir).catch(() => null);
  if (st && !replace) return { ok: false, output: '', error: `${dir} exists again (made since?); leaving it and ${aside} as they are` };
  if (st) {
    if (st.isSymbolicLink() || !st.isDirectory()) return { ok: false, output: '', error: `${dir} exists and is not an environment pyenvtui built; leaving it` };
    const r = await removeVenvDir(dir, { resuming });
    if (!r.ok) return { ok: false, output: '', error: r.error ?? `cannot remove ${dir}` };
  }
  await move(aside, dir);
  return { ok: true, output: `put ${dir} back` };
}
