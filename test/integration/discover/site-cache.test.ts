// The persistent site cache: a second scan reads the same packages from the cache, and every change an
// installer (or a person) makes to a metadata directory is seen. Real venv, real pip, real wheels.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanContext } from '../../../src/context/scan-context.js';
import { envFromPrefix } from '../../../src/discover/site.js';
import { siteCacheStats } from '../../../src/discover/site-cache.js';
import type { Environment } from '../../../src/model.js';
import { makeVenv, pipInstall, pipList, SYS_PY, tmp } from './fixtures.js';

let home: string;
let venv: string;
let cacheDir: string;
const site = (): string => `${venv}/lib/python3.11/site-packages`;
const distInfo = (prefix: string): string => `${site()}/${readdirSync(site()).find((n) => n.startsWith(prefix) && n.endsWith('.dist-info'))!}`;

beforeAll(() => {
  home = tmp('pyenvtui-cache-home-');
  cacheDir = tmp('pyenvtui-cache-');
  venv = makeVenv(`${home}/proj/.venv`);
  pipInstall(venv, home, ['pyenvtui-demo-tool', 'pyenvtui-demo-lib==0.2.0']);
}, 120_000);
afterAll(() => [home, cacheDir].forEach((d) => rmSync(d, { recursive: true, force: true })));

// cacheRacyMs 0: files just written by pip may be cached at once (the default waits 2 s).
const ctx = (): ScanContext => new ScanContext({ env: { HOME: home }, cacheDir, cacheRacyMs: 0 });

async function scanVenv(): Promise<{ env: Environment; stats: ReturnType<typeof siteCacheStats> }> {
  const c = ctx();
  const env = await envFromPrefix(c, 'venv', venv, 'proj');
  return { env, stats: siteCacheStats(c) };
}

const summary = (e: Environment): string[] => e.packages.map((p) => `${p.name}==${p.version} req=${p.requested} ${p.summary ?? ''}`).sort();

