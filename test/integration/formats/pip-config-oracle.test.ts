// The pip configuration resolver against pip itself. Each case builds real config files in a sandbox
// HOME / XDG dirs, then asks Debian's real pip (23.0.1, /usr/bin/python3, externally managed) to
// install a package that does not exist with --dry-run --no-index: pip either stops at the
// EXTERNALLY-MANAGED marker (break-system-packages off), gets past it and fails to find the package
// (on), or refuses the configuration (error). Nothing is installed and no machine file is written.
// Site-file cases use a --without-pip --system-site-packages venv and compare `pip config list`.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanContext } from '../../../src/context/scan-context.js';
import { effectiveOption } from '../../../src/formats/pip-config.js';
import { loadPipConfig } from '../../../src/risk/config-load.js';

const run = promisify(execFile);
const PY = '/usr/bin/python3';
const haveSystemPip = existsSync(PY) && existsSync('/usr/lib/python3/dist-packages/pip');

type Outcome = 'on' | 'off' | 'error';
interface Case {
  name: string;
  /** Paths relative to the sandbox dir: h/ = HOME, x1/ x2/ = XDG_CONFIG_DIRS entries, c/ = elsewhere. */
  files: Record<string, string | Buffer>;
  /** Values may use @ for the sandbox dir. */
  env?: Record<string, string>;
  expect: Outcome;
}

