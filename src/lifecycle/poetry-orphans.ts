// Poetry keeps its virtualenvs in one cache directory, named `<name>-<h>-pyX.Y`, where h is the first 8
// characters of the URL-safe base64 of sha256(realpath(project directory)) (poetry/utils/env.py,
// EnvManager.generate_env_name). The env records no path back to its project, so the project is found by hashing
// the Poetry projects under HOME: an env that no project hashes to has lost its project (orphaned), and one that
// does gets its project's activity counted as use.
import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { Environment } from '../model.js';

const CENTRAL = /^(.+)-([A-Za-z0-9_-]{8})-py\d+\.\d+$/;
const SKIP = new Set(['node_modules', '__pycache__', 'site-packages']);
const MAX_DIRS = 20_000;
const MAX_PYPROJECT = 256 * 1024;

/** Poetry's hash of a project directory (the directory as its real path). */
export function poetryHash(realProjectDir: string): string {
  return createHash('sha256').update(realProjectDir).digest('base64url').slice(0, 8);
}

/** The hash in a central Poetry env's directory name, or null for any other name. */
export function poetryEnvHash(prefix: string): string | null {
  return CENTRAL.exec(path.basename(prefix))?.[2] ?? null;
}

/** A pyproject.toml that Poetry manages: a [tool.poetry] table, or Poetry's build backend. */
export function isPoetryProject(pyproject: string): boolean {
  return /^\s*\[tool\.poetry\]/m.test(pyproject) || /poetry[.-]core/.test(pyproject);
}

/** hash → project directory, for every Poetry project found under `roots` (hidden directories skipped). */
export async function poetryProjects(roots: string[], depth: number): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let visited = 0;
  const walk = async (dir: string, left: number): Promise<void> => {
    if (++visited > MAX_DIRS) return;
    const entries = await fsp.readdir(dir, { withFileTypes: true }).catch(() => []);
    if (entries.some((e) => e.name === 'pyproject.toml' && e.isFile())) {
      const fh = await fsp.open(path.join(dir, 'pyproject.toml'), 'r').catch(() => null);
      if (fh) {
        try {
          const buf = Buffer.alloc(MAX_PYPROJECT);
          const { bytesRead } = await fh.read(buf, 0, MAX_PYPROJECT, 0);
          if (isPoetryProject(buf.subarray(0, bytesRead).toString('utf8'))) {
            const real = await fsp.realpath(dir).catch(() => dir);
            out.set(poetryHash(real), dir);
          }
        } finally {
          await fh.close();
        }
      }
    }
    if (left <= 0) return;
    for (const e of entries) if (e.isDirectory() && !e.name.startsWith('.') && !SKIP.has(e.name)) await walk(path.join(dir, e.name), left - 1);
  };
  for (const r of roots) await walk(r, depth);
  return out;
}

/** For each central Poetry env: its project, or why it counts as orphaned. */
export async function poetryOwners(envs: Environment[], roots: string[], depth = 5): Promise<Map<string, { project: string } | { orphaned: string }>> {
  const out = new Map<string, { project: string } | { orphaned: string }>();
  const central = envs.filter((e) => e.kind === 'poetry' && poetryEnvHash(e.prefix) !== null);
  if (!central.length) return out;
  const projects = await poetryProjects(roots, depth);
  for (const e of central) {
    const project = projects.get(poetryEnvHash(e.prefix)!);
    out.set(e.prefix, project ? { project } : { orphaned: `no Poetry project under ${roots.join(', ')} is the one this env was made for (Poetry names its envs by a hash of the project's path)` });
  }
  return out;
}
