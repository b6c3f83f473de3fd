// Migration prerequisites with real sandboxes: a Debian-like root without python3-venv, and an operator
// PATH without pipx. Blocked plans change nothing and name the platform's fix.
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanContext } from '../../../src/context/scan-context.js';
import { fixCommand } from '../../../src/guidance/index.js';
import { prepareMigration } from '../../../src/migrate/prepare.js';
import { planText } from '../../../src/migrate/render.js';
import { loadSource, parseFrom } from '../../../src/migrate/source.js';
import type { Plan, Target } from '../../../src/migrate/types.js';
import { detectPlatform } from '../../../src/platform/index.js';
import { DEMO, cli, createSandbox, listing, operatorState, pythonOnlyPath, type Sandbox } from '../../helpers/sandbox/index.js';

const HOST_PY = '/usr/bin/python3.11';

async function plan(sb: Sandbox, name: string, scope: 'local' | 'user', target: Target, env: Record<string, string> = sb.env): Promise<Plan> {
  const ctx = new ScanContext({ root: sb.root, env, cacheDir: null });
  const from = parseFrom(scope);
  if ('error' in from) throw new Error(from.error);
  const src = await loadSource(ctx, from, [name]);
  expect(src.env, src.error).not.toBeNull();
  return prepareMigration(ctx, { source: src.env!, selection: [name], target, offline: true, keepSource: false, hostEnv: { ...env, XDG_STATE_HOME: operatorState(sb) } });
}

describe('venv target on a Debian root without python3-venv', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await createSandbox();
    await sb.distroRoot({ venv: false });
    await sb.sudoPip([`${DEMO.lib}==${DEMO.libVersion}`]);
  }, 300_000);
  afterAll(() => sb.cleanup());

  it('a stand-in interpreter: the host\'s python3.11 builds the venv, so the image\'s missing ensurepip does not block', async () => {
    const p = await plan(sb, DEMO.lib, 'local', { kind: 'venv' });
    expect(p.prerequisites ?? []).toEqual([]);
    expect(p.blockers).toEqual([]);
    expect(p.warnings.join('\n')).toContain(`using this host's ${HOST_PY} to build the target`);
  });

  describe('with the image\'s own interpreter runnable here (a native binary in the root)', () => {
    beforeAll(async () => {
      // The placeholder becomes a real ELF of this CPU: prepare now builds the venv with the root's own
      // interpreter, whose stdlib (in the root) has no ensurepip.
      await fsp.rm(sb.path(HOST_PY));
      await fsp.copyFile(HOST_PY, sb.path(HOST_PY));
    });

    it('blocks the plan with venv-unavailable and apt\'s python3-venv, before any step', async () => {
      const p = await plan(sb, DEMO.lib, 'local', { kind: 'venv' });
      expect(p.steps).toEqual([]);
      expect(p.prerequisites).toHaveLength(1);
      const pre = p.prerequisites![0]!;
      expect(pre).toMatchObject({ rule: 'venv-unavailable', blocking: true });
      expect(pre.fix[0]).toBe('sudo apt install python3-venv');
      expect(pre.evidence.map((e) => e.detail).join('\n')).toMatch(/ensurepip is missing/);
      expect(pre.evidence.map((e) => e.detail).join('\n')).toContain('python3.11-venv is not installed');
      expect(p.blockers[0]).toBe(`${pre.title} — fix: sudo apt install python3-venv`);
      const text = planText(p);
      expect(text).toContain(`  BLOCKED: ${HOST_PY} cannot create venvs`);
      expect(text).toContain('    fix: sudo apt install python3-venv');
      // The plan's own notes are not printed twice.
      expect(text.match(/BLOCKED/g)).toHaveLength(1);
    });

    it('an existing venv target needs no venv creation: not blocked by it', async () => {
      await sb.venv('~/proj/.venv');
      const p = await plan(sb, DEMO.lib, 'local', { kind: 'venv', dir: '/home/tester/proj/.venv' });
      expect((p.prerequisites ?? []).map((x) => x.rule)).not.toContain('venv-unavailable');
    });

    it('a venv source is judged by the interpreter its bin/python leads to: the host\'s is not blocked, the image\'s is', async () => {
      const venv = await sb.venv('~/src/.venv', { packages: [`${DEMO.extra}==${DEMO.extraVersion}`] });
      const ctx = new ScanContext({ root: sb.root, env: sb.env, cacheDir: null });
      const fromVenv = async (): Promise<Plan> => {
        const src = await loadSource(ctx, { kind: 'prefix', prefix: venv.machine }, [DEMO.extra]);
        return prepareMigration(ctx, { source: src.env!, selection: [DEMO.extra], target: { kind: 'venv' }, offline: true, keepSource: false, hostEnv: { ...sb.env, XDG_STATE_HOME: operatorState(sb) } });
      };
      // python -m venv links bin/python3 to the host's /usr/bin/python3: that one builds the target.
      expect((await fromVenv()).prerequisites ?? []).toEqual([]);
      // Relative links keep it inside the image: now the image's python3.11 (no ensurepip) would run.
      for (const n of await fsp.readdir(path.join(venv.prefix, 'bin'))) {
        if (!/^python/.test(n)) continue;
        await fsp.rm(path.join(venv.prefix, 'bin', n));
        await fsp.symlink('../../../../../usr/bin/python3.11', path.join(venv.prefix, 'bin', n));
      }
      const p = await fromVenv();
      expect(p.prerequisites?.map((x) => `${x.rule}:${x.fix[0]}`)).toEqual(['venv-unavailable:sudo apt install python3-venv']);
      expect(p.steps).toEqual([]);
    });

    it('the CLI exits 1 (blocked), prints the fix, and changes nothing', { timeout: 120_000 }, async () => {
      const before = await listing(sb.root);
      const r = await cli(sb, ['migrate', DEMO.lib, '--from', 'local', '--to', 'venv', '--offline', '--yes', '--root', sb.root]);
      expect(r.code, r.stdout + r.stderr).toBe(1);
      expect(r.stdout).toMatch(/BLOCKED: \/usr\/bin\/python3\.11 cannot create venvs/);
      expect(r.stdout).toContain('fix: sudo apt install python3-venv');
      expect(r.stderr).toContain('nothing was changed (see BLOCKED above); first run: sudo apt install python3-venv, then try again');
      expect(await listing(sb.root)).toEqual(before);
    });
  });
});

