import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { ScanContext } from '../../../src/context/scan-context.js';
import { loadAptIndex } from '../../../src/guidance/apt-lists.js';
import { compareDebVersions, parseControl } from '../../../src/formats/deb-control.js';
import { aptLookup } from '../../../src/guidance/distro-index.js';
import { isInstalled, parseDpkgStatus } from '../../../src/formats/dpkg.js';
import { tempRoot, type TempRoot } from '../../helpers/root-builder.js';

// Real stanzas copied from Debian 12's bookworm main list on this machine.
const REAL = readFileSync(path.join(import.meta.dirname, '../../unit/guidance/fixtures/bookworm-main-python_Packages'), 'utf8');
const LIST = '/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages';
const roots: TempRoot[] = [];
afterEach(() => roots.splice(0).forEach((r) => r.cleanup()));

function ctxWith(files: Record<string, string | Buffer>): ScanContext {
  const r = tempRoot(files);
  roots.push(r);
  return new ScanContext({ root: r.root, env: { PATH: '/usr/bin' } });
}

describe('apt lists index', () => {
  it('maps PyPI names to Debian packages: by name, dotted name, python- prefix, and source', async () => {
    const index = aptLookup(await loadAptIndex(ctxWith({ [LIST]: REAL })));
    expect(index.lookup('requests')).toMatchObject({ manager: 'apt', name: 'python3-requests', version: '2.28.1+dfsg-1', via: 'name', path: LIST });
    expect(index.lookup('python-dateutil')).toMatchObject({ name: 'python3-dateutil', via: 'name' });
    expect(index.lookup('zope.interface')).toMatchObject({ name: 'python3-zope.interface', version: '5.5.2-1+b1' });
    expect(index.lookup('PyYAML')).toMatchObject({ name: 'python3-yaml', version: '6.0-3+b2', via: 'source' });
    expect(index.lookup('attrs')).toMatchObject({ name: 'python3-attr', via: 'source' });
    expect(index.has('pipx')).toBe(true);
  });

  it('answers null for a project the lists lack', async () => {
    const index = aptLookup(await loadAptIndex(ctxWith({ [LIST]: REAL })));
    expect(index.lookup('pyenvtui-demo-lib')).toBeNull();
    expect(index.lookup('flask')).toBeNull();
  });

  it('reads lz4 (made by the real lz4 tool) and gzip lists, keeping the newest version across lists', async () => {
    const newer = REAL.replace('Version: 2.28.1+dfsg-1', 'Version: 2.28.1+dfsg-1+deb12u1');
    const files: Record<string, string | Buffer> = { [`${LIST}.gz`]: gzipSync(Buffer.from(REAL)) };
    if (existsSync('/usr/bin/lz4')) files['/var/lib/apt/lists/security_main_binary-amd64_Packages.lz4'] = execFileSync('lz4', ['-q', '-c'], { input: newer });
    const raw = await loadAptIndex(ctxWith(files));
    expect(raw.problems).toEqual([]);
    expect(raw.lists.length).toBe(Object.keys(files).length);
    const want = existsSync('/usr/bin/lz4') ? '2.28.1+dfsg-1+deb12u1' : '2.28.1+dfsg-1';
    expect(aptLookup(raw).lookup('requests')?.version).toBe(want);
  });

  it('turns a corrupt list into a problem, not a crash, and still reads the others', async () => {
    const raw = await loadAptIndex(ctxWith({ [LIST]: REAL, '/var/lib/apt/lists/broken_Packages.lz4': 'garbage' }));
    expect(raw.problems).toHaveLength(1);
    expect(raw.problems[0]!.message).toMatch(/cannot read apt list/);
    expect(raw.packages.has('python3-six')).toBe(true);
  });

  it('finds python3-requests in this machine\'s own lists', async () => {
    const raw = await loadAptIndex(new ScanContext());
    if (raw.lists.length === 0) return expect(raw.lists).toEqual([]);
    expect(aptLookup(raw).lookup('requests')?.name).toBe('python3-requests');
    expect(raw.packages.size).toBeGreaterThan(1000);
  });
});

describe('control files', () => {
  it('compares Debian versions like dpkg', () => {
    const pairs: Array<[string, string, number]> = [
      ['1.0', '1.0', 0],
      ['1.0~rc1', '1.0', -1],
      ['1.0', '1.0+b1', -1],
      ['2.28.1+dfsg-1', '2.28.1+dfsg-1+deb12u1', -1],
      ['1:0.1', '9.9', 1],
      ['1.10', '1.9', 1],
      ['6.0-3+b2', '6.0-3', 1],
    ];
    for (const [a, b, sign] of pairs) expect(Math.sign(compareDebVersions(a, b)), `${a} vs ${b}`).toBe(sign);
    for (const [a, b] of pairs) expect(Math.sign(compareDebVersions(a, b)) + Math.sign(compareDebVersions(b, a))).toBe(0);
  });

  it('parses stanzas with their line numbers and skips continuation lines', () => {
    const st = parseControl('Package: a\nDescription: x\n more\nVersion: 1\n\nPackage: b\nVersion: 2\n', ['Package', 'Version']);
    expect(st).toEqual([
      { fields: { Package: 'a', Version: '1' }, line: 1 },
      { fields: { Package: 'b', Version: '2' }, line: 6 },
    ]);
  });

  it('reads dpkg status: installed, removed-but-configured, and absent packages', () => {
    const text = 'Package: python3.11-venv\nStatus: deinstall ok config-files\nVersion: 3.11.2-6\n\nPackage: pipx\nStatus: install ok installed\nVersion: 1.1.0-1\n';
    const st = parseDpkgStatus(text);
    expect(isInstalled(st, 'pipx')).toBe(true);
    expect(isInstalled(st, 'python3.11-venv')).toBe(false);
    expect(st.entries.get('python3.11-venv')).toMatchObject({ state: 'config-files', line: 1 });
    expect(isInstalled(st, 'python3-venv')).toBe(false);
  });

  it('reads this machine\'s dpkg status', () => {
    if (!existsSync('/var/lib/dpkg/status')) return;
    const st = parseDpkgStatus(readFileSync('/var/lib/dpkg/status', 'latin1'));
    expect(isInstalled(st, 'dpkg')).toBe(true);
  });
});