const BSP = 'break-system-packages';
const CASES: Case[] = [
  { name: 'nothing configured', files: {}, expect: 'off' },
  { name: '[global] in ~/.config/pip/pip.conf', files: { 'h/.config/pip/pip.conf': `[global]\n${BSP} = true\n` }, expect: 'on' },
  { name: '[install] in legacy ~/.pip/pip.conf', files: { 'h/.pip/pip.conf': `[install]\n${BSP} = yes\n` }, expect: 'on' },
  { name: '[global] true in XDG global file, [install] false in user file', files: { 'x1/pip/pip.conf': `[global]\n${BSP}=true\n`, 'h/.config/pip/pip.conf': `[install]\n${BSP}=false\n` }, expect: 'off' },
  { name: '[install] true in XDG global beats [global] false in user file', files: { 'x1/pip/pip.conf': `[install]\n${BSP}=true\n`, 'h/.config/pip/pip.conf': `[global]\n${BSP}=false\n` }, expect: 'on' },
  { name: 'new user file beats legacy user file', files: { 'h/.pip/pip.conf': `[global]\n${BSP}=true\n`, 'h/.config/pip/pip.conf': `[global]\n${BSP}=off\n` }, expect: 'off' },
  { name: 'later XDG_CONFIG_DIRS entry wins', files: { 'x1/pip/pip.conf': `[global]\n${BSP}=true\n`, 'x2/pip/pip.conf': `[global]\n${BSP}=false\n` }, expect: 'off' },
  { name: 'earlier XDG_CONFIG_DIRS entry loses', files: { 'x1/pip/pip.conf': `[global]\n${BSP}=0\n`, 'x2/pip/pip.conf': `[global]\n${BSP}=1\n` }, expect: 'on' },
  { name: 'PIP_BREAK_SYSTEM_PACKAGES=1 beats [install] false', files: { 'h/.config/pip/pip.conf': `[install]\n${BSP}=false\n` }, env: { PIP_BREAK_SYSTEM_PACKAGES: '1' }, expect: 'on' },
  { name: 'PIP_BREAK_SYSTEM_PACKAGES=0 beats [install] true', files: { 'h/.config/pip/pip.conf': `[install]\n${BSP}=true\n` }, env: { PIP_BREAK_SYSTEM_PACKAGES: '0' }, expect: 'off' },
  { name: 'empty PIP_BREAK_SYSTEM_PACKAGES is ignored', files: { 'h/.config/pip/pip.conf': `[global]\n${BSP}=true\n` }, env: { PIP_BREAK_SYSTEM_PACKAGES: '' }, expect: 'on' },
  { name: 'PIP_CONFIG_FILE=/dev/null disables files', files: { 'h/.config/pip/pip.conf': `[global]\n${BSP}=true\n` }, env: { PIP_CONFIG_FILE: '/dev/null' }, expect: 'off' },
  { name: '/dev/null still honours the variable', files: {}, env: { PIP_CONFIG_FILE: '/dev/null', PIP_BREAK_SYSTEM_PACKAGES: 'yes' }, expect: 'on' },
  { name: 'existing PIP_CONFIG_FILE skips user files', files: { 'c/pip.conf': '[global]\ntimeout = 5\n', 'h/.config/pip/pip.conf': `[install]\n${BSP}=true\n` }, env: { PIP_CONFIG_FILE: '@/c/pip.conf' }, expect: 'off' },
  { name: 'missing PIP_CONFIG_FILE keeps user files', files: { 'h/.config/pip/pip.conf': `[install]\n${BSP}=true\n` }, env: { PIP_CONFIG_FILE: '@/c/absent.conf' }, expect: 'on' },
  { name: 'PIP_CONFIG_FILE beats global files', files: { 'c/pip.conf': `[global]\n${BSP}=true\n`, 'x1/pip/pip.conf': `[global]\n${BSP}=false\n` }, env: { PIP_CONFIG_FILE: '@/c/pip.conf' }, expect: 'on' },
  { name: 'XDG_CONFIG_HOME moves the user file', files: { 'c/cfg/pip/pip.conf': `[global]\n${BSP}=true\n`, 'h/.config/pip/pip.conf': `[global]\n${BSP}=false\n` }, env: { XDG_CONFIG_HOME: '@/c/cfg' }, expect: 'on' },
  { name: 'underscore key break_system_packages', files: { 'h/.config/pip/pip.conf': '[global]\nbreak_system_packages = on\n' }, expect: 'on' },
  { name: 'leading -- in the key', files: { 'h/.config/pip/pip.conf': `[global]\n--${BSP} = y\n` }, expect: 'on' },
  { name: 'key and value case-insensitive, colon delimiter', files: { 'h/.config/pip/pip.conf': '[global]\nBREAK-System-Packages: TRUE\n' }, expect: 'on' },
  { name: 'section names are case-sensitive: [Install] ignored', files: { 'h/.config/pip/pip.conf': `[Install]\n${BSP}=true\n` }, expect: 'off' },
  { name: 'other command section ignored', files: { 'h/.config/pip/pip.conf': `[freeze]\n${BSP}=true\n` }, expect: 'off' },
  { name: 'inline comment is part of the value: pip error', files: { 'h/.config/pip/pip.conf': `[global]\n${BSP} = true # yes really\n` }, expect: 'error' },
  { name: 'invalid word in [global] errors even if [install] is valid', files: { 'h/.config/pip/pip.conf': `[global]\n${BSP}=maybe\n[install]\n${BSP}=true\n` }, expect: 'error' },
  { name: 'invalid word overridden in the same section by a later file', files: { 'x1/pip/pip.conf': `[global]\n${BSP}=maybe\n`, 'h/.config/pip/pip.conf': `[global]\n${BSP}=true\n` }, expect: 'on' },
  { name: 'empty value ignored', files: { 'h/.config/pip/pip.conf': `[global]\n${BSP} =\n` }, expect: 'off' },
  { name: 'continuation line makes a two-line value', files: { 'h/.config/pip/pip.conf': `[global]\n${BSP} =\n    true\n` }, expect: 'error' },
  { name: 'full-line ; and indented # comments', files: { 'h/.config/pip/pip.conf': `[global]\n; ${BSP} = true\n   # ${BSP} = true\ntimeout = 3\n` }, expect: 'off' },
  { name: '[DEFAULT] applies to the sections present', files: { 'h/.config/pip/pip.conf': `[DEFAULT]\n${BSP} = true\n[global]\ntimeout = 3\n` }, expect: 'on' },
  { name: '[DEFAULT] alone applies to nothing', files: { 'h/.config/pip/pip.conf': `[DEFAULT]\n${BSP} = true\n` }, expect: 'off' },
  { name: 'duplicate option in one file: configuration error', files: { 'h/.config/pip/pip.conf': `[global]\n${BSP}=true\n${BSP}=true\n` }, expect: 'error' },
  { name: 'missing section header: configuration error', files: { 'h/.config/pip/pip.conf': `${BSP}=true\n` }, expect: 'error' },
  { name: 'non-UTF-8 file: configuration error', files: { 'h/.config/pip/pip.conf': Buffer.from([0x5b, 0x67, 0x5d, 0x0a, 0x61, 0x3d, 0xff, 0x0a]) }, expect: 'error' },
  { name: 'CRLF line endings', files: { 'h/.config/pip/pip.conf': `[global]\r\n${BSP} = true\r\n` }, expect: 'on' },
];

