// An operator PATH with a Python and nothing else: what a machine without pipx looks like to
// `pyenvtui migrate` (the host's /usr/bin has pipx, so tests cannot just use the real PATH).
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { Sandbox } from './sandbox.js';
import { DEBIAN_PYTHON } from './tools.js';

/** Creates (once) `<base>/bin-no-pipx` holding only python3 links to Debian's interpreter; returns it. */
export async function pythonOnlyPath(sb: Sandbox): Promise<string> {
  const bin = path.join(sb.base, 'bin-no-pipx');
  await fsp.mkdir(bin, { recursive: true });
  for (const n of ['python3', 'python3.11']) {
    await fsp.symlink(DEBIAN_PYTHON, path.join(bin, n)).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e;
    });
  }
  return bin;
}