describe('site cache', () => {
  it('a second scan is served from the cache and equals the first (and pip list)', async () => {
    const first = await scanVenv();
    expect(first.stats.hits).toBe(0);
    expect(first.stats.writes).toBe(1);
    const second = await scanVenv();
    expect(second.stats).toEqual({ hits: first.env.packages.length, misses: 0, writes: 0 });
    expect(second.env).toEqual(first.env);
    expect(second.env.packages.map((p) => `${p.name}==${p.version}`).sort()).toEqual(pipList(SYS_PY, site(), home));
  });

  it('sees an upgrade by pip: the new version is read, the untouched packages still come from the cache', async () => {
    await scanVenv();
    pipInstall(venv, home, ['pyenvtui-demo-lib==0.3.1']);
    const after = await scanVenv();
    expect(after.env.packages.find((p) => p.name === 'pyenvtui-demo-lib')!.version).toBe('0.3.1');
    expect(after.stats.misses).toBe(1);
    expect(after.stats.hits).toBe(after.env.packages.length - 1);
    expect(after.env.packages.map((p) => `${p.name}==${p.version}`).sort()).toEqual(pipList(SYS_PY, site(), home));
  }, 120_000);

  it('sees a file added to a metadata dir (REQUESTED) and METADATA edited in place', async () => {
    const lib = distInfo('pyenvtui_demo_lib');
    rmSync(`${lib}/REQUESTED`, { force: true });
    const before = await scanVenv();
    expect(before.env.packages.find((p) => p.name === 'pyenvtui-demo-lib')!.requested).toBe(false);
    writeFileSync(`${lib}/REQUESTED`, '');
    const meta = readFileSync(`${lib}/METADATA`, 'utf8');
    writeFileSync(`${distInfo('pyenvtui_demo_tool')}/METADATA`, readFileSync(`${distInfo('pyenvtui_demo_tool')}/METADATA`, 'utf8').replace(/^Summary:.*$/m, 'Summary: edited in place'));
    const after = await scanVenv();
    expect(after.env.packages.find((p) => p.name === 'pyenvtui-demo-lib')!.requested).toBe(true);
    expect(after.env.packages.find((p) => p.name === 'pyenvtui-demo-tool')!.summary).toBe('edited in place');
    expect(summary(after.env)).not.toEqual(summary(before.env));
    expect(readFileSync(`${lib}/METADATA`, 'utf8')).toBe(meta);
  });

  it('never caches a broken dist-info: the problem is reported on every scan', async () => {
    const cli = distInfo('pyenvtui_demo_tool');
    const meta = readFileSync(`${cli}/METADATA`);
    writeFileSync(`${cli}/METADATA`, Buffer.from([0xff, 0xfe, 0x00, 0x4e, 0x0a]));
    try {
      for (let i = 0; i < 2; i++) {
        const r = await scanVenv();
        expect(r.env.health.problems.join('\n')).toMatch(/NUL bytes/);
      }
    } finally {
      writeFileSync(`${cli}/METADATA`, meta);
    }
  });

  it('an unchanged site dir is not listed again (one lstat), and any entry added to it is seen', async () => {
    await scanVenv();
    const dir = `${cacheDir}/sites`;
    const [f] = readdirSync(dir);
    const file = `${dir}/${f}`;
    const body = JSON.parse(readFileSync(file, 'utf8')) as { listing: { t: number[]; e: Array<[string, string]> } };
    const lib = body.listing.e.find(([n]) => n.startsWith('pyenvtui_demo_lib'))!;
    // Make the kept listing lie (no demo-lib): a scan that believes it is served from the listing.
    body.listing.e = body.listing.e.filter((x) => x !== lib);
    writeFileSync(file, JSON.stringify(body));
    const served = await scanVenv();
    expect(served.env.packages.map((p) => p.name)).not.toContain('pyenvtui-demo-lib');
    // Any change to the site dir (here a file added and removed) moves its times: listed again.
    writeFileSync(`${site()}/touch.txt`, '');
    rmSync(`${site()}/touch.txt`);
    const listed = await scanVenv();
    expect(listed.env.packages.map((p) => p.name)).toContain('pyenvtui-demo-lib');
    expect(listed.env.packages.map((p) => `${p.name}==${p.version}`).sort()).toEqual(pipList(SYS_PY, site(), home));
  });

  it('a corrupt cache file is a miss, then replaced', async () => {
    await scanVenv();
    const dir = `${cacheDir}/sites`;
    for (const f of readdirSync(dir)) writeFileSync(`${dir}/${f}`, '{"v": 1, "site": ');
    const r = await scanVenv();
    expect(r.stats.hits).toBe(0);
    expect(r.stats.writes).toBe(1);
    expect((await scanVenv()).stats.misses).toBe(0);
  });

  it('is off when the cache dir would lie inside a --root image, or when PYENVTUI_NO_CACHE is set', () => {
    const r = tmp('pyenvtui-cache-root-');
    try {
      expect(new ScanContext({ root: r, env: { HOME: `${r}/home/u` } }).cacheDir).toBeNull();
      expect(new ScanContext({ root: r, env: { HOME: '/home/operator' } }).cacheDir).toBe('/home/operator/.cache/pyenvtui');
      expect(new ScanContext({ root: r, env: { HOME: '/h', XDG_CACHE_HOME: `${r}/c` } }).cacheDir).toBeNull();
      expect(new ScanContext({ env: { HOME: '/h', XDG_CACHE_HOME: '/x' } }).cacheDir).toBe('/x/pyenvtui');
      expect(new ScanContext({ env: { HOME: '/h', PYENVTUI_CACHE_DIR: '/p' } }).cacheDir).toBe('/p');
      expect(new ScanContext({ env: { HOME: '/h', PYENVTUI_NO_CACHE: '1' } }).cacheDir).toBeNull();
    } finally {
      rmSync(r, { recursive: true, force: true });
    }
  });
});
