// Each machine fact has one answer, computed in src/facts, and every consumer sees it: the analysis that
// `scan`, `doctor`, export and the dashboard run (analyze → MachineFacts), and migration's prepare/source.
// Compared with the real tools where they can answer (pipx's own `pipx environment`).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { aptOnlyOf } from '../../../components/wizard/use-wizard-state.js';
import { analyze } from '../../../src/analyze.js';
import { ScanContext } from '../../../src/context/scan-context.js';
import { scan } from '../../../src/discover/index.js';
import { pipxHomes } from '../../../src/discover/pipx.js';
import { markersOf } from '../../../src/facts/interpreter.js';
import { findOnHostPath, findOnPath } from '../../../src/facts/path.js';
import { resolveTools } from '../../../src/migrate/prepare.js';
import { loadSource } from '../../../src/migrate/source.js';
import type { Distribution } from '../../../src/model.js';
import { tempRoot } from '../../helpers/root-builder.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'pyenvtui-facts-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const pipx = findOnHostPath('pipx', process.env.PATH);
const debianPython = existsSync('/usr/bin/python3.11') && existsSync('/usr/lib/python3/dist-packages');

function liveCtx(home: string): ScanContext {
  return new ScanContext({ root: '/', env: { HOME: home, PATH: process.env.PATH ?? '/usr/bin:/bin' }, cacheDir: null, uid: 1000 });
}

describe.skipIf(!pipx)('pipx home on a fresh account', () => {
  it('is the one the installed pipx uses, for discovery, the analysis and migration alike', async () => {
    const home = path.join(tmp, 'fresh');
    const real = execFileSync(pipx!, ['environment'], { env: { HOME: home, PATH: process.env.PATH }, encoding: 'utf8' });
    const pipxSays = /^PIPX_HOME=(.+)$/m.exec(real)![1]!.trim();
    const ctx = liveCtx(home);
    const inv = await scan(ctx);
    const { facts } = await analyze(inv, ctx);
    expect(facts.tools.pipx.home).toBe(pipxSays);
    expect((await pipxHomes(ctx))[0]!.path).toBe(pipxSays);
    const sys = inv.environments.find((e) => e.kind === 'system' && e.python.executable?.startsWith('/usr/bin/'));
    expect(sys).toBeDefined();
    const { tools } = await resolveTools(ctx, sys!, { PATH: process.env.PATH });
    expect(tools!.pipxHome).toBe(pipxSays);
    expect(tools!.pipxBinDir).toBe(/^PIPX_BIN_DIR=(.+)$/m.exec(real)![1]!.trim());
    expect(facts.tools.pipx.binDir).toBe(tools!.pipxBinDir);
  });
});

describe.skipIf(!debianPython)('system sites', () => {
  it('migrate --from finds the system environment with the id and sites the scan reports', async () => {
    const ctx = liveCtx(path.join(tmp, 'sys'));
    const inv = await scan(ctx);
    await analyze(inv, ctx);
    const sys = inv.environments.find((e) => e.kind === 'system' && e.packages.some((p) => p.scope === 'distro'))!;
    const name = sys.packages.find((p) => p.scope === 'distro')!.name;
    const { env } = await loadSource(ctx, { kind: 'system' }, [name]);
    expect(env!.id).toBe(sys.id);
    expect(env!.sites).toEqual(sys.sites);
    expect(env!.packages.map((p) => `${p.site}/${p.name}`).sort()).toEqual(sys.packages.map((p) => `${p.site}/${p.name}`).sort());
  });
});

/** An ELF header for a little-endian 64-bit executable of `machine` (e_machine), padded. */
function elf(machine: number): Buffer {
  const b = Buffer.alloc(64);
  b.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1], 0);
  b.writeUInt16LE(2, 16);
  b.writeUInt16LE(machine, 18);
  return b;
}

describe('marker environment of an aarch64 image scanned with --root', () => {
  it('is aarch64 for the analysis, the planner and the wizard, whatever this machine is', async () => {
    const r = tempRoot({
      '/usr/bin/python3.11': elf(183),
      '/usr/lib/python3.11/os.py': '',
      '/etc/debian_version': '12.8\n',
      '/usr/local/lib/python3.11/dist-packages/app-1.0.dist-info/METADATA': 'Metadata-Version: 2.1\nName: app\nVersion: 1.0\nRequires-Dist: lgpio; platform_machine == "aarch64"\nRequires-Dist: x86only; platform_machine == "x86_64"\n',
      '/usr/local/lib/python3.11/dist-packages/app-1.0.dist-info/INSTALLER': 'pip\n',
      '/home/pi/.keep': '',
    });
    try {
      const ctx = new ScanContext({ root: r.root, env: { HOME: '/home/pi', PATH: '/usr/bin:/bin' }, cacheDir: null, uid: 1000, platform: 'linux', arch: 'x64' });
      const inv = await scan(ctx);
      const sys = inv.environments.find((e) => e.kind === 'system')!;
      const { facts, findings } = await analyze(inv, ctx);
      expect(facts.markerEnv.get(sys.id)!.platform_machine).toBe('aarch64');
      expect(markersOf(ctx, sys)).toEqual(facts.markerEnv.get(sys.id)); // prepare's planner input
      const app = sys.packages.find((p) => p.name === 'app') as Distribution;
      expect(aptOnlyOf(app, markersOf(ctx, sys))).toEqual(['lgpio']); // the wizard's suggestion
      // R11 judges the aarch64-only requirement, not the x86_64 one.
      const broken = findings.filter((f) => f.rule === 'broken-requirements').map((f) => f.title);
      expect(broken).toEqual(['app 1.0 requires lgpio, which is not installed']);
    } finally {
      r.cleanup();
    }
  });
});

describe('PATH lookup', () => {
  it('is one lookup for the scanned machine and the operator, and skips shims', () => {
    const r = tempRoot({ '/opt/shims/uv': '#!/bin/sh\n', '/opt/bin/uv': '#!/bin/sh\n' });
    try {
      execFileSync('chmod', ['+x', path.join(r.root, 'opt/shims/uv'), path.join(r.root, 'opt/bin/uv')]);
      const hostPath = `${r.root}/opt/shims:${r.root}/opt/bin`;
      expect(findOnHostPath('uv', hostPath)).toBe(`${r.root}/opt/bin/uv`);
      // Under --root the operator's PATH is translated into the image (host paths inside the root are kept).
      const ctx = new ScanContext({ root: r.root, env: { HOME: `${r.root}/root`, PATH: hostPath }, cacheDir: null });
      expect(findOnPath(ctx, 'uv')).toBe('/opt/bin/uv');
      expect(ctx.hostPath(findOnPath(ctx, 'uv')!)).toBe(findOnHostPath('uv', hostPath));
    } finally {
      r.cleanup();
    }
  });
});
