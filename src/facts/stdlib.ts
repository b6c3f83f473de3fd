// Locate an interpreter's stdlib directory from files (no Python is run).
import type { ScanContext } from '../context/scan-context.js';
import type { Environment } from '../model.js';
import { minorOf } from '../guidance/naming.js';

/** Machine path of the stdlib (the directory holding os.py), or null when it cannot be found. */
export async function stdlibDir(ctx: ScanContext, env: Environment): Promise<string | null> {
  const minor = minorOf(env.python.version);
  const libs = [`${env.prefix}/lib`, `${env.prefix}/lib64`];
  for (const lib of libs) {
    const names = minor ? [`python${minor}`] : (await ctx.tryReaddir(lib)).map((e) => e.name).filter((n) => /^python3\.\d+$/.test(n));
    // Several versions under one prefix and none recorded: refuse to guess.
    if (names.length !== 1) continue;
    const dir = `${lib}/${names[0]}`;
    if (await ctx.isFile(`${dir}/os.py`)) return dir;
  }
  return null;
}

/** "3.11" from a stdlib path such as /usr/lib/python3.11. */
export function minorFromStdlib(dir: string): string | null {
  return /python(\d+\.\d+)$/.exec(dir)?.[1] ?? null;
}
