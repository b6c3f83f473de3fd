// The single executable the Ansible role installs on hosts without Node.js. When the repository has
// `npm run build:sea` (the "reach" work), that is what the tests use. Until then this builds a
// STAND-IN with the same contract (one file, dist/sea/pyenvtui-linux-<arch>, runs with no Node.js on
// the host): a POSIX sh header followed by a tar of Node.js and the bundle, unpacked once per user.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const REPO = path.resolve(import.meta.dirname, '../../..');

export interface SeaBuild {
  /** Directory holding pyenvtui-linux-<arch> (the role's pyenvtui_sea_dir). */
  dir: string;
  /** True when this is the test stand-in, not `npm run build:sea`. */
  standIn: boolean;
}

export function seaArch(): string {
  return process.arch;
}

export function buildSea(tmp: string): SeaBuild {
  const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  if (pkg.scripts?.['build:sea']) {
    execFileSync('npm', ['run', '--silent', 'build:sea'], { cwd: REPO, stdio: 'ignore' });
    const dir = path.join(REPO, 'dist', 'sea');
    if (!existsSync(path.join(dir, `pyenvtui-linux-${seaArch()}`))) throw new Error(`npm run build:sea did not write dist/sea/pyenvtui-linux-${seaArch()}`);
    return { dir, standIn: false };
  }
  const dir = path.join(tmp, 'sea');
  mkdirSync(dir, { recursive: true });
  const payload = path.join(tmp, 'sea-payload.tar');
  const node = realpathSync(process.execPath);
  execFileSync('tar', ['-cf', payload, '--exclude=dist/sea', '-C', REPO, 'bin', 'dist', 'package.json']);
  execFileSync('tar', ['-rf', payload, '-C', path.dirname(node), `--transform=s,^${path.basename(node)}$,node,`, path.basename(node)]);
  const id = `${Date.now().toString(36)}${process.pid}`;
  const lines = [
    '#!/bin/sh',
    '# pyenvtui single-file STAND-IN for tests (npm run build:sea builds the real one): Node.js and the',
    '# bundle follow this header as a tar, unpacked once per user under ~/.cache.',
    'set -e',
    `d="\${XDG_CACHE_HOME:-$HOME/.cache}/pyenvtui-standin-${id}"`,
    'if [ ! -x "$d/node" ]; then',
    '  mkdir -p "$d.partial.$$"',
    '  tail -n +@@ "$0" | tar -x -C "$d.partial.$$"',
    '  if [ -d "$d" ]; then rm -rf "$d.partial.$$"; else mv "$d.partial.$$" "$d"; fi',
    'fi',
    'exec "$d/node" "$d/bin/pyenvtui.js" "$@"',
  ];
  const header = lines.join('\n').replace('@@', String(lines.length + 1)) + '\n';
  const out = path.join(dir, `pyenvtui-linux-${seaArch()}`);
  writeFileSync(out, Buffer.concat([Buffer.from(header), readFileSync(payload)]));
  chmodSync(out, 0o755);
  rmSync(payload);
  return { dir, standIn: true };
}
