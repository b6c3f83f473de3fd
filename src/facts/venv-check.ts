// Can this interpreter create a working venv? `python3 -m venv` needs the venv module and a
// working ensurepip with a pip wheel; Debian splits those into python3.X-venv, and without it users
// hit "ensurepip ... returned non-zero exit status 1". Decided from files alone.
import type { ScanContext } from '../context/scan-context.js';
import type { Environment, Evidence } from '../model.js';
import type { Platform } from '../platform/types.js';
import { isInstalled, type DpkgStatus } from '../formats/dpkg.js';
import { minorFromStdlib } from './stdlib.js';

export interface VenvCheck {
  ok: boolean;
  stdlib: string;
  evidence: Evidence[];
}

async function hasPipWheel(ctx: ScanContext, dir: string): Promise<boolean> {
  return (await ctx.tryReaddir(dir)).some((e) => /^pip-.+\.whl$/.test(e.name));
}

/** Check venv/ensurepip of one base interpreter whose stdlib is at `stdlib`. */
/** `dpkgStatus` is asked only when something is missing (the status file is read only then). */
export async function checkVenv(ctx: ScanContext, env: Environment, stdlib: string, platform: Platform, dpkgStatus: () => Promise<DpkgStatus | null>): Promise<VenvCheck> {
  const evidence: Evidence[] = [];
  if (!(await ctx.isFile(`${stdlib}/venv/__init__.py`))) {
    evidence.push({ path: `${stdlib}/venv/__init__.py`, detail: 'the venv module is missing' });
  }
  const init = await ctx.tryReadText(`${stdlib}/ensurepip/__init__.py`);
  if (!(await ctx.isFile(`${stdlib}/ensurepip/__main__.py`)) || init === null) {
    evidence.push({ path: `${stdlib}/ensurepip`, detail: 'ensurepip is missing: python3 -m venv fails with "ensurepip ... returned non-zero exit status 1"' });
  } else if (!/def bootstrap\(/.test(init)) {
    evidence.push({ path: `${stdlib}/ensurepip/__init__.py`, line: 1, detail: 'ensurepip is a stub that refuses to run' });
  } else {
    // Upstream bundles pip in ensurepip/_bundled; Debian and Fedora strip it and read WHEEL_PKG_DIR.
    const bundled = await hasPipWheel(ctx, `${stdlib}/ensurepip/_bundled`);
    const system = /WHEEL_PKG_DIR/.test(init) && ((await hasPipWheel(ctx, '/usr/share/python-wheels')) || (await hasPipWheel(ctx, `${env.prefix}/share/python-wheels`)));
    if (!bundled && !system) {
      evidence.push({ path: `${stdlib}/ensurepip`, detail: 'ensurepip has no pip wheel (neither ensurepip/_bundled nor /usr/share/python-wheels holds one)' });
    }
  }
  const dpkg = evidence.length > 0 && platform.family === 'debian' && env.prefix === '/usr' ? await dpkgStatus() : null;
  if (dpkg) {
    const minor = minorFromStdlib(stdlib);
    const pkg = minor ? `python${minor}-venv` : null;
    if (pkg && !isInstalled(dpkg, pkg)) {
      const entry = dpkg.entries.get(pkg);
      evidence.push({ path: dpkg.path, ...(entry ? { line: entry.line } : {}), detail: `${pkg} is ${entry ? entry.state.replace('-', ' ') : 'not installed'}` });
    }
  }
  return { ok: evidence.length === 0, stdlib, evidence };
}
