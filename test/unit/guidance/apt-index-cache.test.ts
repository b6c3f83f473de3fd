import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ScanContext } from '../../../src/context/scan-context.js';
import { loadAptIndex } from '../../../src/guidance/apt-lists.js';
import { tempRoot, type TempRoot } from '../../helpers/root-builder.js';

// Real stanzas copied from Debian 12's bookworm main list.
const REAL = readFileSync(path.join(import.meta.dirname, 'fixtures/bookworm-main-python_Packages'), 'utf8');
const LIST = '/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages';
const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function machine(): { r: TempRoot; cache: string; ctx: (racyMs?: number) => ScanContext } {
  const r = tempRoot({ [LIST]: REAL });
  const cache = mkdtempSync(path.join(os.tmpdir(), 'pyenvtui-apt-cache-'));
  cleanups.push(r.cleanup, () => rmSync(cache, { recursive: true, force: true }));
  return { r, cache, ctx: (racyMs = 0) => new ScanContext({ root: r.root, env: { PATH: '/usr/bin' }, cacheDir: cache, cacheRacyMs: racyMs }) };
}

const cacheFiles = (cache: string): string[] => {
  try {
    return readdirSync(path.join(cache, 'apt')).map((f) => path.join(cache, 'apt', f));
  } catch {
    return [];
  }
};

describe('apt list index cache', () => {
  it('reuses what it kept from a list until the list changes', async () => {
    const m = machine();
    const first = await loadAptIndex(m.ctx());
    expect(first.packages.get('python3-requests')?.version).toBe('2.28.1+dfsg-1');
    const [file] = cacheFiles(m.cache);
    expect(file).toBeDefined();
    // Mark the cached copy: a second load that shows the mark did not read the list.
    writeFileSync(file!, readFileSync(file!, 'utf8').replace('"2.28.1+dfsg-1"', '"0-cached"'));
    const second = await loadAptIndex(m.ctx());
    expect(second.packages.get('python3-requests')).toMatchObject({ version: '0-cached', list: LIST });
    expect(second.lists).toEqual([LIST]);
    // apt update rewrites the list: read again, cache replaced.
    m.r.put(LIST, REAL.replace('Version: 2.28.1+dfsg-1', 'Version: 2.28.1+dfsg-1+deb12u1'));
    const third = await loadAptIndex(m.ctx());
    expect(third.packages.get('python3-requests')?.version).toBe('2.28.1+dfsg-1+deb12u1');
    expect(readFileSync(file!, 'utf8')).toContain('2.28.1+dfsg-1+deb12u1');
  });

  it('reads the list when the cache file is corrupt, and keeps nothing from a list changed a moment ago', async () => {
    const m = machine();
    await loadAptIndex(m.ctx());
    const [file] = cacheFiles(m.cache);
    writeFileSync(file!, '{"v":1,"list":');
    expect((await loadAptIndex(m.ctx())).packages.get('python3-requests')?.version).toBe('2.28.1+dfsg-1');
    const fresh = machine();
    await loadAptIndex(fresh.ctx(60_000));
    expect(cacheFiles(fresh.cache)).toEqual([]);
  });
});
