// Architecture of global Pythons without running them (#11: PET reports arch; its linux-global locator
// gets x64/x86 from the running interpreter). Compared with the real interpreter: the machine's own
// python3 (read only, never changed) says platform.machine() and its pointer size; pyenvtui reads the
// same from the ELF header. A stand-in binary under --root gets no arch: nothing is invented.
import { execFileSync } from 'node:child_process';
import { mkdirSync, openSync, readSync, closeSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { ScanContext } from '../../../src/context/scan-context.js';
import { archFromElf } from '../../../src/discover/arch.js';
import { systemLocator } from '../../../src/discover/system.js';
import { tmp } from './fixtures.js';

const PY = realpathSync('/usr/bin/python3');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function head(p: string): Buffer {
  const fd = openSync(p, 'r');
  const b = Buffer.alloc(20);
  readSync(fd, b, 0, 20, 0);
  closeSync(fd);
  return b;
}

describe('arch of global Pythons', () => {
  it("the system python3's arch is what the interpreter itself says (platform.machine(), 64-bit)", async () => {
    const [machine, bits] = execFileSync(PY, ['-c', 'import platform, sys; print(platform.machine(), 64 if sys.maxsize > 2**32 else 32)'], { encoding: 'utf8' }).trim().split(' ');
    expect(bits).toBe('64');
    const home = tmp('pyenvtui-arch-');
    dirs.push(home);
    const ctx = new ScanContext({ root: '/', env: { HOME: home, PATH: '/usr/bin:/bin' }, home, platform: 'linux' });
    const { environments } = await systemLocator.locate(ctx);
    const sys = environments.find((e) => e.python.executable && realpathSync(e.python.executable) === PY)!;
    expect(sys).toBeDefined();
    expect(sys.arch).toBe(machine);
    expect(ctx.spawns).toBe(0);
  });

  it('reads the ELF class and machine: the real header, and the same header as a 32-bit x86 build (PET: X86)', () => {
    const real = head(PY);
    expect(archFromElf(real)).toBe(execFileSync('uname', ['-m'], { encoding: 'utf8' }).trim());
    const i386 = Buffer.from(real);
    i386[4] = 1; // ELFCLASS32
    i386.writeUInt16LE(3, 18); // EM_386
    expect(archFromElf(i386)).toBe('i686');
    const aarch64 = Buffer.from(real);
    aarch64.writeUInt16LE(183, 18); // EM_AARCH64, as on a 64-bit Pi
    expect(archFromElf(aarch64)).toBe('aarch64');
    expect(archFromElf(Buffer.from('#!/bin/sh\nexec python\n'))).toBeNull();
  });

  it('an empty stand-in interpreter under --root gets no arch', async () => {
    const root = tmp('pyenvtui-arch-root-');
    dirs.push(root);
    mkdirSync(`${root}/usr/bin`, { recursive: true });
    mkdirSync(`${root}/usr/lib/python3.11`, { recursive: true });
    writeFileSync(`${root}/usr/bin/python3.11`, '');
    writeFileSync(`${root}/usr/lib/python3.11/os.py`, '');
    const ctx = new ScanContext({ root, env: { HOME: '/root', PATH: '/usr/bin' }, platform: 'linux' });
    const { environments } = await systemLocator.locate(ctx);
    expect(environments.length).toBeGreaterThan(0);
    for (const e of environments) expect(e.arch).toBeUndefined();
  });
});
