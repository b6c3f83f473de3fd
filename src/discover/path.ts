// PATH resolution without executing anything: for python, python3, pip, pip3 and every console script
// of the discovered distributions, which file wins on ctx.env.PATH and which later copies it shadows.
import type { ScanContext } from '../context/scan-context.js';
import type { Environment, PathCommand, PathResolution } from '../model.js';
import * as fs from './resolve.js';
import { pyenvActive, pyenvRoot } from './pyenv.js';
import { pyenvVersionNames, resolveShim } from './pyenv-resolve.js';

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/;

/** Resolve commands on PATH. Each PATH dir is listed once; only matching names are stat'ed. */
export async function resolvePath(ctx: ScanContext, envs: Environment[]): Promise<PathResolution> {
  const dirs: string[] = [];
  const seenReal = new Set<string>();
  for (const d of (ctx.env.PATH ?? '').split(':')) {
    if (!d || !d.startsWith('/') || dirs.includes(d)) continue;
    // Merged /usr: /bin and /usr/bin are one directory; a file there does not shadow itself.
    const real = (await fs.tryRealpath(ctx, d)) ?? d;
    if (seenReal.has(real)) continue;
    seenReal.add(real);
    dirs.push(d);
  }
  const listings = await Promise.all(dirs.map(async (d) => new Set((await fs.tryReaddir(ctx, d)).map((e) => e.name))));

  const find = async (name: string): Promise<PathCommand | null> => {
    const hits: string[] = [];
    for (let i = 0; i < dirs.length; i++) {
      if (!listings[i]!.has(name)) continue;
      const p = `${dirs[i]}/${name}`;
      const st = await fs.stat(ctx, p);
      // Like `which`: a dangling link or a non-executable file does not run.
      if (st && st.isFile() && (st.mode & 0o111) !== 0) hits.push(p);
    }
    if (!hits.length) return null;
    const [winner, ...shadows] = hits as [string, ...string[]];
    const cmd: PathCommand = { name, path: winner, shadows };
    const real = await fs.tryRealpath(ctx, winner);
    if (real && real !== winner) cmd.target = real;
    return cmd;
  };

  const scriptNames = new Set<string>();
  for (const e of envs) for (const d of e.packages) for (const s of d.scripts) if (SAFE_NAME.test(s)) scriptNames.add(s);
  const [python, python3, pip, pip3] = await Promise.all(['python', 'python3', 'pip', 'pip3'].map(find));
  const commands = (await Promise.all([...scriptNames].sort().map(find))).filter((c): c is PathCommand => c !== null);
  // pyenv shims: follow them through pyenv's files to the interpreter they run.
  const root = pyenvRoot(ctx);
  const shimmed = [python, python3, pip, pip3, ...commands].filter((c): c is PathCommand => !!c && c.path === `${root}/shims/${c.name}`);
  if (shimmed.length) {
    const selected = await pyenvActive(ctx, root);
    const names = await pyenvVersionNames(ctx, root);
    for (const c of shimmed) {
      const t = await resolveShim(ctx, c, dirs, root, selected, names.dirs, names.versionsNoEnvs);
      if (t) c.pyenv = t;
    }
  }
  return { dirs, python: python ?? null, python3: python3 ?? null, pip: pip ?? null, pip3: pip3 ?? null, commands };
}
