// Crash safety inside steps: SIGKILL (pyenvtui alone, or its whole process group with the pip/pipx it runs)
// lands *inside* every step kind and inside the undo of every step kind, for pipx and venv targets, from a
// prefix (/usr/local, --root) and from the user site. Each chain of kills is followed by resumes (each
// killed again further on) and undos (each killed again), and ends with an exact listing of the sandbox
// equal to the one taken before. After every kill the package still works from its old or new place.
// Kill specs are KIND:MS[:group] (src/migrate/test-hooks.ts). The figures are in docs/reliability.md.
import { existsSync, promises as fsp, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO, cli, createSandbox, listing, tryRun, type CliResult, type Sandbox } from '../helpers/sandbox/index.js';
import { waitFor } from '../helpers/wait-for.js';

const HELLO = `hello from pyenvtui-demo-cli (pyenvtui-demo-lib ${DEMO.libVersion})\n`;
const LIB = `hello from x (pyenvtui-demo-lib ${DEMO.libVersion})\n`;

type Where = 'old' | 'new';

interface Scenario {
  name: string;
  source: 'prefix' | 'user';
  target: 'pipx' | 'venv';
  /** Kills in migrate, then in each resume: step kinds in plan order. */
  forward: string[];
  /** Resume to the end before undoing (else undo a migration cut off mid-way). */
  finish: boolean;
  /** Kills in each undo: step kinds in reverse plan order. */
  undo: string[];
}

const SCENARIOS: Scenario[] = [
  {
    name: 'pipx from /usr/local (--root): every step, then every undo step',
    source: 'prefix',
    target: 'pipx',
    forward: ['backup:0:group', 'install:1500:group', 'install:5000', 'verify:300:group', 'remove-source:0', 'remove-dependency:0:group', 'link-apps:0'],
    finish: true,
    undo: ['link-apps:0:group', 'link-apps:0', 'remove-dependency:0', 'remove-source:0:group', 'remove-source:0', 'verify:0', 'install:400:group', 'install:0', 'backup:0'],
  },
  {
    name: 'pipx from /usr/local (--root): cut off while removing the source, then undone',
    source: 'prefix',
    target: 'pipx',
    forward: ['install:3000:group', 'verify:0', 'remove-source:0:group'],
    finish: false,
    undo: ['remove-source:0', 'remove-source:0:group', 'verify:0', 'install:200', 'install:0:group', 'backup:0'],
  },
  {
    name: 'pipx from the user site: cut off while linking apps, then undone',
    source: 'user',
    target: 'pipx',
    forward: ['install:2500:group', 'remove-source:0:group', 'remove-dependency:0', 'link-apps:0'],
    finish: false,
    undo: ['link-apps:0:group', 'remove-dependency:0', 'remove-source:0', 'install:0:group', 'install:300', 'backup:0:group'],
  },
  {
    name: 'pipx from the user site: every step, then every undo step',
    source: 'user',
    target: 'pipx',
    forward: ['backup:0', 'install:800', 'install:4000:group', 'verify:0:group', 'remove-source:0', 'remove-dependency:0:group', 'link-apps:0:group'],
    finish: true,
    undo: ['link-apps:0', 'remove-dependency:0:group', 'remove-source:0', 'verify:0:group', 'install:0:group', 'install:1500', 'backup:0:group'],
  },
  {
    name: 'venv from the user site: every step, then every undo step',
    source: 'user',
    target: 'venv',
    forward: ['backup:0:group', 'create-venv:100:group', 'create-venv:1500', 'install:500:group', 'install:3000', 'verify:0', 'remove-source:0:group', 'remove-source:0'],
    finish: true,
    undo: ['remove-source:0:group', 'remove-source:0', 'verify:0', 'install:0', 'create-venv:0:group', 'create-venv:0', 'create-venv:0:group', 'backup:0'],
  },
  {
    name: 'venv from /usr/local (--root): cut off in install, then undone',
    source: 'prefix',
    target: 'venv',
    forward: ['create-venv:0:group', 'install:1200:group', 'install:0'],
    finish: false,
    undo: ['install:0:group', 'create-venv:0', 'create-venv:0:group', 'backup:0'],
  },
];

function usable(sb: Sandbox, s: Scenario): Promise<Where[]> {
  return s.target === 'pipx' ? usableTool(sb, s) : usableLib(sb, s);
}

async function usableTool(sb: Sandbox, s: Scenario): Promise<Where[]> {
  const where: Where[] = [];
  const site = sb.path(s.source === 'prefix' ? '/usr/local/lib/python3.11/dist-packages' : '~/.local/lib/python3.11/site-packages');
  if ((await tryRun(sb, '/usr/bin/python3', ['-s', '-c', 'import pyenvtui_demo_cli as m; m.main()'], { PYTHONPATH: site })) === HELLO) where.push('old');
  if ((await tryRun(sb, sb.path(`~/.local/pipx/venvs/${DEMO.cli}/bin/demo-cli`), [])) === HELLO) where.push('new');
  return where;
}

async function usableLib(sb: Sandbox, s: Scenario): Promise<Where[]> {
  const where: Where[] = [];
  const site = sb.path(s.source === 'prefix' ? '/usr/local/lib/python3.11/dist-packages' : '~/.local/lib/python3.11/site-packages');
  const code = 'import pyenvtui_demo_lib as m; print(m.greet("x"))';
  if ((await tryRun(sb, '/usr/bin/python3', ['-s', '-c', code], { PYTHONPATH: site })) === LIB) where.push('old');
  if ((await tryRun(sb, sb.path(`~/.venvs/${DEMO.lib}/bin/python`), ['-c', code])) === LIB) where.push('new');
  return where;
}

