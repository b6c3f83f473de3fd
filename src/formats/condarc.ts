// A small, safe reader for the part of `.condarc` (YAML) that discovery needs: `envs_dirs` (alias
// `envs_path`) and `root_prefix`. It understands block lists, flow lists, quoted scalars and comments, and
// nothing else — no anchors, tags or multi-documents, so hostile input cannot make it do work or throw.
import { stripTrailingSlashes } from '../text/trim.js';

export interface Condarc {
  envsDirs: string[];
  rootPrefix: string | null;
  /** 1-based line of each envs_dirs entry, for evidence. */
  lines: number[];
}

function stripComment(line: string): string {
  // A `#` starts a comment at the line start or after whitespace, outside quotes.
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) return line.slice(0, i);
  }
  return line;
}

function unquote(s: string): string {
  const t = s.trim();
  if (t.length >= 2 && ((t[0] === '"' && t.endsWith('"')) || (t[0] === "'" && t.endsWith("'")))) {
    const inner = t.slice(1, -1);
    return t[0] === "'" ? inner.replace(/''/g, "'") : inner.replace(/\\(["\\])/g, '$1');
  }
  return t;
}

function splitFlow(body: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | null = null;
  for (const c of body) {
    if (quote) {
      if (c === quote) quote = null;
      cur += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      cur += c;
    } else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out.map(unquote).filter(Boolean);
}

/** Parse the text of a .condarc file. Never throws. */
export function parseCondarc(text: string): Condarc {
  const res: Condarc = { envsDirs: [], rootPrefix: null, lines: [] };
  const lines = text.split(/\r?\n/);
  let inList = false;
  for (let i = 0; i < lines.length; i++) {
    const line = stripComment(lines[i]!).trimEnd();
    if (!line.trim()) continue;
    const top = /^([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(.*)$/.exec(line);
    if (top) {
      inList = false;
      const [, key, rest] = top as unknown as [string, string, string];
      if (key === 'envs_dirs' || key === 'envs_path') {
        if (rest.startsWith('[') && rest.endsWith(']')) {
          for (const d of splitFlow(rest.slice(1, -1))) {
            res.envsDirs.push(d);
            res.lines.push(i + 1);
          }
        } else if (!rest) inList = true;
        else {
          res.envsDirs.push(unquote(rest));
          res.lines.push(i + 1);
        }
      } else if (key === 'root_prefix' && rest) res.rootPrefix = unquote(rest);
      continue;
    }
    const item = /^\s*-\s+(.*)$/.exec(line) ?? /^\s*-()$/.exec(line);
    if (inList && item) {
      const v = unquote(item[1] ?? '');
      if (v) {
        res.envsDirs.push(v);
        res.lines.push(i + 1);
      }
      continue;
    }
    // Indented continuation of some other key: ignore. A non-indented line ends any list.
    if (!/^\s/.test(line)) inList = false;
  }
  return res;
}

/**
 * Expand `~`, `$VAR` and `${VAR}` the way conda does for paths in .condarc. A path with an unset
 * variable, or one that is not absolute after expansion, gives null: guessing would point at a wrong dir.
 */
export function expandCondaPath(p: string, home: string, env: Record<string, string | undefined>): string | null {
  let s = p.trim();
  if (s === '~' || s.startsWith('~/')) s = home + s.slice(1);
  let unknown = false;
  s = s.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_m, a?: string, b?: string) => {
    const v = env[(a ?? b)!];
    if (v === undefined) unknown = true;
    return v ?? '';
  });
  if (unknown || !s.startsWith('/')) return null;
  return stripTrailingSlashes(s) || '/';
}

/** Machine paths where conda looks for condarc files, in conda's order (conda/base/constants.py SEARCH_PATH). */
export function condarcSearchPath(home: string, env: Record<string, string | undefined>, roots: string[]): string[] {
  const dirs = ['/etc/conda', '/var/lib/conda'];
  if (env.CONDA_ROOT) dirs.push(env.CONDA_ROOT);
  for (const r of roots) dirs.push(r);
  const xdg = env.XDG_CONFIG_HOME || `${home}/.config`;
  dirs.push(`${xdg}/conda`);
  if (xdg !== `${home}/.config`) dirs.push(`${home}/.config/conda`);
  dirs.push(`${home}/.conda`);
  const files: string[] = [];
  for (const d of dirs) files.push(`${d}/.condarc`, `${d}/condarc`);
  files.push(`${home}/.condarc`);
  if (env.CONDA_PREFIX) files.push(`${env.CONDA_PREFIX}/.condarc`, `${env.CONDA_PREFIX}/condarc`);
  if (env.CONDARC) files.push(env.CONDARC);
  return [...new Set(files)];
}
