// LZ4 frame decoder. Debian's docker images keep apt lists as `*_Packages.lz4`
// (Acquire::GzipIndexes with lz4), and Node has no lz4: this reads them offline with no dependency.
// Pure: bytes in, chunks out. Decoding is block by block so the caller scans text without ever
// holding the whole decompressed list (bookworm main is ~50 MB).

const FRAME_MAGIC = 0x184d2204;
const SKIPPABLE_MASK = 0xfffffff0;
const SKIPPABLE_MAGIC = 0x184d2a50;
/** Matches reach back at most 64 KiB, so that is all the history linked blocks need. */
const WINDOW = 64 * 1024;

export class Lz4Error extends Error {}

const BLOCK_MAX: Record<number, number> = { 4: 64 * 1024, 5: 256 * 1024, 6: 1024 * 1024, 7: 4 * 1024 * 1024 };

/**
 * Decode every frame in `input`, yielding decompressed blocks in order. Throws Lz4Error when corrupt or
 * when the output would pass `maxOutput` bytes (a decompression bomb).
 */
export function* lz4Chunks(input: Uint8Array, maxOutput = Number.MAX_SAFE_INTEGER): Generator<Buffer> {
  const buf = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  let p = 0;
  let total = 0;
  const count = (n: number): void => {
    total += n;
    if (total > maxOutput) throw new Lz4Error(`lz4 output passes the ${maxOutput}-byte limit (a decompression bomb?)`);
  };
  while (p + 4 <= buf.length) {
    const magic = buf.readUInt32LE(p);
    if ((magic & SKIPPABLE_MASK) >>> 0 === SKIPPABLE_MAGIC) {
      if (p + 8 > buf.length) throw new Lz4Error('truncated skippable frame');
      p += 8 + buf.readUInt32LE(p + 4);
      continue;
    }
    if (magic !== FRAME_MAGIC) throw new Lz4Error(`not an lz4 frame (magic 0x${magic.toString(16)})`);
    p += 4;
    if (p + 3 > buf.length) throw new Lz4Error('truncated frame header');
    const flg = buf[p]!;
    const bd = buf[p + 1]!;
    if (flg >> 6 !== 1) throw new Lz4Error('unsupported lz4 frame version');
    const blockChecksum = (flg & 0x10) !== 0;
    const contentSize = (flg & 0x08) !== 0;
    const contentChecksum = (flg & 0x04) !== 0;
    const dictId = (flg & 0x01) !== 0;
    const blockMax = BLOCK_MAX[(bd >> 4) & 7];
    if (!blockMax) throw new Lz4Error('bad lz4 block size');
    p += 2 + (contentSize ? 8 : 0) + (dictId ? 4 : 0) + 1; // + header checksum byte
    let history: Buffer = Buffer.alloc(0);
    for (;;) {
      if (p + 4 > buf.length) throw new Lz4Error('truncated block header');
      const word = buf.readUInt32LE(p);
      p += 4;
      if (word === 0) break;
      const size = word & 0x7fffffff;
      if (p + size > buf.length) throw new Lz4Error('truncated block');
      const block = buf.subarray(p, p + size);
      p += size + (blockChecksum ? 4 : 0);
      let out: Buffer;
      if (word & 0x80000000) {
        out = Buffer.from(block);
      } else {
        const work = Buffer.allocUnsafe(history.length + blockMax);
        history.copy(work, 0);
        const end = decodeBlock(block, work, history.length);
        out = work.subarray(history.length, end);
        history = work.subarray(Math.max(0, end - WINDOW), end);
        count(out.length);
        yield out;
        continue;
      }
      const joined = Buffer.concat([history, out]);
      history = joined.subarray(Math.max(0, joined.length - WINDOW));
      count(out.length);
      yield out;
    }
    if (contentChecksum) p += 4;
  }
}

/** Decode one raw LZ4 block into `out` starting at `pos`; returns the end offset. */
export function decodeBlock(src: Uint8Array, out: Buffer, pos: number): number {
  let i = 0;
  const n = src.length;
  while (i < n) {
    const token = src[i++]!;
    let lit = token >> 4;
    if (lit === 15) {
      let b: number;
      do {
        if (i >= n) throw new Lz4Error('truncated literal length');
        b = src[i++]!;
        lit += b;
      } while (b === 255);
    }
    if (i + lit > n || pos + lit > out.length) throw new Lz4Error('literal run out of bounds');
    // Runs are mostly a few bytes: a loop beats a subarray object and a native call per run
    // (bookworm's main list has millions of them; this decoder was most of the dashboard's wait).
    if (lit < 32) for (let k = 0; k < lit; k++) out[pos + k] = src[i + k]!;
    else out.set(src.subarray(i, i + lit), pos);
    i += lit;
    pos += lit;
    if (i >= n) break; // the last sequence carries literals only
    if (i + 2 > n) throw new Lz4Error('truncated match offset');
    const offset = src[i]! | (src[i + 1]! << 8);
    i += 2;
    if (offset === 0 || offset > pos) throw new Lz4Error('match offset out of bounds');
    let len = (token & 15) + 4;
    if ((token & 15) === 15) {
      let b: number;
      do {
        if (i >= n) throw new Lz4Error('truncated match length');
        b = src[i++]!;
        len += b;
      } while (b === 255);
    }
    if (pos + len > out.length) throw new Lz4Error('match run out of bounds');
    let from = pos - offset;
    if (offset >= len && len >= 32) {
      out.copyWithin(pos, from, from + len);
      pos += len;
    } else {
      // Short matches go byte by byte (cheaper than a native call); an overlapping copy repeats the
      // last `offset` bytes and must go byte by byte anyway.
      for (let k = 0; k < len; k++) out[pos++] = out[from++]!;
    }
  }
  return pos;
}
