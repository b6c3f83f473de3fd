// Bounded walk for venvs: a directory holding a pyvenv.cfg file is a venv (not descended into).
// Heavy or foreign trees are skipped; symlinked dirs are followed once (real path remembered), so
// loops end. Unreadable dirs and non-UTF-8 names become problems.
import type { ScanContext } from '../context/scan-context.js';
import type { ScanProblem } from '../model.js';
import * as fs from './resolve.js';

/** Directory names never descended into (caches, VCS, other tools' trees found by their own locators). */
export const SKIP_DIRS = new Set([
  'node_modules', '.git', '.hg', '.svn', '.cache', '__pycache__', '.npm', '.cargo', '.rustup', '.gradle',
  '.m2', '.nvm', '.pyenv', '.conda', 'site-packages', 'dist-packages', '.Trash', 'Trash', '.mypy_cache',
  '.pytest_cache', '.ruff_cache', '.tox-cache', 'anaconda3', 'miniconda3', 'miniforge3', 'mambaforge',
  'micromamba', '.asdf', 'pkgs', 'Library', '.vscode-server', '.local-share-Trash',
]);

export interface WalkResult {
  venvs: string[];
  problems: ScanProblem[];
}

/** Find venv prefixes under `start` down to `depth` levels (start itself is level 0). */
export async function walkForVenvs(ctx: ScanContext, start: string, depth: number): Promise<WalkResult> {
  const venvs: string[] = [];
  const problems: ScanProblem[] = [];
  const visited = new Set<string>();

  async function visit(dir: string, level: number): Promise<void> {
    await ctx.breathe();
    let real: string;
    try {
      real = await fs.realpath(ctx, dir);
    } catch (e) {
      const code = (e as { code?: string }).code;
      // A well-known place that does not exist is the normal case, not a problem.
      if (code === 'ENOENT' && level === 0) return;
      problems.push({ locator: 'venv', path: dir, message: code === 'ELOOP' ? 'symlink loop' : `cannot resolve directory: ${code ?? String(e)}` });
      return;
    }
    if (visited.has(real)) return;
    visited.add(real);
    let entries;
    try {
      entries = await fs.readdir(ctx, dir);
    } catch (e) {
      const code = (e as { code?: string }).code ?? String(e);
      if (level === 0 && code === 'ENOENT') return;
      problems.push({ locator: 'venv', path: dir, message: `cannot read directory: ${code}` });
      return;
    }
    const cfg = entries.find((e) => e.name === 'pyvenv.cfg');
    if (cfg && (cfg.isFile() || cfg.isSymbolicLink())) {
      // Reached through a symlinked dir: report the canonical prefix, so every route agrees.
      venvs.push(real);
      return;
    }
    // virtualenv < 20 wrote no pyvenv.cfg: lib/pythonX.Y/orig-prefix.txt marks it.
    if (entries.some((e) => e.name === 'bin') && entries.some((e) => e.name === 'lib' && e.isDirectory())) {
      for (const l of await fs.tryReaddir(ctx, `${dir}/lib`)) {
        if (/^(python|pypy)\d/.test(l.name) && (await fs.isFile(ctx, `${dir}/lib/${l.name}/orig-prefix.txt`))) {
          venvs.push(real);
          return;
        }
      }
    }
    // A conda prefix holds thousands of files and no venvs; its own locator reads it.
    if (entries.some((e) => e.name === 'conda-meta' && e.isDirectory())) return;
    if (level >= depth) return;
    const subs: Promise<void>[] = [];
    for (const e of entries) {
      if (SKIP_DIRS.has(e.name)) continue;
      if (e.name.includes('\uFFFD')) {
        problems.push({ locator: 'venv', path: dir, message: `non-UTF-8 name skipped: ${JSON.stringify(e.name)}` });
        continue;
      }
      const child = dir === '/' ? `/${e.name}` : `${dir}/${e.name}`;
      if (e.isDirectory()) subs.push(visit(child, level + 1));
      else if (e.isSymbolicLink()) {
        subs.push(
          fs.stat(ctx, child).then((st) => {
            if (st === null) {
              // Loops (ELOOP) and dangling links: only worth a problem when they look like venvs.
              if (/^\.?(venv|env)$/.test(e.name)) {
                problems.push({ locator: 'venv', path: child, message: 'venv link is dangling or loops' });
              }
              return;
            }
            if (st.isDirectory()) return visit(child, level + 1);
          }),
        );
      }
    }
    await Promise.all(subs);
  }

  await visit(start, 0);
  return { venvs, problems };
}
