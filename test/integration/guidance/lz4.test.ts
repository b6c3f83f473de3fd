import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Lz4Error, lz4Chunks } from '../../../src/guidance/lz4.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'pyenvtui-lz4-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const hasLz4 = existsSync('/usr/bin/lz4');
const FIXTURES = path.resolve(path.dirname(new URL(import.meta.url).pathname), 'fixtures');

function decode(buf: Buffer): Buffer {
  return Buffer.concat([...lz4Chunks(buf)].map((c) => Buffer.from(c)));
}

/** Compress with the real lz4 tool. */
function lz4(data: Buffer, flags: string[]): Buffer {
  const src = path.join(dir, `in-${flags.join('')}`);
  writeFileSync(src, data);
  execFileSync('lz4', ['-q', '-f', ...flags, src, `${src}.lz4`]);
  return readFileSync(`${src}.lz4`);
}

// Repetitive text with long-range repeats, so matches cross 64 KiB block boundaries.
const sample = Buffer.from(Array.from({ length: 40_000 }, (_, i) => `Package: python3-pkg${i % 997}\nVersion: ${i % 13}.0-1\n\n`).join(''));

describe('lz4 frame decoder', () => {
  it.skipIf(!hasLz4).each([
    [['-B4', '-BD']], // 64 KiB linked blocks, as apt writes them
    [['-B4', '-BI']], // independent blocks
    [['-B5', '-BD', '--content-size', '-BX']], // content size and block checksums
    [['-9', '-B6']],
  ])('round-trips the real lz4 tool with %j', (flags) => {
    expect(decode(lz4(sample, flags)).equals(sample)).toBe(true);
  });

  it.skipIf(!hasLz4)('decodes incompressible data stored as raw blocks', () => {
    const noise = Buffer.from(Array.from({ length: 100_000 }, (_, i) => (i * 2654435761) >>> 24));
    expect(decode(lz4(noise, ['-B4', '-BD'])).equals(noise)).toBe(true);
  });

  it('decodes a real apt Packages list compressed by the lz4 tool byte for byte like unlz4', () => {
    // Debian keeps lists uncompressed unless Acquire::GzipIndexes is set, so the machine's own lists may be
    // plain text: compress a real bookworm Packages excerpt with the real tool instead, and compare with unlz4.
    expect(existsSync('/usr/bin/unlz4'), 'scripts/test.sh installs lz4').toBe(true);
    const list = readFileSync(path.join(FIXTURES, 'bookworm-main-python_Packages'));
    const packed = lz4(list, ['-B4', '-BD']);
    const ours = createHash('sha256').update(decode(packed)).digest('hex');
    const theirs = createHash('sha256').update(execFileSync('unlz4', ['-c'], { input: packed, maxBuffer: 1 << 30 })).digest('hex');
    expect(ours).toBe(theirs);
    expect(ours).toBe(createHash('sha256').update(list).digest('hex'));
  });

  it('rejects garbage and truncated frames with Lz4Error, never a crash', () => {
    expect(() => decode(Buffer.from('not lz4 at all'))).toThrow(Lz4Error);
    if (hasLz4) {
      const good = lz4(sample, ['-B4', '-BD']);
      expect(() => decode(good.subarray(0, good.length >> 1))).toThrow(Lz4Error);
      const corrupt = Buffer.from(good);
      for (let i = 20; i < corrupt.length; i += 7) corrupt[i] = 0xff;
      expect(() => decode(corrupt)).toThrow(Lz4Error);
    }
  });
});
