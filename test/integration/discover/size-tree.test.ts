// Issue 11 item 7: the system Python's size is its interpreter, stdlib and sites (not all of /usr), equal
// to what `du` counts for those; sizes come from a per-directory cache keyed by mtime/ctime on the next
// launch, and a changed directory is read again.
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScanContext } from '../../../src/context/scan-context.js';
import { scan } from '../../../src/discover/index.js';
import { computeSize, sizeRoots } from '../../../src/discover/size.js';
import { tmp } from './fixtures.js';

function put(p: string, bytes: number): void {
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, Buffer.alloc(bytes, 1));
}

/** `du -s -B1` of a path, minus the directory's own blocks (we count what is inside a root). */
function du(host: string): number {
  const total = Number(execFileSync('du', ['-s', '-B1', '--', host], { encoding: 'utf8' }).split('\t')[0]);
  const st = lstatSync(host);
  return st.isDirectory() ? total - st.blocks * 512 : total;
}

function machine(): { root: string; ctx: (cache: string) => ScanContext } {
  const root = tmp('pyenvtui-size-');
  put(`${root}/usr/bin/python3.11`, 300_000);
  put(`${root}/usr/lib/python3.11/os.py`, 40_000);
  put(`${root}/usr/lib/python3.11/lib-dynload/_ssl.so`, 90_000);
  put(`${root}/usr/lib/python3/dist-packages/yaml/__init__.py`, 20_000);
  mkdirSync(`${root}/usr/lib/python3/dist-packages/PyYAML-6.0.dist-info`, { recursive: true });
  writeFileSync(`${root}/usr/lib/python3/dist-packages/PyYAML-6.0.dist-info/METADATA`, 'Metadata-Version: 2.1\nName: PyYAML\nVersion: 6.0\n\n');
  // The rest of /usr: not the interpreter's.
  put(`${root}/usr/share/doc/big.bin`, 3_000_000);
  put(`${root}/usr/lib/x86_64-linux-gnu/libbig.so`, 2_000_000);
  return {
    root,
    ctx: (cache) => new ScanContext({ root, env: { HOME: '/root', PATH: '/usr/bin' }, platform: 'linux', cacheDir: cache, cacheRacyMs: 0 }),
  };
}

describe('sizes that mean something', () => {
  it("the system interpreter's size is its binary, stdlib and sites, as du counts them", async () => {
    const m = machine();
    const ctx = m.ctx(tmp('pyenvtui-size-cache-'));
    const inv = await scan(ctx);
    const sys = inv.environments.find((e) => e.kind === 'system')!;
    expect(sizeRoots(sys)).toEqual(['/usr/bin/python3.11', '/usr/lib/python3.11', '/usr/lib/python3/dist-packages']);
    const r = await computeSize(ctx, sys);
    expect(r.complete).toBe(true);
    expect(r.bytes).toBe(sizeRoots(sys).reduce((n, p) => n + du(path.join(m.root, p)), 0));
    expect(r.bytes).toBeLessThan(1_000_000);
  });

  it('a second launch reads no unchanged directory; a changed one is read again', async () => {
    const m = machine();
    const cache = tmp('pyenvtui-size-cache-');
    const sys = (await scan(m.ctx(cache))).environments.find((e) => e.kind === 'system')!;
    const counted = (ctx: ScanContext) => {
      const calls: string[] = [];
      const orig = ctx.tryReaddir.bind(ctx);
      ctx.tryReaddir = (p: string) => (calls.push(p), orig(p));
      return calls;
    };
    const first = m.ctx(cache);
    const firstReads = counted(first);
    const a = await computeSize(first, sys);
    expect(firstReads.length).toBeGreaterThan(3);

    const second = m.ctx(cache);
    const secondReads = counted(second);
    const b = await computeSize(second, sys);
    expect(secondReads).toEqual([]);
    expect(b).toEqual(a);

    put(`${m.root}/usr/lib/python3.11/lib-dynload/_new.so`, 50_000);
    const third = m.ctx(cache);
    const thirdReads = counted(third);
    const c = await computeSize(third, sys);
    expect(thirdReads).toEqual(['/usr/lib/python3.11/lib-dynload']);
    expect(c.bytes).toBe(a.bytes + du(`${m.root}/usr/lib/python3.11/lib-dynload/_new.so`));
  });
});
