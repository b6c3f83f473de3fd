// Real-tool fixtures for discovery tests: real venvs (Debian's python3 -m venv), real pip installs of
// real wheels built by test/helpers/py/make_wheel.py, all inside throwaway temp dirs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const SYS_PY = '/usr/bin/python3';
const REPO = path.resolve(import.meta.dirname, '../../..');

let wheelDir: string | null = null;

/** Directory with the standard demo wheels (built once per test file). */
export function wheels(): string {
  if (!wheelDir) {
    wheelDir = mkdtempSync(path.join(os.tmpdir(), 'pet-wheels-'));
    execFileSync(SYS_PY, [path.join(REPO, 'test/helpers/py/make_wheel.py'), '--out', wheelDir]);
  }
  return wheelDir;
}

export function tmp(prefix = 'pyenvtui-disc-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Offline pip environment: never reaches an index, never touches the real user config. */
export function pipEnv(home: string): NodeJS.ProcessEnv {
  return {
    PATH: '/usr/bin:/bin',
    HOME: home,
    PIP_NO_INDEX: '1',
    PIP_FIND_LINKS: wheels(),
    PIP_DISABLE_PIP_VERSION_CHECK: '1',
    PIP_CONFIG_FILE: '/dev/null',
    PYTHONNOUSERSITE: '1',
    PIP_ROOT_USER_ACTION: 'ignore',
  };
}

/** A real venv at dir (without pip unless asked: Debian's ensurepip costs seconds). */
export function makeVenv(dir: string, opts: { pip?: boolean; systemSite?: boolean } = {}): string {
  mkdirSync(path.dirname(dir), { recursive: true });
  const args = ['-m', 'venv'];
  if (!opts.pip) args.push('--without-pip');
  if (opts.systemSite) args.push('--system-site-packages');
  execFileSync(SYS_PY, [...args, dir]);
  return dir;
}

/** Install wheels into a venv with the system pip (--python targets the venv's interpreter). */
export function pipInstall(venv: string, home: string, pkgs: string[]): void {
  execFileSync(SYS_PY, ['-m', 'pip', '--python', `${venv}/bin/python`, 'install', '-q', ...pkgs], {
    env: pipEnv(home),
  });
}

/** `python -m pip list --path SITE --format json` → sorted "name==version" lines. */
export function pipList(python: string, site: string, home: string): string[] {
  const out = execFileSync(python, ['-m', 'pip', 'list', '--path', site, '--format', 'json'], {
    env: pipEnv(home),
  }).toString();
  return (JSON.parse(out) as Array<{ name: string; version: string }>)
    .map((p) => `${p.name.replace(/[-_.]+/g, '-').toLowerCase()}==${p.version}`)
    .sort();
}

export function write(file: string, text: string | Buffer): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}
