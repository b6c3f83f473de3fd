// ScanContext: path resolution inside --root (cached), safe reads, and the homes it scans.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ScanContext } from '../../src/context/scan-context.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function root(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'pyenvtui-ctx-'));
  dirs.push(d);
  return d;
}

function put(file: string, text = ''): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

describe('ScanContext under --root', () => {
  it('follows absolute and relative links inside the root, never to the host', async () => {
    const r = root();
    put(`${r}/usr/lib/python3.11/os.py`, 'image copy\n');
    put(`${r}/etc/hostname`, 'sdcard\n');
    symlinkSync('/usr/lib', `${r}/lib`); // absolute target: means <root>/usr/lib
    symlinkSync('../../etc/hostname', `${r}/usr/lib/name`);
    const ctx = new ScanContext({ root: r, env: {} });
    expect(await ctx.realpath('/lib/python3.11/os.py')).toBe('/usr/lib/python3.11/os.py');
    expect(await ctx.readText('/lib/python3.11/os.py')).toBe('image copy\n');
    expect(await ctx.readText('/lib/name')).toBe('sdcard\n');
    expect((await ctx.stat('/lib/python3.11')).isDirectory()).toBe(true);
    // lstat resolves the parents (inside the root) but not the last component.
    expect((await ctx.lstat('/lib/name')).isSymbolicLink()).toBe(true);
    expect(await ctx.readlink('/lib/name')).toBe('../../etc/hostname');
    expect(ctx.hostPath('/usr/lib')).toBe(`${r}/usr/lib`);
    expect(ctx.machinePath(`${r}/usr/lib`)).toBe('/usr/lib');
    expect(ctx.machinePath('/elsewhere')).toBeNull();
  });

  it('reports loops as ELOOP and dangling links as ENOENT, and the try* forms as null', async () => {
    const r = root();
    mkdirSync(`${r}/d`);
    symlinkSync('/d/b', `${r}/d/a`);
    symlinkSync('/d/a', `${r}/d/b`);
    symlinkSync('/nowhere', `${r}/d/dangling`);
    const ctx = new ScanContext({ root: r, env: {} });
    expect(() => ctx.realpath('/d/a/x')).toThrow(expect.objectContaining({ code: 'ELOOP' }));
    expect(() => ctx.readText('/d/dangling')).toThrow(expect.objectContaining({ code: 'ENOENT' }));
    expect(await ctx.tryRealpath('/d/a')).toBeNull();
    expect(await ctx.tryStat('/d/dangling')).toBeNull();
    expect(await ctx.tryLstat('/d/dangling')).not.toBeNull();
    expect(await ctx.exists('/d/missing/deeper')).toBe(false);
    expect(await ctx.tryReaddir('/d/missing')).toEqual([]);
  });

  it('refuses to read a FIFO or a directory instead of blocking', async () => {
    const r = root();
    mkdirSync(`${r}/etc`, { recursive: true });
    execFileSync('mkfifo', [`${r}/etc/pip.conf`]);
    symlinkSync('/etc/pip.conf', `${r}/etc/link.conf`);
    for (const base of [r, '/']) {
      const ctx = new ScanContext({ root: base, env: {} });
      const p = base === '/' ? `${r}/etc` : '/etc';
      expect(() => ctx.readText(`${p}/pip.conf`)).toThrow(expect.objectContaining({ code: 'EINVAL' }));
      expect(() => ctx.readText(p)).toThrow(expect.objectContaining({ code: 'EISDIR' }));
      expect(await ctx.tryReadText(`${p}/pip.conf`)).toBeNull();
    }
    expect(await new ScanContext({ root: r, env: {} }).tryReadText('/etc/link.conf')).toBeNull();
  });

  it('keeps a directory resolved for the life of the context (one snapshot per scan); a new context sees changes', async () => {
    const r = root();
    put(`${r}/v1/site/a.txt`, 'one');
    put(`${r}/v2/site/a.txt`, 'two');
    symlinkSync('/v1', `${r}/cur`);
    const ctx = new ScanContext({ root: r, env: {} });
    expect(await ctx.readText('/cur/site/a.txt')).toBe('one');
    unlinkSync(`${r}/cur`);
    symlinkSync('/v2', `${r}/cur`);
    expect(await ctx.realpath('/cur/site')).toBe('/v1/site');
    expect(await ctx.readText('/cur/site/a.txt')).toBe('one');
    const fresh = new ScanContext({ root: r, env: {} });
    expect(await fresh.readText('/cur/site/a.txt')).toBe('two');
    // Children made for other homes share the cache (and the spawn count).
    const child = ctx.forHome('/home/x');
    expect(await child.realpath('/cur/site')).toBe('/v1/site');
    child.spawns++;
    expect(ctx.spawns).toBe(1);
    expect(child.memo('k', () => 1)).toBe(ctx.memo('k', () => 2));
  });

  it('a file read after its directory was resolved still never follows a link out of the root', async () => {
    const r = root();
    put(`${r}/etc/os-release`, 'ID=image\n');
    put(`${r}/data/x`, '');
    const ctx = new ScanContext({ root: r, env: {} });
    expect(await ctx.isDir('/data')).toBe(true);
    symlinkSync('/etc/os-release', `${r}/data/release`); // absolute: the image's file, not the host's
    expect(await ctx.readText('/data/release')).toBe('ID=image\n');
  });
});

