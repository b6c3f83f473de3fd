// Every repair command pyenvtui prints for a broken environment is pasted into a shell, as a user
// would, in a throwaway copy of the machine: a private mount namespace (bwrap) where the sandbox's
// home is /home/tester, so the machine paths in the fixes are the sandbox's files and nothing of the
// host changes. Afterwards the repaired environments work, and every other environment is intact.
import { existsSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanContext } from '../../../src/context/scan-context.js';
import { LOCATORS, scan } from '../../../src/discover/index.js';
import { pipxLocator } from '../../../src/discover/pipx.js';
import type { Finding } from '../../../src/model.js';
import { evaluate } from '../../../src/risk/index.js';
import { createSandbox, DEMO, diffListings, listing, run, RunError, type Sandbox } from '../../helpers/sandbox/index.js';

const BWRAP = '/usr/bin/bwrap';

async function brokenFindings(sb: Sandbox): Promise<Finding[]> {
  const ctx = new ScanContext({ root: sb.root, env: sb.env });
  const inv = await scan(ctx, { locators: [...LOCATORS, pipxLocator] });
  return (await evaluate(inv, ctx)).filter((f) => f.rule === 'broken-environment');
}

/** Paste one fix line into bash inside the namespace where /home/tester is the sandbox home. */
async function paste(sb: Sandbox, line: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = { ...sb.env, HOME: sb.machineHome, PIPX_HOME: `${sb.machineHome}/.local/pipx`, PIPX_BIN_DIR: `${sb.machineHome}/.local/bin` };
  const argv = ['--dev-bind', '/', '/', '--tmpfs', '/home', '--bind', sb.home, sb.machineHome, '--chdir', sb.machineHome, '--', '/bin/bash', '-c', line];
  try {
    return { code: 0, ...(await run(BWRAP, argv, { env, cwd: sb.home })) };
  } catch (e) {
    if (e instanceof RunError) return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    throw e;
  }
}

/** Break a venv the way removing its base Python does: the interpreter link dangles, pyvenv.cfg home is gone. */
function breakVenv(prefix: string, version: string, home: string): void {
  for (const n of ['python', 'python3', 'python3.11']) rmSync(path.join(prefix, 'bin', n), { force: true });
  symlinkSync(`${home}/python3`, path.join(prefix, 'bin', 'python'));
  symlinkSync('python', path.join(prefix, 'bin', 'python3'));
  writeFileSync(path.join(prefix, 'pyvenv.cfg'), `home = ${home}\ninclude-system-site-packages = false\nversion = ${version}\n`);
}

