// Bounded, no-follow reads of host result files: the directory is written by Ansible from data the
// hosts sent, so a file may be huge, a FIFO, or a symlink to somewhere else on this machine.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

const { O_RDONLY, O_NOFOLLOW, O_NONBLOCK } = constants;

/** Largest host file read (full package lists of a big host stay well below). */
export const MAX_HOST_FILE_BYTES = 32 * 1024 * 1024;

export type ReadResult = { text: string; mtimeMs: number } | { error: string; mtimeMs: number };

/** Reads a regular file of at most `limit` bytes as UTF-8; never follows a symlink, never blocks on a FIFO. */
export function readBounded(file: string, limit = MAX_HOST_FILE_BYTES): ReadResult {
  let fd: number;
  try {
    fd = openSync(file, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { error: code === 'ELOOP' ? 'is a symbolic link (not followed)' : `cannot open (${code ?? 'error'})`, mtimeMs: 0 };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { error: 'not a regular file', mtimeMs: st.mtimeMs };
    if (st.size > limit) return { error: `too large (${st.size} bytes; the limit is ${limit})`, mtimeMs: st.mtimeMs };
    const buf = Buffer.alloc(st.size);
    let off = 0;
    while (off < st.size) {
      const n = readSync(fd, buf, off, st.size - off, off);
      if (n === 0) break;
      off += n;
    }
    return { text: buf.toString('utf8', 0, off), mtimeMs: st.mtimeMs };
  } catch (e) {
    return { error: `cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`, mtimeMs: 0 };
  } finally {
    closeSync(fd);
  }
}
