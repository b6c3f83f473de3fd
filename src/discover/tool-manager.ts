// The Poetry, pipenv or pipx that manages their venvs, and its version, from files only (nothing is run).
// The executable is the first `poetry`/`pipenv` on PATH, else one of the places PET looks
// (pet-poetry/pet-pipenv manager.rs: ~/.poetry/bin, $POETRY_HOME/{bin,venv/bin}, pipx's venv, the
// official installer's venv, ~/.local/bin). Its version is that of the distribution installed in the venv
// the script lives in (pipx and the official installer link it into ~/.local/bin: the link leads to
// `<venv>/bin/poetry`, and `<venv>/lib/pythonX.Y/site-packages/poetry-1.8.3.dist-info` says 1.8.3),
// else, as PET reads it, a Homebrew Cellar path (/opt/homebrew/Cellar/poetry/1.8.3/…).
import path from 'node:path';
import type { ScanContext } from '../context/scan-context.js';
import type { Manager } from './pyenv-manager.js';
import * as fs from './resolve.js';

export type VenvTool = 'poetry' | 'pipenv' | 'pipx';

function candidates(ctx: ScanContext, tool: VenvTool): string[] {
  const h = ctx.home;
  const onPath = (ctx.env.PATH ?? '').split(':').filter((d) => d.startsWith('/')).map((d) => `${d}/${tool}`);
  const xdgData = ctx.env.XDG_DATA_HOME ?? `${h}/.local/share`;
  const known =
    tool === 'poetry'
      ? [
          ...(ctx.env.POETRY_HOME ? [`${ctx.env.POETRY_HOME}/bin/poetry`, `${ctx.env.POETRY_HOME}/venv/bin/poetry`] : []),
          `${h}/.poetry/bin/poetry`, `${h}/.local/pipx/venvs/poetry/bin/poetry`, `${xdgData}/pypoetry/venv/bin/poetry`,
          `${h}/Library/Application Support/pypoetry/venv/bin/poetry`, `${h}/.local/bin/poetry`,
        ]
      : [`${h}/.local/bin/${tool}`, `${h}/.local/pipx/venvs/${tool}/bin/${tool}`];
  return [...onPath, ...known];
}

/** Version of `tool` as installed in the venv whose bin/ holds `real`, or from a Cellar path. */
async function versionOf(ctx: ScanContext, tool: VenvTool, real: string): Promise<string | null> {
  const prefix = path.posix.dirname(path.posix.dirname(real));
  // A venv's or prefix's site-packages, and Debian's dist-packages (apt's /usr/bin/pipx).
  const sites = (await fs.tryReaddir(ctx, `${prefix}/lib`))
    .filter((l) => /^python\d+(\.\d+t?)?$/.test(l.name))
    .flatMap((l) => [`${prefix}/lib/${l.name}/site-packages`, `${prefix}/lib/${l.name}/dist-packages`]);
  for (const site of sites) {
    for (const e of await fs.tryReaddir(ctx, site)) {
      const m = new RegExp(`^${tool}-([0-9][A-Za-z0-9.+!]*)\\.dist-info$`, 'i').exec(e.name);
      if (m) return m[1]!;
    }
  }
  return new RegExp(`/Cellar/${tool}/(\\d+\\.\\d+\\.\\d+)`).exec(real)?.[1] ?? null;
}

/** The managing tool, found once per scan. */
export function venvToolManager(ctx: ScanContext, tool: VenvTool): Promise<Manager> {
  return ctx.memo(`venv-tool-manager:${tool}:${ctx.home}`, async () => {
    for (const exe of candidates(ctx, tool)) {
      if (!(await ctx.tryStat(exe))?.isFile()) continue;
      const real = (await ctx.tryRealpath(exe)) ?? exe;
      return { tool, version: await versionOf(ctx, tool, real), executable: exe };
    }
    return { tool, version: null };
  });
}