let base: string;
beforeAll(() => {
  base = mkdtempSync(path.join(os.tmpdir(), 'pyenvtui-oracle-'));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

function setup(c: Case, i: number): { dir: string; env: Record<string, string> } {
  const dir = path.join(base, `case${i}`);
  for (const d of ['h', 'x1', 'x2', 'c', 'links']) mkdirSync(path.join(dir, d), { recursive: true });
  for (const [rel, content] of Object.entries(c.files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), content);
  }
  const env: Record<string, string> = {
    PATH: '/usr/bin:/bin',
    LANG: 'C.UTF-8',
    HOME: path.join(dir, 'h'),
    XDG_CONFIG_DIRS: `${path.join(dir, 'x1')}:${path.join(dir, 'x2')}`,
  };
  for (const [k, v] of Object.entries(c.env ?? {})) env[k] = v.replace('@', dir);
  return { dir, env };
}

async function pipOutcome(dir: string, env: Record<string, string>): Promise<Outcome> {
  const args = ['-m', 'pip', 'install', '--dry-run', '--no-index', '--find-links', path.join(dir, 'links'), 'pyenvtui-oracle-absent'];
  const r = await run(PY, args, { env }).then(
    (o) => ({ code: 0, out: o.stdout + o.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );
  if (r.out.includes('externally-managed-environment')) return 'off';
  if (r.out.includes('No matching distribution found for pyenvtui-oracle-absent')) return 'on';
  if (r.out.includes('is not a valid value for break-system-packages') || /Configuration file (could not be loaded|contains invalid)/.test(r.out)) return 'error';
  throw new Error(`unexpected pip answer (exit ${r.code}): ${r.out}`);
}

describe.skipIf(!haveSystemPip)('pip config resolver equals real pip install (PEP 668 marker)', () => {
  it('has at least 20 cases', () => expect(CASES.length).toBeGreaterThanOrEqual(20));
  it.each(CASES.map((c, i) => [c.name, c, i] as const))('%s', async (_n, c, i) => {
    const { dir, env } = setup(c, i);
    const ctx = new ScanContext({ root: '/', env, home: env.HOME });
    const cfg = await loadPipConfig(ctx, '/usr');
    const eff = effectiveOption(cfg, 'install', BSP, 'bool');
    const ours: Outcome = cfg.fatal || eff.error ? 'error' : eff.value ? 'on' : 'off';
    const pips = await pipOutcome(dir, env);
    expect({ pip: pips, ours }).toEqual({ pip: c.expect, ours: c.expect });
  });
});

/** Python's repr() of a str, enough for config values. */
function pyRepr(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  const body = s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(/\r/g, '\\r');
  return q + (q === "'" ? body.replace(/'/g, "\\'") : body) + q;
}

const LIST_CASES: Case[] = [
  { name: 'site file in a venv beats user file', files: { 'v/pip.conf': '[global]\nindex-url = https://site.example/simple\n', 'h/.config/pip/pip.conf': '[global]\nindex-url = https://user.example/simple\nextra-index-url = https://www.piwheels.org/simple\n' }, expect: 'off' },
  { name: 'PIP_CONFIG_FILE beats the site file', files: { 'v/pip.conf': `[install]\n${BSP} = false\n`, 'c/p.conf': `[install]\n${BSP} = true\n` }, env: { PIP_CONFIG_FILE: '@/c/p.conf' }, expect: 'on' },
  { name: 'multi-line extra-index-url and variables', files: { 'v/pip.conf': '[global]\nextra-index-url =\n  https://a.example/simple\n\n  https://b.example/simple\n' }, env: { PIP_EXTRA_INDEX_URL: 'https://c.example/simple', PIP_BREAK_SYSTEM_PACKAGES: 'true' }, expect: 'on' },
];

describe.skipIf(!haveSystemPip)('merged settings equal `pip config list` (site file of a venv)', () => {
  it.each(LIST_CASES.map((c, i) => [c.name, c, i] as const))('%s', async (_n, c, i) => {
    const { dir, env } = setup(c, 100 + i);
    const venv = path.join(dir, 'v');
    await run(PY, ['-m', 'venv', '--without-pip', '--system-site-packages', venv], { env });
    const ctx = new ScanContext({ root: '/', env, home: env.HOME });
    const cfg = await loadPipConfig(ctx, venv);
    const { stdout } = await run(path.join(venv, 'bin', 'python'), ['-m', 'pip', 'config', 'list'], { env });
    const ours = [...cfg.merged.entries()].map(([k, s]) => `${k}=${pyRepr(s.value)}`).sort();
    expect(stdout.trim().split('\n').filter(Boolean).sort()).toEqual(ours);
    const eff = effectiveOption(cfg, 'install', BSP, 'bool');
    expect(eff.value === true ? 'on' : 'off').toBe(c.expect);
  });
});