function out(r: CliResult): string {
  return `exit ${r.code} ${r.signal ?? ''}\n${r.stdout}\n${r.stderr}`;
}

/** Injected kills that landed, over the whole file (reported in docs/reliability.md). */
let kills = 0;

describe('SIGKILL inside every step and inside undo', () => {
  afterAll(() => {
    console.log(`migrate-kill: ${kills} injected kills landed`);
  });

  it.each(SCENARIOS)('$name', { timeout: 900_000 }, async (s) => {
    const sb = await createSandbox();
    const pkg = s.target === 'pipx' ? DEMO.cli : DEMO.lib;
    const spec = s.target === 'pipx' ? `${DEMO.cli}==${DEMO.cliVersion}` : `${DEMO.lib}==${DEMO.libVersion}`;
    if (s.source === 'prefix') await sb.sudoPip([spec]);
    else await sb.pipUser([spec]);
    const before = await listing(sb.root);
    expect(await usable(sb, s)).toEqual(['old']);
    const migrate = ['migrate', pkg, '--to', s.target, '--offline', '--yes', '--root', sb.root];

    for (const [i, k] of s.forward.entries()) {
      const r = await cli(sb, i === 0 ? migrate : ['migrate', '--resume', '--yes'], { env: { PYENVTUI_TEST_KILL_IN_STEP: k }, detached: k.endsWith(':group') });
      expect(r.signal, `kill ${k}: ${out(r)}`).toBe('SIGKILL');
      kills++;
      expect(await usable(sb, s), `after a kill in ${k}`).not.toEqual([]);
    }
    if (s.finish) {
      const r = await cli(sb, ['migrate', '--resume', '--yes']);
      expect(r.code, out(r)).toBe(0);
      expect(await usable(sb, s)).toEqual(['new']);
    }
    for (const k of s.undo) {
      const r = await cli(sb, ['undo', '--yes'], { env: { PYENVTUI_TEST_KILL_IN_UNDO: k }, detached: k.endsWith(':group') });
      expect(r.signal, `undo kill ${k}: ${out(r)}`).toBe('SIGKILL');
      kills++;
      expect(await usable(sb, s), `after a kill in the undo of ${k}`).not.toEqual([]);
    }
    const u = await cli(sb, ['undo', '--yes']);
    expect(u.code, out(u)).toBe(0);
    expect(await listing(sb.root)).toEqual(before);
    expect(await usable(sb, s)).toEqual(['old']);
    await sb.cleanup();
  });
});

describe('one package, two pyenvtui processes', () => {
  it('refuses undo of a live migration and a second migration of it; a SIGKILLed holder leaves a stale lock', { timeout: 900_000 }, async () => {
    const sb = await createSandbox();
    const s = SCENARIOS[0]!;
    await sb.sudoPip([`${DEMO.cli}==${DEMO.cliVersion}`]);
    const before = await listing(sb.root);
    const migrate = ['migrate', DEMO.cli, '--to', 'pipx', '--offline', '--yes', '--root', sb.root];
    const flag = path.join(sb.base, 'paused');

    // A migration paused inside its install step holds the package.
    const first = cli(sb, migrate, { env: { PYENVTUI_TEST_PAUSE_IN_STEP: `install:${flag}` }, detached: true });
    await waitFor(() => existsSync(flag), { timeout: 120_000, what: 'the migration to pause in install' });
    const undo = await cli(sb, ['undo', '--yes']);
    expect(undo.code, out(undo)).toBe(1);
    expect(undo.stderr).toMatch(/refused, nothing was changed: package pyenvtui-demo-cli is locked by pyenvtui pid \d+ \(migrate/);
    const second = await cli(sb, migrate);
    expect(second.code, out(second)).toBe(1);
    expect(second.stderr).toMatch(/refused: package pyenvtui-demo-cli is locked by pyenvtui pid \d+/);
    await fsp.rm(flag);
    const done = await first;
    expect(done.code, out(done)).toBe(0);
    expect(await usable(sb, s)).toEqual(['new']);
    const u1 = await cli(sb, ['undo', '--yes']);
    expect(u1.code, out(u1)).toBe(0);
    expect(await listing(sb.root)).toEqual(before);

    // Two started at once: one migrates, the other is refused (locked, or planned after the first and
    // blocked because the package is no longer where it was); a plain undo then restores the start.
    const both = await Promise.all([cli(sb, migrate), cli(sb, migrate)]);
    expect(both.map((r) => r.code).sort(), both.map(out).join('\n----\n')).toEqual([0, 1]);
    expect(await usable(sb, s)).toEqual(['new']);
    const u2 = await cli(sb, ['undo', '--yes']);
    expect(u2.code, out(u2)).toBe(0);
    expect(await listing(sb.root)).toEqual(before);

    // The holder SIGKILLed (with its group) while paused: its lock is stale, undo takes it and restores.
    const third = cli(sb, migrate, { env: { PYENVTUI_TEST_PAUSE_IN_STEP: `install:${flag}` }, detached: true });
    await waitFor(() => existsSync(flag), { timeout: 120_000, what: 'the migration to pause again' });
    // Never kill(-0) or kill(-1): those are this test runner's own process group, or every process.
    const holder = Number(readFileSync(flag, 'utf8'));
    expect(Number.isInteger(holder) && holder > 1 && holder !== process.pid, `pid in ${flag}: ${holder}`).toBe(true);
    process.kill(-holder, 'SIGKILL');
    expect((await third).signal).toBe('SIGKILL');
    await fsp.rm(flag);
    kills++;
    const u3 = await cli(sb, ['undo', '--yes']);
    expect(u3.code, out(u3)).toBe(0);
    expect(await listing(sb.root)).toEqual(before);
    expect(await usable(sb, s)).toEqual(['old']);
    await sb.cleanup();
  });
});
