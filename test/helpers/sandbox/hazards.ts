// Bad input to plant in a sandbox, for "a clear problem record, never a crash" tests.
// Tests run as root, and root reads through chmod 000: an "unreadable" directory is made
// with a mode of 000 AND reported by `unreadableIsEffective()` so tests can skip honestly.
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { link, put } from './files.js';
import type { Sandbox } from './sandbox.js';

/** A dist-info whose METADATA is not RFC 822 and not UTF-8, with no RECORD. Returns its host path. */
export async function corruptDistInfo(sb: Sandbox, site: string, name = 'pyenvtui_demo_corrupt', version = '1.0'): Promise<string> {
  const dir = path.join(sb.path(site), `${name}-${version}.dist-info`);
  await put(path.join(dir, 'METADATA'), Buffer.from([0xff, 0xfe, 0x00, 0x4e, 0x61, 0x6d, 0x65, 0x0a, 0xc3, 0x28]));
  await put(path.join(dir, 'INSTALLER'), 'pip\n');
  return dir;
}

/** A dist-info directory with no METADATA at all. */
export async function emptyDistInfo(sb: Sandbox, site: string, name = 'pyenvtui_demo_empty', version = '0.0.1'): Promise<string> {
  const dir = path.join(sb.path(site), `${name}-${version}.dist-info`);
  await fsp.mkdir(dir, { recursive: true });
  return dir;
}

/** Two symlinks pointing at each other (ELOOP), at `p` and `p`-other. */
export async function symlinkLoop(sb: Sandbox, p: string): Promise<string> {
  const a = sb.path(p);
  const b = `${a}-other`;
  await link(a, path.basename(b));
  await link(b, path.basename(a));
  return a;
}

/** A directory link to one of its ancestors (walkers that follow links must stop). */
export async function dirLoop(sb: Sandbox, p: string, levelsUp = 2): Promise<string> {
  const a = sb.path(p);
  await link(a, Array(levelsUp).fill('..').join('/'));
  return a;
}

/** A file or directory whose name is not valid UTF-8 (Latin-1 "café"), inside `dir`. */
export async function nonUtf8Entry(sb: Sandbox, dir: string, kind: 'file' | 'dir' = 'dir'): Promise<Buffer> {
  const parent = sb.path(dir);
  await fsp.mkdir(parent, { recursive: true });
  const name = Buffer.concat([Buffer.from(parent + '/'), Buffer.from([0x63, 0x61, 0x66, 0xe9])]);
  if (kind === 'dir') await fsp.mkdir(name, { recursive: true });
  else await fsp.writeFile(name, 'x\n');
  return name;
}

/** chmod 000 a directory (created if needed). */
export async function unreadableDir(sb: Sandbox, p: string): Promise<string> {
  const d = sb.path(p);
  await fsp.mkdir(d, { recursive: true });
  await fsp.chmod(d, 0o000);
  return d;
}

/** Whether chmod 000 really denies reading here (false when running as root). */
export async function unreadableIsEffective(dir: string): Promise<boolean> {
  try {
    await fsp.readdir(dir);
    return false;
  } catch {
    return true;
  }
}