describe('ScanContext homes', () => {
  function machine(): string {
    const r = root();
    for (const d of ['home/pi', 'home/alice', 'home/linuxbrew/.linuxbrew', 'home/lost+found', 'Users/carol', 'Users/Shared', 'root']) mkdirSync(`${r}/${d}`, { recursive: true });
    put(`${r}/home/not-a-dir`);
    return r;
  }

  it('under --root with HOME outside the root: every /home/*, /Users/* and /root, HOME being the first', () => {
    const r = machine();
    const ctx = new ScanContext({ root: r, env: { HOME: '/operator/home', XDG_DATA_HOME: '/operator/home/.local/share' } });
    expect(ctx.homes).toEqual(['/home/alice', '/home/pi', '/Users/carol', '/root']);
    expect(ctx.home).toBe('/home/alice');
    expect(ctx.env.HOME).toBeUndefined();
  });

  it('under --root with HOME inside the root: that home only', () => {
    const r = machine();
    const ctx = new ScanContext({ root: r, env: { HOME: `${r}/home/pi` } });
    expect(ctx.home).toBe('/home/pi');
    expect(ctx.homes).toEqual(['/home/pi']);
  });

  it('an image with no homes keeps /root as HOME and lists no homes', () => {
    const ctx = new ScanContext({ root: root(), env: {} });
    expect(ctx.homes).toEqual([]);
    expect(ctx.home).toBe('/root');
  });

  it('without --root only the real HOME is scanned', () => {
    const ctx = new ScanContext({ env: { HOME: '/home/someone' } });
    expect(ctx.homes).toEqual(['/home/someone']);
  });

  it('forHome: HOME moves, per-user variables stay with the primary home only', () => {
    const r = machine();
    const ctx = new ScanContext({ root: r, env: { HOME: '/operator', PATH: `${r}/usr/bin`, PIPX_HOME: `${r}/home/alice/px`, VIRTUAL_ENV: `${r}/home/alice/v` }, search: ['/srv'] });
    const [a, b] = [ctx.forHome('/home/alice', { primary: true }), ctx.forHome('/home/pi')];
    expect([a.home, a.env.HOME, a.env.PIPX_HOME, a.env.VIRTUAL_ENV, a.search]).toEqual(['/home/alice', '/home/alice', '/home/alice/px', '/home/alice/v', ['/srv']]);
    expect([b.home, b.env.HOME, b.env.PIPX_HOME, b.env.VIRTUAL_ENV, b.search, b.env.PATH]).toEqual(['/home/pi', '/home/pi', undefined, undefined, [], '/usr/bin']);
    expect(b.root).toBe(r);
    expect(b.homes).toEqual(['/home/pi']);
  });
});

describe('ScanContext environment under --root', () => {
  it('translates path variables that point into the root and drops those that point outside', async () => {
    const { translateEnv } = await import('../../src/context/env.js');
    const root = '/mnt/sd';
    const env = translateEnv(
      { HOME: '/mnt/sd/home/pi', PWD: '/mnt/sd/home/pi/proj', CONDARC: '/etc/conda/.condarc', XDG_BIN_HOME: '/mnt/sd/home/pi/bin', LANG: 'C' },
      root,
    );
    expect(env).toMatchObject({ HOME: '/home/pi', PWD: '/home/pi/proj', XDG_BIN_HOME: '/home/pi/bin', LANG: 'C' });
    expect(env.CONDARC).toBeUndefined();
  });
});
