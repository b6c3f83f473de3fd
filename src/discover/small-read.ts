// Reading the small files of a metadata directory with the fewest syscalls: open, read into one
// shared buffer, close (readFileSync adds an fstat and a fresh buffer per file). METADATA is read only
// up to the end of its headers: the long description after the first blank line is never needed, and
// on real machines it is most of the bytes. Callers pass paths whose type readdir already reported as
// a regular file, so these reads cannot block on a FIFO; O_NOFOLLOW keeps a raced-in symlink from
// leading outside a --root.
import { closeSync, constants, openSync, readSync } from 'node:fs';
import { LIMITS } from '../formats/bounded-read.js';

const { O_RDONLY, O_NOFOLLOW, O_NONBLOCK } = constants;
const CHUNK = 16384;
let shared = Buffer.allocUnsafe(CHUNK * 4);

function open(host: string): number {
  return openSync(host, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
}

/** Grow the shared buffer (keeping `used` bytes) so at least CHUNK more fit; never past the read limit. */
function ensure(used: number): void {
  if (used > LIMITS.file) throw Object.assign(new Error(`EFBIG: over the ${LIMITS.file}-byte read limit`), { code: 'EFBIG' });
  if (shared.length - used >= CHUNK) return;
  const next = Buffer.allocUnsafe(shared.length * 2);
  shared.copy(next, 0, 0, used);
  shared = next;
}

/** Whole file as UTF-8 text. */
export function readSmallText(host: string): string {
  const fd = open(host);
  try {
    let used = 0;
    for (;;) {
      ensure(used);
      const n = readSync(fd, shared, used, shared.length - used, null);
      if (n === 0) break;
      used += n;
    }
    return shared.toString('utf8', 0, used);
  } finally {
    closeSync(fd);
  }
}

/** Index just past the first empty line ("\n\n" or "\n\r\n") in buf[from, to), or -1. */
function headerEnd(buf: Buffer, from: number, to: number): number {
  let i = buf.indexOf(10, from);
  while (i !== -1 && i < to) {
    const a = buf[i + 1];
    if (i + 1 < to && a === 10) return i + 1;
    if (i + 2 < to && a === 13 && buf[i + 2] === 10) return i + 1;
    i = buf.indexOf(10, i + 1);
  }
  return -1;
}

/** The header block of an RFC 822-style file (core metadata): everything before the first blank line. */
export function readHeaderText(host: string): string {
  const fd = open(host);
  try {
    let used = 0;
    for (;;) {
      ensure(used);
      const n = readSync(fd, shared, used, shared.length - used, null);
      if (n === 0) return shared.toString('utf8', 0, used);
      // Look back one byte so a blank line split across two reads is still seen.
      const end = headerEnd(shared, Math.max(0, used - 2), used + n);
      used += n;
      if (end !== -1) return shared.toString('utf8', 0, end);
    }
  } finally {
    closeSync(fd);
  }
}
