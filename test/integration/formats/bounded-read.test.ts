// Bounded reading and linear parsing: FIFOs, devices and oversized files are refused without blocking,
// decompression bombs are cut off, and the pathological inputs that used to take minutes return.
// (No timed assertions: a regression shows as a test that does not finish within vitest's timeout.)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, promises as fsp, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { ScanContext } from '../../../src/context/scan-context.js';
import { LIMITS, ReadLimitError, readBounded, readBoundedSync } from '../../../src/formats/bounded-read.js';
import { parseCondarc } from '../../../src/formats/condarc.js';
import { parseIni } from '../../../src/formats/ini.js';
import { parsePatchlevel } from '../../../src/formats/patchlevel.js';
import { loadAptIndex } from '../../../src/guidance/apt-lists.js';
import { Lz4Error, lz4Chunks } from '../../../src/guidance/lz4.js';
import { stripTrailingSlashes } from '../../../src/text/trim.js';

const base = mkdtempSync(path.join(os.tmpdir(), 'pyenvtui-bounded-'));
afterAll(() => fsp.rm(base, { recursive: true, force: true }));

async function file(rel: string, data: string | Buffer): Promise<string> {
  const p = path.join(base, rel);
  await fsp.mkdir(path.dirname(p), { recursive: true });
  await fsp.writeFile(p, data);
  return p;
}

describe('bounded reads', () => {
  it('refuse a FIFO (without blocking), a link to /dev/zero and a directory; read a regular file', async () => {
    const fifo = path.join(base, 'fifo');
    execFileSync('mkfifo', [fifo]);
    symlinkSync('/dev/zero', path.join(base, 'zero'));
    expect(() => readBoundedSync(fifo)).toThrow(/is a FIFO; only regular files/);
    await expect(readBounded(fifo)).rejects.toThrow(/is a FIFO/);
    expect(() => readBoundedSync(path.join(base, 'zero'))).toThrow(/is a device/);
    await expect(readBounded(path.join(base, 'zero'))).rejects.toThrow(/is a device/);
    expect(() => readBoundedSync(base)).toThrow(/is a directory/);
    expect(readBoundedSync(await file('ok.txt', 'hello')).toString()).toBe('hello');
  });

  it('refuse a file over the limit before reading it', async () => {
    const big = await file('big.txt', Buffer.alloc(2048, 97));
    expect(() => readBoundedSync(big, 1024)).toThrow(ReadLimitError);
    await expect(readBounded(big, 1024)).rejects.toThrow(/over the 1024-byte limit/);
  });

  it('ScanContext reads refuse FIFOs, devices and files over the limit', async () => {
    const root = path.join(base, 'ctxroot');
    await file('ctxroot/etc/pip.conf', '[global]\n');
    execFileSync('mkfifo', [path.join(root, 'etc/fifo')]);
    // Under --root an absolute link resolves inside the root: the image's own /dev/zero (a real device node).
    await fsp.mkdir(path.join(root, 'dev'));
    execFileSync('mknod', [path.join(root, 'dev/zero'), 'c', '1', '5']);
    symlinkSync('/dev/zero', path.join(root, 'etc/zero'));
    const ctx = new ScanContext({ root, env: { PATH: '/usr/bin' } });
    expect(() => ctx.readFile('/etc/fifo')).toThrow(/not a regular file/);
    expect(() => ctx.readFile('/etc/zero')).toThrow(/not a regular file/);
    expect(() => ctx.readFile('/etc/pip.conf', 4)).toThrow(/EFBIG/);
    expect(ctx.readFile('/etc/pip.conf').toString()).toBe('[global]\n');
  });
});

