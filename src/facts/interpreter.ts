// The PEP 508 marker environment of each interpreter, from the interpreter itself: its version from
// files, its CPU from its own ELF header (an aarch64 SD card scanned with --root on an x86_64 laptop is
// aarch64), the OS from the scan. On the live machine platform_machine is the kernel's (uname -m, what
// Python reports), falling back to the binary's when the kernel says nothing.
import { closeSync, readSync } from 'node:fs';
import os from 'node:os';
import type { ScanContext } from '../context.js';
import { openRegular } from '../formats/bounded-read.js';
import { elfMachine } from '../formats/elf.js';
import type { Environment } from '../model.js';
import { markerEnv, type MarkerEnv } from '../risk/pep508.js';

/** Node's process.arch as uname -m names it. */
const NODE_ARCH: Record<string, string> = { x64: 'x86_64', arm64: 'aarch64', arm: 'armv7l', ia32: 'i686', ppc64: 'ppc64le', s390x: 's390x', riscv64: 'riscv64', loong64: 'loongarch64' };

/** platform_machine of the interpreter at machine path `exe` (follows symlinks inside the root); null when unknown. */
export function interpreterMachine(ctx: ScanContext, exe: string | null | undefined): string | null {
  if (!exe) return null;
  return ctx.memo(`elf-machine:${exe}`, () => {
    const host = ctx.tryHostReal(exe);
    if (!host) return null;
    try {
      const fd = openRegular(host, Number.MAX_SAFE_INTEGER); // regular files only: a FIFO never blocks
      try {
        const head = Buffer.alloc(20);
        const n = readSync(fd, head, 0, 20, 0);
        return elfMachine(head.subarray(0, n));
      } finally {
        closeSync(fd);
      }
    } catch {
      return null;
    }
  });
}

/** platform_machine the scan assumes when an interpreter says nothing (the live kernel, or Node's arch). */
export function scanMachine(ctx: ScanContext): string {
  if (ctx.root === '/' && ctx.arch === process.arch) {
    try {
      return os.machine();
    } catch {
      /* Node without os.machine(): fall through */
    }
  }
  return NODE_ARCH[ctx.arch] ?? ctx.arch;
}

/** The interpreter an environment runs: its own executable, or for a venv its bin/python. */
function executableOf(env: Environment): string | null {
  return env.python.executable ?? (env.prefix ? `${env.prefix}/bin/python3` : null);
}

/** Marker environment of one environment's interpreter. */
export function markersOf(ctx: ScanContext, env: Environment): MarkerEnv {
  const fromElf = interpreterMachine(ctx, executableOf(env));
  // Live: uname -m is what Python reports, unless the binary is for another CPU (qemu-user, a --root image).
  const live = ctx.root === '/' ? scanMachine(ctx) : null;
  const machine = live && (!fromElf || sameFamily(live, fromElf)) ? live : (fromElf ?? scanMachine(ctx));
  return markerEnv(env.python.version ?? '3', ctx.platform === 'darwin' ? 'darwin' : 'linux', machine);
}

/** A 32-bit userland on a 64-bit kernel reports the kernel's machine (armv7l binary, aarch64 uname). */
function sameFamily(a: string, b: string): boolean {
  const fam = (m: string) => (/^(arm|aarch64)/.test(m) ? 'arm' : /^(i.86|x86_64)$/.test(m) ? 'x86' : m.replace(/64(le)?$/, ''));
  return fam(a) === fam(b);
}