describe('pipx target with an operator PATH without pipx', () => {
  let sb: Sandbox;
  let noPipx: Record<string, string>;
  beforeAll(async () => {
    sb = await createSandbox();
    await sb.distroRoot();
    await sb.pipUser([`${DEMO.tool}==${DEMO.toolVersion}`]);
    // A PATH holding only python3 links: everything a migration needs except pipx.
    noPipx = { ...sb.env, PATH: await pythonOnlyPath(sb) };
  }, 300_000);
  afterAll(() => sb.cleanup());

  it('blocks with pipx-missing and this host\'s install command, and warns that the bin dir is not on PATH', async () => {
    const p = await plan(sb, DEMO.tool, 'user', { kind: 'pipx' }, noPipx);
    const install = fixCommand(await detectPlatform(new ScanContext({ root: '/', cacheDir: null })), { installPipx: true });
    expect(install).toMatch(/apt install pipx$/);
    expect(p.steps).toEqual([]);
    const rules = (p.prerequisites ?? []).map((x) => `${x.rule}:${x.blocking}`);
    expect(rules).toEqual(['pipx-missing:true', 'pipx-bin-not-on-path:false']);
    expect(p.prerequisites![0]!.title).toContain(DEMO.tool);
    expect(p.blockers).toEqual([`${p.prerequisites![0]!.title} — fix: ${install}`]);
    expect(p.warnings.join('\n')).toContain('fix: pipx ensurepath');
  });

  it('the CLI exits 1 naming the install command, and nothing changes', { timeout: 120_000 }, async () => {
    const before = await listing(sb.root);
    const r = await cli(sb, ['migrate', DEMO.tool, '--to', 'pipx', '--offline', '--yes', '--root', sb.root], { env: { PATH: noPipx.PATH! } });
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toMatch(/BLOCKED: pipx is not installed, yet 1 command-line tool should move to it \(pyenvtui-demo-tool\)/);
    expect(r.stdout).toMatch(/fix: (sudo )?apt install pipx/);
    expect(r.stdout).toContain('pipx ensurepath');
    expect(r.stdout).not.toContain('(apt install pipx)');
    expect(r.stderr).toMatch(/first run: (sudo )?apt install pipx, then try again/);
    expect(await listing(sb.root)).toEqual(before);
  });

  it('with pipx and ~/.local/bin on PATH there is nothing to fix', async () => {
    const p = await plan(sb, DEMO.tool, 'user', { kind: 'pipx' });
    expect(p.prerequisites).toBeUndefined();
    expect(p.blockers).toEqual([]);
    expect(p.steps.length).toBeGreaterThan(0);
  });
});
