import { afterEach, describe, expect, it } from 'vitest';
import type { Advice } from '../../src/model.js';
import { messyInventory } from './inventory-fixture.js';
import { expectFits, fixedLoader, mountApp, type MountOptions } from './render-helpers.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

const PIPX: Advice = { action: 'pipx', reason: 'command-line tool (http, https): pipx gives it its own venv and keeps the command on PATH' };
const APT: Advice = { action: 'distro', reason: 'apt has python3-six 1.16.0-4 (pip copy is 1.16.0)', distroPackage: { manager: 'apt', name: 'python3-six', version: '1.16.0-4' } };

/** The messy machine with the advice guidance gives its global packages. */
function advisedLoader() {
  const data = messyInventory();
  for (const d of data.inventory.environments[0]!.packages) {
    if (d.name === 'httpie') d.advice = PIPX;
    if (d.name === 'six') d.advice = APT;
    if (d.scope === 'distro') d.advice = { action: 'keep', reason: 'installed by dpkg (python3-requests): leave it to apt' };
  }
  return fixedLoader(data);
}

function mount(opts: MountOptions) {
  const r = mountApp({ loader: advisedLoader(), ...opts });
  cleanup = r.unmount;
  return r;
}

describe('advice in the dashboard', () => {
  it('80x24: the environment detail shows each advised package\'s action and reason under it, whole', async () => {
    const r = mount({ columns: 80, rows: 24 });
    await r.envs();
    // The environment's findings come first; the packages table with its advice is below.
    r.stdin.write('\t');
    await r.has('▸ python3.11');
    r.stdin.write('G');
    const f = await r.has('advice: apt');
    const lines = f.split('\n');
    const httpie = lines.findIndex((l) => /httpie\s+3\.2\.1\s+pip\s+user/.test(l));
    expect(httpie).toBeGreaterThan(0);
    expect(lines[httpie + 1]).toMatch(/│\s+advice: pipx — command-line tool \(http,/);
    expect(lines[httpie + 1]).not.toContain('…');
    expect(f).toMatch(/advice: apt — apt has python3-six 1\.16\.0-4/);
    // keep advice stays out of the environment table (the `by` column already says debian).
    expect(f).not.toContain('advice: keep');
    expectFits(f, 80, 24);
  });

  it('60x20: one pane at a time; the detail shows the advice lines and still fits', async () => {
    const r = mount({ columns: 60, rows: 20 });
    await r.envs();
    r.stdin.write('\t');
    await r.has('Tab: list');
    r.stdin.write('G');
    const f = await r.has('advice: apt');
    expect(f).toMatch(/advice: pipx — command-line tool/);
    expect(f).toMatch(/advice: apt — apt has python3-six/);
    expectFits(f, 60, 20);
  });

  it('the packages view detail shows the advice of each copy, keep included', async () => {
    const r = mount({ columns: 80, rows: 24 });
    await r.envs();
    r.stdin.write('3');
    await r.has('Packages');
    r.stdin.write('/');
    r.stdin.write('requests');
    r.stdin.write('\r');
    const f = await r.has('advice: keep');
    expect(f).toMatch(/distro site · de.*\n.*advice: keep — installed …/);
    expectFits(f, 80, 24);
  });
});