describe('apt lists from a hostile tree', () => {
  it('a FIFO, a /dev/zero link, a gzip bomb and a newline-less list become problems, and the good list is read', { timeout: 120_000 }, async () => {
    const root = path.join(base, 'aptroot');
    const lists = path.join(root, 'var/lib/apt/lists');
    await fsp.mkdir(lists, { recursive: true });
    execFileSync('mkfifo', [path.join(lists, 'a_fifo_Packages')]);
    await fsp.mkdir(path.join(root, 'dev'));
    execFileSync('mknod', [path.join(root, 'dev/zero'), 'c', '1', '5']);
    symlinkSync('/dev/zero', path.join(lists, 'b_zero_Packages'));
    // Over 256 MiB of stanza lines as repeated gzip members of 1 MiB each (~1 KB apiece): cut off at the limit.
    const line = Buffer.from('Package: python3-bomb\nVersion: 1\n\n');
    const member = gzipSync(Buffer.concat(Array.from({ length: Math.ceil((1 << 20) / line.length) }, () => line)), { level: 9 });
    const parts = Math.ceil(LIMITS.decompressed / (1 << 20)) + 8;
    await fsp.writeFile(path.join(lists, 'c_bomb_Packages.gz'), Buffer.concat(Array.from({ length: parts }, () => member)));
    // The same with stanzas nothing keeps: stopped by the expansion limit (20x the compressed size).
    const other = gzipSync(Buffer.concat(Array.from({ length: Math.ceil((1 << 20) / 24) }, () => Buffer.from('Package: libbomb\nV: 1\n\n'))), { level: 9 });
    await fsp.writeFile(path.join(lists, 'c_bomb2_Packages.gz'), Buffer.concat(Array.from({ length: parts }, () => other)));
    await fsp.writeFile(path.join(lists, 'd_zeros_Packages.gz'), gzipSync(Buffer.alloc(8 * 1024 * 1024)));
    await fsp.writeFile(path.join(lists, 'e_good_Packages'), 'Package: python3-requests\nVersion: 2.28.1\nSource: requests\n\n');
    const idx = await loadAptIndex(new ScanContext({ root, env: { PATH: '/usr/bin' } }));
    const byList = Object.fromEntries(idx.problems.map((p) => [path.basename(p.path), p.message]));
    expect(byList['a_fifo_Packages']).toMatch(/not a regular file|is a FIFO/);
    expect(byList['b_zero_Packages']).toMatch(/is a device/);
    expect(byList['c_bomb_Packages.gz']).toMatch(/more than 50000 Python packages in one list/);
    expect(byList['c_bomb2_Packages.gz']).toMatch(/expands past the \d+-byte limit/);
    expect(byList['d_zeros_Packages.gz']).toMatch(/longer than \d+ bytes/);
    expect(idx.packages.get('python3-requests')?.version).toBe('2.28.1');
  });

  it('lz4 output is capped', () => {
    // A frame of uncompressed blocks (high bit set) of 64 KiB each: 8 blocks = 512 KiB of output.
    const block = Buffer.alloc(64 * 1024, 65);
    const head = Buffer.from([0x04, 0x22, 0x4d, 0x18, 0x40, 0x40, 0x00]);
    const blocks = Array.from({ length: 8 }, () => {
      const size = Buffer.alloc(4);
      size.writeUInt32LE((block.length | 0x80000000) >>> 0);
      return Buffer.concat([size, block]);
    });
    const frame = Buffer.concat([head, ...blocks, Buffer.alloc(4)]);
    expect([...lz4Chunks(frame)].reduce((n, c) => n + c.length, 0)).toBe(512 * 1024);
    expect(() => [...lz4Chunks(frame, 200 * 1024)]).toThrow(Lz4Error);
  });
});

describe('parsers stay linear on pathological input', () => {
  const run = ' '.repeat(200_000);
  it('pip.conf with a 200 KB whitespace run (was 161 s)', () => {
    const r = parseIni(`[global]\nindex-url${run}x\nkey${run}= v${run}w${run}\n`);
    expect(r.sections[0]!.entries.get('key')?.value).toBe(`v${run}w`);
    expect(r.errors.map((e) => e.kind)).toEqual(['parse']);
  });
  it('.condarc with a 200 KB whitespace run and 200k slashes (was 32 s)', () => {
    expect(() => parseCondarc(`envs_dirs:\n  - /opt/x${'/'.repeat(200_000)}a\n  - a${run}b\nchannels${run}x\n`)).not.toThrow();
  });
  it('trailing slashes of a 200k-slash path (was 108 s)', () => {
    expect(stripTrailingSlashes(`/a${'/'.repeat(200_000)}b`)).toBe(`/a${'/'.repeat(200_000)}b`);
    expect(stripTrailingSlashes('/a//')).toBe('/a');
  });
  it('patchlevel.h of 200 KB whitespace and newlines (was 13.5 s)', () => {
    expect(parsePatchlevel(`${' \n'.repeat(100_000)}#define PY_VERSION "3.11.2"\n`)).toBe('3.11.2');
    expect(parsePatchlevel(`${' \t'.repeat(100_000)}x`)).toBeNull();
  });
});
