// Bounded reading: every file pyenvtui reads from a scanned tree can be hostile. A FIFO blocks an open
// or a read forever, /dev/zero never ends, a 4 MB .gz expands to 4 GiB, a file without newlines makes a
// line buffer grow without end. So: open non-blocking, accept only regular files (fstat after open, so a
// file swapped between a stat and the open is still checked), refuse files over a size limit before
// reading, cap what a decompressor may produce and how long a line may get.
import { closeSync, constants, fstatSync, openSync, promises as fsp, readSync } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';

const { O_RDONLY, O_NONBLOCK, O_NOFOLLOW } = constants;

/** Limits, in bytes. A real file is far below each; only a hostile or broken one reaches them. */
export const LIMITS = {
  /** Any small text file: metadata, RECORD, configs, pyvenv.cfg, receipts. */
  file: 64 * 1024 * 1024,
  /** Configuration files (pip.conf, .condarc, uv.toml): a real one is a few KB. */
  config: 4 * 1024 * 1024,
  /** Decompressed apt list (bookworm main is ~100 MB). */
  decompressed: 256 * 1024 * 1024,
  /** One line of a streamed text file. */
  line: 1024 * 1024,
} as const;

export class ReadLimitError extends Error {
  readonly code: string;
  constructor(message: string, code: 'EINVAL' | 'EFBIG') {
    super(message);
    this.code = code;
  }
}

function fileTypeName(st: { isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean; isDirectory(): boolean }): string {
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  if (st.isDirectory()) return 'a directory';
  return 'not a regular file';
}

/**
 * Open `host` for reading if it is a regular file of at most `max` bytes; returns the fd (caller closes).
 * `follow`: whether a final symlink is followed (the target is checked the same way).
 */
export function openRegular(host: string, max: number = LIMITS.file, follow = true): number {
  const fd = openSync(host, O_RDONLY | O_NONBLOCK | (follow ? 0 : O_NOFOLLOW));
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new ReadLimitError(`${host} is ${fileTypeName(st)}; only regular files are read`, 'EINVAL');
    if (st.size > max) throw new ReadLimitError(`${host} is ${st.size} bytes, over the ${max}-byte limit for this kind of file`, 'EFBIG');
    return fd;
  } catch (e) {
    closeSync(fd);
    throw e;
  }
}

/** Read a regular file of at most `max` bytes (synchronously; the hot path of discovery). */
export function readBoundedSync(host: string, max: number = LIMITS.file, follow = true): Buffer {
  const fd = openRegular(host, max, follow);
  try {
    return readFd(fd, host, max);
  } finally {
    closeSync(fd);
  }
}

/** Read an open regular file to its end, never past `max` bytes (a file may grow while read). */
export function readFd(fd: number, host: string, max: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const b = Buffer.allocUnsafe(Math.min(1 << 20, max - total + 1) || 1);
    const r = readSync(fd, b, 0, b.length, null);
    if (r === 0) break;
    total += r;
    if (total > max) throw new ReadLimitError(`${host} grew over the ${max}-byte limit while being read`, 'EFBIG');
    chunks.push(b.subarray(0, r));
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
}

/** Async variant for the migration code paths (RECORD, sources scanned for imports). */
export async function readBounded(host: string, max: number = LIMITS.file, follow = true): Promise<Buffer> {
  const fh = await fsp.open(host, O_RDONLY | O_NONBLOCK | (follow ? 0 : O_NOFOLLOW));
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw new ReadLimitError(`${host} is ${fileTypeName(st)}; only regular files are read`, 'EINVAL');
    if (st.size > max) throw new ReadLimitError(`${host} is ${st.size} bytes, over the ${max}-byte limit for this kind of file`, 'EFBIG');
    const buf = Buffer.allocUnsafe(st.size);
    let n = 0;
    while (n < st.size) {
      const { bytesRead } = await fh.read(buf, n, st.size - n, null);
      if (bytesRead === 0) break;
      n += bytesRead;
    }
    return buf.subarray(0, n);
  } finally {
    await fh.close();
  }
}

/** A pass-through stream that fails once more than `max` bytes went through (decompression output). */
export function byteLimit(max: number, what: string): Transform {
  let total = 0;
  return new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback) {
      total += chunk.length;
      if (total > max) cb(new ReadLimitError(`${what} expands past the ${max}-byte limit (a decompression bomb?)`, 'EFBIG'));
      else cb(null, chunk);
    },
  });
}
