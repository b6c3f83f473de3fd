// dpkg's database is read once per analysis, by one reader: each .list file once (none on a warm start
// with a cache), the status file at most once, and the platform detected once. The answers (owner,
// list file and line of a marker) are what discovery, the risk rules and the prerequisite checks share.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyze.js';
import { ScanContext, type ScanOptions } from '../../../src/context/scan-context.js';
import { scan } from '../../../src/discover/index.js';
import { scanDpkgList, parseDpkgStatus } from '../../../src/formats/dpkg.js';
import { osRelease, tempRoot } from '../../helpers/root-builder.js';

const cache = mkdtempSync(path.join(os.tmpdir(), 'pyenvtui-dpkg-cache-'));
afterAll(() => rmSync(cache, { recursive: true, force: true }));

class CountingContext extends ScanContext {
  reads = new Map<string, number>();
  constructor(opts: ScanOptions) {
    super(opts);
  }
  private count(p: string): void {
    this.reads.set(p, (this.reads.get(p) ?? 0) + 1);
  }
  override readFile(p: string, max?: number): Buffer {
    this.count(p);
    return super.readFile(p, max);
  }
}

const MARKER = '/usr/lib/python3.11/EXTERNALLY-MANAGED';
const files = {
  '/etc/os-release': osRelease('debian-12'),
  '/usr/bin/python3.11': '#!/bin/false\n',
  '/usr/lib/python3.11/os.py': '',
  '/usr/lib/python3/dist-packages/six-1.16.0.dist-info/METADATA': 'Metadata-Version: 2.1\nName: six\nVersion: 1.16.0\n',
  '/var/lib/dpkg/info/libpython3.11-stdlib:amd64.list': `/.\n/usr\n/usr/lib\n/usr/lib/python3.11\n/usr/lib/python3.11/os.py\n${MARKER}\n/usr/lib/python3.11/venv/__init__.py`,
  '/var/lib/dpkg/info/python3-six.list': '/.\n/usr/lib/python3/dist-packages\n/usr/lib/python3/dist-packages/six-1.16.0.dist-info/\n/usr/lib/python3/dist-packages/six.py\n',
  '/var/lib/dpkg/info/coreutils.list': '/.\n/bin\n/bin/ls\n',
  '/var/lib/dpkg/status': 'Package: coreutils\nStatus: install ok installed\nVersion: 9.1-1\n\nPackage: python3.11-venv\nStatus: deinstall ok config-files\nVersion: 3.11.2-6\n\nPackage: python3.11-minimal\nStatus: install ok installed\nVersion: 3.11.2-6+deb12u6\n',
  '/home/u/.keep': '',
};

describe('dpkg read once', () => {
  it('reads every .list file once and status at most once per analysis, and the platform once', async () => {
    const r = tempRoot(files);
    try {
      const opts: ScanOptions = { root: r.root, env: { HOME: '/home/u', PATH: '/usr/bin:/bin' }, cacheDir: cache, cacheRacyMs: 0, uid: 1000, platform: 'linux' };
      const ctx = new CountingContext(opts);
      const inv = await scan(ctx);
      const { findings } = await analyze(inv, ctx);
      const lists = [...ctx.reads].filter(([p]) => p.startsWith('/var/lib/dpkg/info/'));
      expect(lists.map(([p]) => p).sort()).toEqual(Object.keys(files).filter((p) => p.endsWith('.list')).sort());
      expect(lists.every(([, n]) => n === 1)).toBe(true);
      expect(ctx.reads.get('/var/lib/dpkg/status') ?? 0).toBeLessThanOrEqual(1);
      expect(ctx.reads.get('/etc/os-release')).toBe(1);
      // One answer for discovery (dpkg ownership of a distro dist-info) and the rules (marker listed by dpkg).
      const sys = inv.environments.find((e) => e.kind === 'system')!;
      expect(sys.packages.find((p) => p.name === 'six')!.dpkgPackage).toBe('python3-six');
      const marker = findings.find((f) => f.rule === 'marker-missing' && f.environment === sys.id)!;
      expect(marker).toBeDefined();
      // Merged with the playbook's marker-removed-by-hand: its dpkg evidence names the list file and line.
      expect(findings.some((f) => f.rule === 'marker-removed-by-hand')).toBe(false);
      expect(marker.evidence).toContainEqual({ path: '/var/lib/dpkg/info/libpython3.11-stdlib:amd64.list', line: 6, detail: `dpkg installed ${MARKER}, and it is gone` });
      // A warm start (same dpkg database) reads no .list file at all.
      const warm = new CountingContext(opts);
      await analyze(await scan(warm), warm);
      expect([...warm.reads.keys()].filter((p) => p.startsWith('/var/lib/dpkg/info/'))).toEqual([]);
      // A list rewritten in place (the directory's mtime unchanged) is read again, and its answer changes.
      r.put('/var/lib/dpkg/info/python3-six.list', '/.\n/usr/lib/python3/dist-packages/six.py\n');
      const changed = new CountingContext(opts);
      const again = await scan(changed);
      expect(changed.reads.get('/var/lib/dpkg/info/python3-six.list')).toBe(1);
      expect(again.environments.find((e) => e.kind === 'system')!.packages.find((p) => p.name === 'six')!.dpkgPackage).toBeUndefined();
    } finally {
      r.cleanup();
    }
  });
});

describe('the dpkg readers', () => {
  it('scanDpkgList keeps only the asked-for lines, with their line numbers, last line without a newline too', () => {
    const text = '/.\n/usr/lib/python3/dist-packages/a-1.dist-info/\n/usr/lib/python3/dist-packages/a.py\n/lib/python3.11/EXTERNALLY-MANAGED';
    expect(scanDpkgList(Buffer.from(text), ['.dist-info', 'EXTERNALLY-MANAGED'])).toEqual([
      { path: '/usr/lib/python3/dist-packages/a-1.dist-info', line: 2 },
      { path: '/usr/lib/python3.11/EXTERNALLY-MANAGED', line: 4 },
    ]);
  });
  it('parseDpkgStatus keeps only the packages asked for, fed in chunks', () => {
    const st = parseDpkgStatus(files['/var/lib/dpkg/status'], '/var/lib/dpkg/status', (n) => n.includes('python'));
    expect([...st.entries.keys()]).toEqual(['python3.11-venv', 'python3.11-minimal']);
    expect(st.entries.get('python3.11-venv')).toMatchObject({ state: 'config-files', line: 5 });
  });
});
