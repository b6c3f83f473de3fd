// The PEP 508 marker environment of each interpreter, from the interpreter itself: its version from
// files, its CPU from its own ELF header (an aarch64 SD card scanned with --root on an x86_64 laptop is
// aarch64), the OS from the scan. On the live machine platform_machine is the kernel's (uname -m, what
// Python's platform.machine() reports).
import { closeSync, readSync } from 'node:fs';
import os from 'node:os';
import type { ScanContext } from '../context/scan-context.js';
import { openRegular } from '../formats/bounded-read.js';
import { elfMachine } from '../formats/elf.js';
import type { Environment } from '../model.js';
import { markerEnv, type MarkerEnv } from '../formats/pep508.js';

/** Node's process.arch as uname -m names it. */
const NODE_ARCH: Record<string, string> = { x64: 'x86_64', arm64: 'aarch64', arm: 'armv7l', ia32: 'i686', ppc64: 'ppc64le', s390x: 's390x', riscv64: 'riscv64', loong64: 'loongarch64' };

/** platform_machine of the interpreter at machine path `exe` (follows symlinks inside the root); null when unknown. */
export function interpreterMachine(ctx: ScanContext, exe: string | null | undefined): string | null {
  if (!exe) return null;
  const host = ctx.tryHostReal(exe);
  if (!host) return null;
  // Keyed by the real file: a thousand venvs of one base read its header once.
  return ctx.memo(`elf-machine:${host}`, () => {
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

/**
 * Marker environment of one environment's interpreter. Live, platform_machine is `uname -m`, exactly what
 * Python reports (qemu-user reports the emulated machine there too); under --root it is the CPU of the
 * interpreter's own binary, else the scan's.
 */
export function markersOf(ctx: ScanContext, env: Environment): MarkerEnv {
  const machine = ctx.root === '/' ? scanMachine(ctx) : (interpreterMachine(ctx, executableOf(env)) ?? scanMachine(ctx));
  return markerEnv(env.python.version ?? '3', ctx.platform === 'darwin' ? 'darwin' : 'linux', machine);
}
