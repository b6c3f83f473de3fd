// Small file writers shared by the layout builders (distro root, conda, pyenv).
import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';

/** Write `text` to a host path, creating parent directories. */
export async function put(hostPath: string, text: string | Buffer, mode?: number): Promise<string> {
  await fsp.mkdir(path.dirname(hostPath), { recursive: true });
  await fsp.writeFile(hostPath, text);
  if (mode !== undefined) await fsp.chmod(hostPath, mode);
  return hostPath;
}

/** Create (or replace) a symlink whose raw text is `target`. */
export async function link(hostPath: string, target: string): Promise<void> {
  await fsp.mkdir(path.dirname(hostPath), { recursive: true });
  await fsp.rm(hostPath, { force: true });
  await fsp.symlink(target, hostPath);
}

/**
 * A placeholder interpreter. Discovery must read files and never run an interpreter, so
 * instead of a (non-working, 7 MB) copy of a real binary we plant a script that records
 * every execution in `logHostPath` and fails loudly: tests can prove nothing ran it.
 */
export async function tripwire(hostPath: string, machinePath: string, logHostPath: string): Promise<void> {
  if (/['\n]/.test(logHostPath + machinePath)) throw new Error(`unsafe path for a placeholder: ${machinePath}`);
  const body =
    '#!/bin/sh\n' +
    `# pyenvtui test placeholder for ${machinePath}: discovery must not execute interpreters.\n` +
    `printf '%s\\n' '${machinePath}' >> '${logHostPath}'\n` +
    `echo 'pyenvtui sandbox: placeholder interpreter ${machinePath} was executed' >&2\n` +
    'exit 97\n';
  await put(hostPath, body, 0o755);
}

/** PEP 503 normalised name. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

function recordHash(data: Buffer): string {
  return 'sha256=' + createHash('sha256').update(data).digest('base64url');
}

export interface DistInfoSpec {
  name: string;
  version: string;
  /** INSTALLER contents ("pip", "conda", ...); null writes no INSTALLER (like Debian). */
  installer: string | null;
  requires?: string[];
  consoleScripts?: Record<string, string>;
  /** Module files relative to the site dir → text. */
  files?: Record<string, string>;
  requested?: boolean;
  /** Write a RECORD (default true). */
  record?: boolean;
}

/**
 * A dist-info directory as an installer leaves it (METADATA, WHEEL, INSTALLER, RECORD with
 * hashes, entry_points.txt), for layouts whose real tool is not on this machine (conda, pyenv).
 */
export async function writeDistInfo(siteHost: string, spec: DistInfoSpec): Promise<string> {
  const dist = spec.name.replace(/[-_.]+/g, '_');
  const info = `${dist}-${spec.version}.dist-info`;
  const members: [string, Buffer][] = [];
  for (const [rel, text] of Object.entries(spec.files ?? {})) members.push([rel, Buffer.from(text)]);
  const meta = [
    'Metadata-Version: 2.1',
    `Name: ${spec.name}`,
    `Version: ${spec.version}`,
    ...(spec.requires ?? []).map((r) => `Requires-Dist: ${r}`),
  ].join('\n');
  members.push([`${info}/METADATA`, Buffer.from(meta + '\n\n')]);
  members.push([`${info}/WHEEL`, Buffer.from('Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n')]);
  if (spec.installer !== null) members.push([`${info}/INSTALLER`, Buffer.from(spec.installer + '\n')]);
  if (spec.requested) members.push([`${info}/REQUESTED`, Buffer.from('')]);
  const scripts = Object.entries(spec.consoleScripts ?? {});
  if (scripts.length) {
    const eps = '[console_scripts]\n' + scripts.map(([k, v]) => `${k} = ${v}\n`).join('');
    members.push([`${info}/entry_points.txt`, Buffer.from(eps)]);
  }
  for (const [rel, data] of members) await put(path.join(siteHost, rel), data);
  if (spec.record !== false) {
    const lines = members.map(([rel, d]) => `${rel},${recordHash(d)},${d.length}`);
    lines.push(`${info}/RECORD,,`);
    await put(path.join(siteHost, info, 'RECORD'), lines.join('\n') + '\n');
  }
  return path.join(siteHost, info);
}

/** patchlevel.h as CPython ships it (only the lines readers look at, in the real order). */
export function patchlevelH(version: string): string {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  const [maj, min, mic] = m ? [m[1], m[2], m[3]] : ['3', '0', '0'];
  return (
    '\n/* Python version identification scheme. */\n\n' +
    `#define PY_MAJOR_VERSION\t${maj}\n#define PY_MINOR_VERSION\t${min}\n#define PY_MICRO_VERSION\t${mic}\n` +
    '#define PY_RELEASE_LEVEL\tPY_RELEASE_LEVEL_FINAL\n#define PY_RELEASE_SERIAL\t0\n\n' +
    `/* Version as a string */\n#define PY_VERSION      \t"${version}"\n`
  );
}
