// The whole scan over the harness's standard messy machine (built once per run by globalSetup).
import { realpathSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ScanContext } from '../../../src/context/scan-context.js';
import { scan } from '../../../src/discover/index.js';
import type { Environment, Inventory } from '../../../src/model.js';
import { standardMachine, type StandardMachine } from '../../helpers/sandbox/index.js';

const machineBase = inject('standardMachine');

describe.skipIf(!machineBase)('scan of the standard machine', () => {
  let m: StandardMachine;
  let ctx: ScanContext;
  let inv: Inventory;
  beforeAll(async () => {
    m = standardMachine(machineBase);
    ctx = new ScanContext({ root: m.manifest.root, env: m.sandbox.env });
    inv = await scan(ctx);
  });
  const byPrefix = (p: string): Environment | undefined => inv.environments.find((e) => e.prefix === p);

  it('spawns no process for any environment', () => {
    expect(ctx.spawns).toBe(0);
  });

  it('finds the distro Python with user, local and distro sites', () => {
    const sys = inv.environments.find((e) => e.kind === 'system')!;
    expect(sys.python.executable).toBe(m.manifest.distro.python);
    expect(sys.externallyManaged).toBe(true);
    expect(sys.sites.map((s) => [s.path, s.scope])).toEqual([
      [m.manifest.user.site, 'user'],
      [m.manifest.distro.localSite, 'local'],
      [m.manifest.distro.distSite, 'distro'],
    ]);
  });

  it('finds the project venv, the virtualenvwrapper env (with .project) and ~/.venvs/scratch', () => {
    expect(byPrefix(m.manifest.venvs.project)).toMatchObject({ kind: 'venv', name: 'app', health: { ok: true } });
    const wk = byPrefix(m.manifest.venvs.workon)!;
    expect(wk).toMatchObject({ kind: 'virtualenvwrapper', name: 'webapp' });
    expect(wk.meta?.project).toMatch(/projects\/app$/);
    expect(byPrefix(m.manifest.venvs.dotVenvs)).toMatchObject({ kind: 'venv', systemSitePackages: true });
  });

  it('reports the demo-lib version the manifest expects in every site', () => {
    for (const [site, version] of Object.entries(m.manifest.demoLib)) {
      const hits = inv.environments.flatMap((e) => e.packages).filter((p) => p.site === site && p.name === 'pyenvtui-demo-lib');
      expect(hits.map((p) => p.version), site).toContain(version);
    }
  });

  it('oracle: for every environment with a working interpreter, each site equals pip list --path', () => {
    let compared = 0;
    for (const e of inv.environments) {
      const py = workingInterpreter(ctx, e);
      if (!py) continue;
      for (const s of e.sites) {
        const ours = e.packages.filter((p) => p.site === s.path).map((p) => `${p.name}==${p.version}`).sort();
        const out = execFileSync(py, ['-m', 'pip', 'list', '--path', ctx.hostPath(s.path), '--format', 'json'], {
          env: { ...m.sandbox.env, PIP_NO_INDEX: '1', PYTHONNOUSERSITE: '1' },
        }).toString();
        const theirs = (JSON.parse(out) as Array<{ name: string; version: string }>)
          .map((p) => `${p.name.replace(/[-_.]+/g, '-').toLowerCase()}==${p.version}`)
          .sort();
        expect(ours, `${e.id} ${s.path}`).toEqual(theirs);
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(6);
  });
});

/**
 * Host interpreter able to run pip for this environment, or null. The distro Python of the sandbox is
 * a placeholder standing in for the host's Debian python3 (same version), so that one is used for it.
 */
function workingInterpreter(ctx: ScanContext, e: Environment): string | null {
  if (e.kind === 'system') return '/usr/bin/python3';
  if (!e.python.executable) return null;
  try {
    const real = realpathSync(ctx.hostPath(e.python.executable));
    // Placeholder interpreters live inside the sandbox root; real ones outside it.
    if (real.startsWith(ctx.root + path.sep)) return null;
    execFileSync(real, ['-c', 'import pip'], { stdio: 'ignore' });
    return ctx.hostPath(e.python.executable);
  } catch {
    return null;
  }
}
