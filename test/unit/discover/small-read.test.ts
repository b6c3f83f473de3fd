// The hot-path readers: METADATA up to the end of its headers (and not a byte of the description), whole
// small files, across the shared buffer's chunk boundaries.
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readHeaderText, readSmallText } from '../../../src/discover/small-read.js';
import { parseCoreMetadata } from '../../../src/formats/dist-info.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'pyenvtui-small-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function file(content: string | Buffer): string {
  const p = path.join(dir, `f${n++}`);
  writeFileSync(p, content);
  return p;
}

describe('readHeaderText', () => {
  // First in the file: the shared buffer starts at 64 KiB and doubles, so these blank lines fall exactly
  // across the first read (64 KiB) and then the second buffer size (128 KiB).
  it('finds a blank line split across two reads (LF at 64 KiB, CRLF at 128 KiB)', () => {
    const lf = `Name: a\nVersion: 1\nSummary: ${'s'.repeat(65536 - 29)}\n`;
    expect(Buffer.byteLength(lf)).toBe(65536);
    expect(readHeaderText(file(`${lf}\nbody`))).toBe(lf);
    const crlf = `Name: b\r\nVersion: 2\r\nSummary: ${'s'.repeat(131072 - 32)}\r\n`;
    expect(Buffer.byteLength(crlf)).toBe(131072);
    expect(readHeaderText(file(`${crlf}\r\nbody`))).toBe(crlf);
  });

  it('stops at the first blank line (LF and CRLF)', () => {
    expect(readHeaderText(file('Name: a\nVersion: 1\n\nlong description\n\nmore'))).toBe('Name: a\nVersion: 1\n');
    expect(readHeaderText(file('Name: a\r\nVersion: 1\r\n\r\nbody'))).toBe('Name: a\r\nVersion: 1\r\n');
  });

  it('reads to the end when there is no body, and handles an empty file', () => {
    expect(readHeaderText(file('Name: a\nVersion: 1\n'))).toBe('Name: a\nVersion: 1\n');
    expect(readHeaderText(file(''))).toBe('');
  });

  it('finds a blank line that straddles a read boundary, and keeps multi-byte characters whole', () => {
    for (const at of [16383, 16384, 16385, 32767, 65535, 65536]) {
      const pad = `Summary: ${'é'.repeat(at)}`; // two bytes each: boundaries fall inside characters too
      const headers = `Name: big\nVersion: 2\n${pad}\n`;
      const text = readHeaderText(file(`${headers}\n${'x'.repeat(70000)}`));
      expect(text).toBe(headers);
      const m = parseCoreMetadata(text);
      expect([m.name, m.version, m.summary?.length]).toEqual(['big', '2', at]);
    }
    const crlf = `Name: c\r\nVersion: 3\r\n${'a'.repeat(16380)}\r\n`;
    expect(readHeaderText(file(`${crlf}\r\nbody`))).toBe(crlf);
  });

  it('parses to the same metadata as the whole file', () => {
    const whole = 'Metadata-Version: 2.1\nName: x\nVersion: 1.0\nSummary: s\n  folded\nRequires-Dist: y>=1\n\n# Title\n\nName: not-a-header\n';
    expect(parseCoreMetadata(readHeaderText(file(whole)))).toEqual(parseCoreMetadata(whole));
  });

  it('refuses to follow a symlink (the caller resolves links inside --root)', () => {
    const target = file('Name: t\n');
    const link = path.join(dir, 'link');
    symlinkSync(target, link);
    expect(() => readHeaderText(link)).toThrow(expect.objectContaining({ code: 'ELOOP' }));
  });
});

describe('readSmallText', () => {
  it('reads whole files of any size', () => {
    for (const size of [0, 1, 16384, 65536, 200000]) {
      const s = 'z'.repeat(size);
      expect(readSmallText(file(s))).toBe(s);
    }
  });
});
