// Low-level helpers of ScanContext's path resolution and reads: failures as values (no Error built
// for the common "missing" answer), cheap path splitting, and a read that refuses FIFOs and devices.
import { fstatSync, lstatSync, readSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { LIMITS, readFd } from '../formats/bounded-read.js';

const NO_ENTRY = { throwIfNoEntry: false } as const;

/** Why a lookup failed; a plain value so the hot "does it exist?" path never builds an Error. */
export class Fail {
  constructor(readonly code: string) {}
}

const DOT_SEG = /\/\.\.?(\/|$)/;

export function norm(p: string): string {
  // Already normal (absolute, no empty, "." or ".." segment, no trailing slash): skip path.resolve.
  return p.length > 1 && p.charCodeAt(0) === 47 && !p.endsWith('/') && !p.includes('//') && !DOT_SEG.test(p) ? p : path.posix.resolve('/', p);
}

export function dirOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

export function baseOf(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

export function join(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}

export function lstatOr(host: string): Stats | Fail {
  try {
    return lstatSync(host, NO_ENTRY) ?? new Fail('ENOENT');
  } catch (e) {
    return new Fail((e as { code?: string }).code ?? 'EIO');
  }
}

export function statOr(host: string): Stats | Fail {
  try {
    return statSync(host, NO_ENTRY) ?? new Fail('ENOENT');
  } catch (e) {
    return new Fail((e as { code?: string }).code ?? 'EIO');
  }
}

const MESSAGES: Record<string, string> = { ENOENT: 'no such file or directory', ELOOP: 'too many symbolic links', ENOTDIR: 'not a directory', EACCES: 'permission denied' };

export function toError(f: Fail, p: string): Error {
  return Object.assign(new Error(`${f.code}: ${MESSAGES[f.code] ?? 'cannot resolve'}: ${p}`), { code: f.code, path: p });
}

/** Whole regular file from an open fd. A directory, FIFO or device is an error, not a blocking read. */
export function readRegular(fd: number, p: string, max: number = LIMITS.file): Buffer {
  const st = fstatSync(fd);
  if (st.isDirectory()) throw Object.assign(new Error(`EISDIR: is a directory: ${p}`), { code: 'EISDIR' });
  if (!st.isFile()) throw Object.assign(new Error(`EINVAL: not a regular file: ${p}`), { code: 'EINVAL' });
  if (st.size > max) throw Object.assign(new Error(`EFBIG: ${p} is ${st.size} bytes, over the ${max}-byte read limit`), { code: 'EFBIG' });
  if (st.size > 0) {
    const buf = Buffer.allocUnsafe(st.size);
    let n = 0;
    while (n < st.size) {
      const r = readSync(fd, buf, n, st.size - n, null);
      if (r === 0) break;
      n += r;
    }
    return n === st.size ? buf : buf.subarray(0, n);
  }
  // Size 0 may still have content (procfs); read to EOF, never past the limit.
  return readFd(fd, p, max);
}

