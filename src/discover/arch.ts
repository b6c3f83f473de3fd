// CPU architecture of an interpreter from the files that state it (nothing is run):
// - build-details.json (PEP 739, Python 3.14+): `platform` is sysconfig.get_platform() — linux-x86_64,
//   linux-aarch64, macosx-14.0-arm64, macosx-10.13-universal2 — whose last part is the architecture;
// - an ELF interpreter's header (e_machine, and EI_CLASS for 32/64 bits): what PET's linux-global
//   locator reports from the running interpreter (x64/x86), read here without running it;
// - Homebrew's INSTALL_RECEIPT.json in a keg: `arch` (Hardware::CPU.arch: arm64, x86_64), and the
//   `homebrew_version` that poured it.
import { closeSync, readSync } from 'node:fs';
import type { ScanContext } from '../context/scan-context.js';
import { openRegular } from '../formats/bounded-read.js';
import * as fs from './resolve.js';

/** `uname -m` names of ELF e_machine values (32-bit x86_64 is x32, 64-bit arm is aarch64). */
const ELF_MACHINE: Record<number, [string, string]> = {
  3: ['i686', 'i686'],
  62: ['x32', 'x86_64'],
  40: ['armv7l', 'armv7l'],
  183: ['aarch64', 'aarch64'],
  243: ['riscv32', 'riscv64'],
  21: ['ppc', 'ppc64le'],
  22: ['s390', 's390x'],
};

/** Architecture from the first 20 bytes of an ELF file, or null when it is no ELF. */
export function archFromElf(head: Buffer): string | null {
  if (head.length < 20 || head.readUInt32BE(0) !== 0x7f454c46) return null;
  const bits64 = head[4] === 2;
  const machine = head[5] === 2 ? head.readUInt16BE(18) : head.readUInt16LE(18);
  if (machine === 21 && head[5] === 2) return bits64 ? 'ppc64' : 'ppc';
  const names = ELF_MACHINE[machine];
  return names ? names[bits64 ? 1 : 0] : null;
}

/** Architecture of an interpreter binary (links followed inside the scanned root), or null. */
export async function archOfExecutable(ctx: ScanContext, exe: string): Promise<string | null> {
  const real = await ctx.tryRealpath(exe);
  if (!real) return null;
  let fd: number | null = null;
  try {
    fd = openRegular(ctx.hostPath(real), Number.MAX_SAFE_INTEGER); // a FIFO would block a plain open(2)
    const head = Buffer.alloc(20);
    return readSync(fd, head, 0, 20, 0) === 20 ? archFromElf(head) : null;
  } catch {
    return null;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** Architecture from build-details.json text, or null. */
export function archFromBuildDetails(text: string): string | null {
  try {
    const p = (JSON.parse(text) as { platform?: unknown }).platform;
    if (typeof p !== 'string' || p.length > 100) return null;
    const arch = p.slice(p.lastIndexOf('-') + 1);
    return /^[A-Za-z0-9_]{1,32}$/.test(arch) ? arch : null;
  } catch {
    return null;
  }
}

/** build-details.json of the first minor that has one under `prefix`. */
export async function archFromPrefix(ctx: ScanContext, prefix: string, minors: string[]): Promise<string | null> {
  for (const m of minors) {
    const text = await fs.tryReadText(ctx, `${prefix}/lib/python${m}/build-details.json`);
    const a = text ? archFromBuildDetails(text) : null;
    if (a) return a;
  }
  return null;
}

/** Homebrew keg receipt: the arch it was poured for and the Homebrew version that installed it. */
export function parseInstallReceipt(text: string): { arch: string | null; homebrewVersion: string | null } {
  try {
    const j = JSON.parse(text) as { arch?: unknown; homebrew_version?: unknown };
    const s = (v: unknown): string | null => (typeof v === 'string' && /^[A-Za-z0-9_.+-]{1,64}$/.test(v) ? v : null);
    return { arch: s(j.arch), homebrewVersion: s(j.homebrew_version) };
  } catch {
    return { arch: null, homebrewVersion: null };
  }
}

/** `{ arch }` of a global Python: its build-details.json, else its binary's ELF header; null when neither says. */
export async function archOfPython(ctx: ScanContext, prefix: string, minor: string, exe: string): Promise<{ arch: string } | null> {
  const arch = (await archFromPrefix(ctx, prefix, [minor])) ?? (await archOfExecutable(ctx, exe));
  return arch ? { arch } : null;
}
