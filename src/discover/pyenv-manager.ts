// Which pyenv manages PYENV_ROOT, and its version, from files only (nothing is run): the executable is
// `$PYENV_ROOT/bin/pyenv` (a git or installer checkout) or the first `pyenv` on PATH (Homebrew); its
// version is the `version="…"` line of `libexec/pyenv---version` beside the real script — what
// `pyenv --version` prints outside a git checkout (inside one it adds git's `-N-gSHA`) — else, as PET
// reads it, a version in the real path (/opt/homebrew/Cellar/pyenv/2.4.0/libexec/pyenv).
import path from 'node:path';
import type { ScanContext } from '../context/scan-context.js';
import type { Environment } from '../model.js';
import { tryReadToolFile } from './tool-files.js';

export type Manager = NonNullable<Environment['manager']>;

export async function pyenvManager(ctx: ScanContext, root: string): Promise<Manager> {
  const candidates = [`${root}/bin/pyenv`, ...(ctx.env.PATH ?? '').split(':').filter((d) => d.startsWith('/')).map((d) => `${d}/pyenv`)];
  for (const exe of candidates) {
    if (!(await ctx.tryStat(exe))?.isFile()) continue;
    const real = (await ctx.tryRealpath(exe)) ?? exe;
    const text = await tryReadToolFile(ctx, `${path.posix.dirname(real)}/pyenv---version`);
    const fromFile = text ? /^version="([^"\n]{1,64})"/m.exec(text)?.[1] : undefined;
    const fromPath = /pyenv\/(\d+(?:\.\d+)*)\//.exec(real)?.[1];
    return { tool: 'pyenv', version: fromFile ?? fromPath ?? null, executable: exe };
  }
  return { tool: 'pyenv', version: null, executable: null };
}