describe('repair commands for broken environments (run as printed, in a throwaway copy)', () => {
  let sb: Sandbox;
  let fs: Finding[];
  const fixOf = (needle: string): string[] => {
    const f = fs.find((x) => x.environment?.includes(needle));
    if (!f) throw new Error(`no broken-environment finding for ${needle}: ${fs.map((x) => x.environment).join(', ')}`);
    return f.fix;
  };

  beforeAll(async () => {
    sb = await createSandbox();
    await sb.distroRoot();
    // Healthy neighbours that must come through untouched.
    await sb.venv('.venvs/keep', { packages: [`${DEMO.cli}==${DEMO.cliVersion}`] });
    // A 3.11 venv whose base interpreter was removed: this machine still has a 3.11 (/usr/bin/python3.11).
    const v311 = await sb.venv('.venvs/broken311', { packages: [`${DEMO.lib}==${DEMO.libOldVersion}`] });
    breakVenv(v311.prefix, '3.11.2', '/opt/python3.11-removed/bin');
    // A virtualenvwrapper env made with a 3.10 that is gone: no 3.10 here, so it must not be rebuilt with 3.11.
    const v310 = await sb.venv('.virtualenvs/old310', { withPip: false });
    breakVenv(v310.prefix, '3.10.13', '/opt/python3.10/bin');
    // A conda base whose own Python is gone, holding an env that still works.
    const conda = await sb.conda({ envs: [{ name: 'ds', python: '3.10.4' }] });
    for (const n of ['python', 'python3', 'python3.11']) rmSync(sb.path(`${conda.base}/bin/${n}`), { force: true });
    // A pipx tool whose venv interpreter dangles (its Python was removed under it).
    await sb.pipx(`${DEMO.tool}==${DEMO.toolVersion}`);
    const tool = sb.path(`~/.local/pipx/venvs/${DEMO.tool}`);
    for (const n of ['python', 'python3', 'python3.11']) rmSync(path.join(tool, 'bin', n), { force: true });
    symlinkSync('/opt/python3.11-removed/bin/python3', path.join(tool, 'bin', 'python'));
    fs = await brokenFindings(sb);
  });
  afterAll(() => sb?.cleanup());

  it('never advises rm -rf, and never rebuilds with another Python version', () => {
    for (const f of fs) for (const line of f.fix) expect(line, f.title).not.toMatch(/(^|[;&|\s])rm\s/);
    const old = fixOf('/home/tester/.virtualenvs/old310');
    // Without a 3.10 on the machine every step is a comment: safe to paste, and it says what to install.
    expect(old.every((l) => l.startsWith('#'))).toBe(true);
    expect(old[0]).toContain('no Python 3.10 on this machine');
    expect(old.join('\n')).not.toContain('python3.11');
  });

  it('repairs a conda base with conda\'s installer in update mode, never by replacing it with a venv', () => {
    const base = fixOf('/home/tester/miniconda3');
    expect(base.every((l) => l.startsWith('#'))).toBe(true);
    expect(base.join('\n')).toContain('-u -p /home/tester/miniconda3');
    expect(base.join('\n')).not.toMatch(/-m venv|pip freeze/);
  });

  it('runs every printed command; the repaired envs work and nothing else changed', { timeout: 300_000 }, async () => {
    const rebuilt = '/home/tester/.venvs/broken311';
    const toolDir = `home/tester/.local/pipx/venvs/${DEMO.tool}`;
    const touched = (rel: string) =>
      rel.startsWith('home/tester/.venvs/broken311') || rel.startsWith(toolDir) || rel.startsWith('home/tester/.local/pipx/shared') ||
      rel.startsWith('home/tester/.local/bin/') || rel.startsWith('home/tester/.cache') || rel.startsWith('home/tester/.local/state') ||
      rel.startsWith('home/tester/.local/pipx/logs') || rel.startsWith('home/tester/.local/pipx/.cache');
    const before = await listing(sb.root, { exclude: touched });
    const asideBefore = await listing(sb.path(rebuilt));

    const v311 = fixOf(rebuilt);
    expect(v311[0]).toMatch(/^mv -T \/home\/tester\/\.venvs\/broken311 \/home\/tester\/\.venvs\/broken311\.broken-\d{8}$/);
    expect(v311[1]).toBe(`/usr/bin/python3.11 -m venv ${rebuilt}`);
    // The same packages at the same versions, from the env's own records (pip itself comes with the new venv).
    expect(v311[2]).toMatch(new RegExp(`^${rebuilt}/bin/python -m pip install .*\\b${DEMO.lib}==${DEMO.libOldVersion}\\b`));
    expect(v311[2]).not.toContain(' pip==');
    const pipxFix = fixOf(`/home/tester/.local/pipx/venvs/${DEMO.tool}`);
    expect(pipxFix).toEqual([`pipx reinstall --python /usr/bin/python3.11 ${DEMO.tool}`]);

    for (const f of fs) {
      for (const line of f.fix) {
        if (line.startsWith('#')) continue;
        const r = await paste(sb, line);
        expect(r.code, `${line}\n${r.stderr}`).toBe(0);
      }
    }
    // The rebuilt venv has the same package at the same version and imports it.
    const listed = await paste(sb, `${rebuilt}/bin/python -m pip list --format=json`);
    expect(JSON.parse(listed.stdout)).toEqual(expect.arrayContaining([{ name: DEMO.lib, version: DEMO.libOldVersion }]));
    expect((await paste(sb, `${rebuilt}/bin/python -c "import pyenvtui_demo_lib"`)).code).toBe(0);
    // The old copy was moved aside whole, not deleted.
    const aside = v311[0]!.split(' ')[3]!;
    expect(await listing(sb.path(aside))).toEqual(asideBefore);
    // The pipx tool runs again.
    expect((await paste(sb, `${sb.machineHome}/.local/bin/demo-tool`)).code).toBe(0);
    // Every other environment (the healthy venv, the conda base and its env, the 3.10 env) is byte for byte the same.
    const after = await listing(sb.root, { exclude: (rel) => touched(rel) || rel.startsWith(aside.slice(1)) });
    expect(diffListings(before, after)).toEqual({ added: [], removed: [] });
    expect(existsSync(sb.path('~/miniconda3/envs/ds/conda-meta'))).toBe(true);
  });
});
