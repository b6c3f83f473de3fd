// A Debian-like machine in a sandbox, made of this machine's REAL Debian interpreter and stdlib
// (copied, never touched in place): without ensurepip it really fails to create a venv, and the
// prerequisite check says so from files alone; with ensurepip it really works and the check is quiet.
import { execFile } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanContext } from '../../../src/context/scan-context.js';
import { scan } from '../../../src/discover/index.js';
import { prerequisiteFindings } from '../../../src/guidance/prerequisites.js';
import type { Finding } from '../../../src/model.js';
import { gatherMachineFacts } from '../../../src/facts/index.js';

const run = promisify(execFile);
const PY = '/usr/bin/python3.11';
const STDLIB = '/usr/lib/python3.11';
const debianPython = existsSync(PY) && existsSync(`${STDLIB}/ensurepip/__main__.py`) && existsSync('/var/lib/dpkg/status');
const base = mkdtempSync(path.join(os.tmpdir(), 'pyenvtui-prereq-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** Drop one package's stanza from a dpkg status text, as if it were never installed. */
function withoutPackage(status: string, pkg: string): string {
  return status.split(/\n\n+/).filter((s) => !s.startsWith(`Package: ${pkg}\n`)).join('\n\n') + '\n';
}

function buildRoot(name: string, withEnsurepip: boolean): string {
  const root = path.join(base, name);
  mkdirSync(path.join(root, 'usr/bin'), { recursive: true });
  copyFileSync(PY, path.join(root, 'usr/bin/python3.11'));
  symlinkSync('python3.11', path.join(root, 'usr/bin/python3'));
  cpSync(STDLIB, path.join(root, STDLIB), {
    recursive: true,
    filter: (src) => !src.includes('__pycache__') && (withEnsurepip || !src.startsWith(`${STDLIB}/ensurepip`)),
  });
  if (existsSync('/usr/share/python-wheels')) cpSync('/usr/share/python-wheels', path.join(root, 'usr/share/python-wheels'), { recursive: true });
  if (existsSync('/usr/include/python3.11/patchlevel.h')) cpSync('/usr/include/python3.11/patchlevel.h', path.join(root, 'usr/include/python3.11/patchlevel.h'));
  mkdirSync(path.join(root, 'etc'), { recursive: true });
  copyFileSync('/etc/os-release', path.join(root, 'etc/os-release'));
  mkdirSync(path.join(root, 'var/lib/dpkg/info'), { recursive: true });
  const status = readFileSync('/var/lib/dpkg/status', 'latin1');
  writeFileSync(path.join(root, 'var/lib/dpkg/status'), withEnsurepip ? status : withoutPackage(status, 'python3.11-venv'), 'latin1');
  for (const f of ['libpython3.11-stdlib:amd64.list', 'libpython3.11-stdlib:arm64.list']) {
    if (existsSync(`/var/lib/dpkg/info/${f}`)) copyFileSync(`/var/lib/dpkg/info/${f}`, path.join(root, 'var/lib/dpkg/info', f));
  }
  writeFileSync(path.join(root, 'var/lib/dpkg/diversions'), '');
  mkdirSync(path.join(root, 'home/u'), { recursive: true });
  return root;
}

function ctxFor(root: string, env: Record<string, string> = {}): ScanContext {
  return new ScanContext({ root, env: { HOME: path.join(root, 'home/u'), PATH: `${root}/usr/bin:${root}/bin`, ...env }, platform: 'linux', uid: 1000 });
}

async function findings(root: string, env: Record<string, string> = {}): Promise<Finding[]> {
  const ctx = ctxFor(root, env);
  const inv = await scan(ctx);
  return prerequisiteFindings(inv, await gatherMachineFacts(inv, ctx));
}

describe.skipIf(!debianPython)('prerequisites on a Debian-like sandbox built from the real interpreter', () => {
  let broken: string;
  let healthy: string;
  beforeAll(() => {
    broken = buildRoot('no-ensurepip', false);
    healthy = buildRoot('healthy', true);
  });

  it('without ensurepip the real `python3 -m venv` fails, and venv-unavailable says apt install python3-venv', async () => {
    const failed = await run(path.join(broken, 'usr/bin/python3.11'), ['-m', 'venv', path.join(base, 'v-broken')], { env: { PATH: '/usr/bin:/bin', HOME: base } }).then(
      () => null,
      (e: { stdout: string }) => e,
    );
    expect(failed, 'venv creation must fail without ensurepip').not.toBeNull();
    expect(failed!.stdout).toMatch(/ensurepip is not\s+available/);

    const f = (await findings(broken)).filter((x) => x.rule === 'venv-unavailable');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'high', environment: 'system:/usr/bin/python3.11' });
    expect(f[0]!.fix[0]).toBe('sudo apt install python3-venv');
    expect(f[0]!.evidence.map((e) => e.detail)).toEqual(
      expect.arrayContaining([expect.stringMatching(/ensurepip is missing/), 'python3.11-venv is not installed']),
    );
  });

  it('with ensurepip the real venv works and no venv-unavailable is reported', async () => {
    const dest = path.join(base, 'v-ok');
    await run(path.join(healthy, 'usr/bin/python3.11'), ['-m', 'venv', dest], { env: { PATH: '/usr/bin:/bin', HOME: base } });
    expect(existsSync(path.join(dest, 'bin/pip'))).toBe(true);
    expect((await findings(healthy)).filter((x) => x.rule === 'venv-unavailable')).toEqual([]);
  });

  it('flags pipx-bin-not-on-path when pipx is installed but ~/.local/bin is not on PATH', async () => {
    copyFileSync(existsSync('/usr/bin/pipx') ? '/usr/bin/pipx' : PY, path.join(healthy, 'usr/bin/pipx'));
    try {
      const off = (await findings(healthy)).find((x) => x.rule === 'pipx-bin-not-on-path');
      expect(off?.title).toContain('/home/u/.local/bin');
      expect(off?.fix).toContain('pipx ensurepath');
      expect(off?.fix.some((s) => /new shell/.test(s))).toBe(true);
      const on = await findings(healthy, { PATH: `${healthy}/home/u/.local/bin/:${healthy}/usr/bin` });
      expect(on.filter((x) => x.rule === 'pipx-bin-not-on-path')).toEqual([]);
      const custom = await findings(healthy, { PIPX_BIN_DIR: `${healthy}/opt/pipx-bin`, PATH: `${healthy}/home/u/.local/bin:${healthy}/usr/bin` });
      const c = custom.find((x) => x.rule === 'pipx-bin-not-on-path');
      expect(c?.evidence[0]).toMatchObject({ env: 'PIPX_BIN_DIR', detail: 'PIPX_BIN_DIR=/opt/pipx-bin' });
    } finally {
      unlinkSync(path.join(healthy, 'usr/bin/pipx'));
    }
  });

  it('says marker-removed-by-hand for a renamed or deleted marker, and stays quiet for a dpkg diversion', async () => {
    const marker = path.join(healthy, STDLIB, 'EXTERNALLY-MANAGED');
    expect((await findings(healthy)).filter((x) => x.rule === 'marker-removed-by-hand')).toEqual([]);
    renameSync(marker, `${marker}.bak`);
    try {
      const renamed = (await findings(healthy)).find((x) => x.rule === 'marker-removed-by-hand');
      expect(renamed?.severity).toBe('high');
      expect(renamed?.title).toMatch(/never delete EXTERNALLY-MANAGED/);
      expect(renamed?.fix[0]).toBe(`sudo mv ${STDLIB}/EXTERNALLY-MANAGED.bak ${STDLIB}/EXTERNALLY-MANAGED`);
      unlinkSync(`${marker}.bak`);
      const deleted = (await findings(healthy)).find((x) => x.rule === 'marker-removed-by-hand');
      if (existsSync('/var/lib/dpkg/info/libpython3.11-stdlib:amd64.list') || existsSync('/var/lib/dpkg/info/libpython3.11-stdlib:arm64.list')) {
        expect(deleted?.fix[0]).toBe('sudo apt install --reinstall libpython3.11-stdlib');
        expect(deleted?.evidence[0]?.path).toMatch(/^\/var\/lib\/dpkg\/info\/libpython3\.11-stdlib:/);
      }
      writeFileSync(`${marker}.distrib`, '[externally-managed]\n');
      writeFileSync(path.join(healthy, 'var/lib/dpkg/diversions'), `${STDLIB}/EXTERNALLY-MANAGED\n${STDLIB}/EXTERNALLY-MANAGED.distrib\n:\n`);
      expect((await findings(healthy)).filter((x) => x.rule === 'marker-removed-by-hand')).toEqual([]);
    } finally {
      copyFileSync(`${STDLIB}/EXTERNALLY-MANAGED`, marker);
      rmSync(`${marker}.distrib`, { force: true });
      writeFileSync(path.join(healthy, 'var/lib/dpkg/diversions'), '');
    }
  });
});
