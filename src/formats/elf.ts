// The CPU an ELF executable is built for, from its first 20 bytes (e_ident + e_type + e_machine).
// Named as Python's platform.machine() names it on Linux (uname -m), for PEP 508 `platform_machine`.

const MACHINES: Record<number, string> = {
  3: 'i686',
  8: 'mips',
  20: 'ppc',
  21: 'ppc64',
  22: 's390x',
  40: 'armv7l',
  62: 'x86_64',
  183: 'aarch64',
  243: 'riscv64',
  258: 'loongarch64',
};

/** platform_machine of an ELF header, or null when the bytes are no ELF header. */
export function elfMachine(head: Uint8Array): string | null {
  if (head.length < 20 || head[0] !== 0x7f || head[1] !== 0x45 || head[2] !== 0x4c || head[3] !== 0x46) return null;
  const little = head[5] === 1;
  const machine = little ? head[18]! | (head[19]! << 8) : (head[18]! << 8) | head[19]!;
  const name = MACHINES[machine];
  if (!name) return null;
  // ppc64 and mips report their byte order in uname -m (ppc64le); 64-bit mips as mips64.
  if (name === 'ppc64' && little) return 'ppc64le';
  if (name === 'mips' && head[4] === 2) return 'mips64';
  return name;
}
