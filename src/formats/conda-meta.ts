// Readers for conda's `conda-meta/` directory: the `history` journal and the `<name>-<version>-<build>.json`
// package records.
//
// history is an append-only log of transactions:
//   ==> 2023-03-22 10:00:00 <==
//   # cmd: /opt/conda/bin/conda install python=3.12
//   # conda version: 23.1.0
//   -defaults/linux-64::python-3.11.5-h955ad1f_0
//   +defaults/linux-64::python-3.12.2-h996f2a0_0
// Lines starting with `+` link a package, `-` unlink it; conda < 4.4 wrote them without the `channel::` part.
// Replaying the log gives the installed set, so a python that was upgraded or removed is not mistaken for
// the current one.
import { stripTrailingSlashes } from '../text/trim.js';

export interface CondaDist {
  name: string;
  version: string;
  build: string;
  channel: string | null;
}

export interface CondaHistory {
  /** Installed packages after replaying every transaction, by name. */
  installed: Map<string, CondaDist>;
  /** Python version in the final state, or null when python is not installed. */
  pythonVersion: string | null;
  /** Line (1-based) of the `+...python-...` entry that gave pythonVersion. */
  pythonLine: number | null;
  /** Last `# conda version:` seen (the conda that last touched this env). */
  condaVersion: string | null;
  /** `# cmd:` lines in order (they reveal where the managing conda lives). */
  commands: string[];
  /** Lines that could not be understood (1-based numbers). */
  badLines: number[];
}

/**
 * Split a dist string `name-version-build` (name may contain dashes, version and build never do).
 * Returns null when it is not of that shape.
 */
export function parseDistString(s: string): Omit<CondaDist, 'channel'> | null {
  const build = s.lastIndexOf('-');
  if (build <= 0) return null;
  const ver = s.lastIndexOf('-', build - 1);
  if (ver <= 0) return null;
  const name = s.slice(0, ver);
  const version = s.slice(ver + 1, build);
  const b = s.slice(build + 1);
  if (!name || !version || !b || !/^[A-Za-z0-9_.+!]+$/.test(version)) return null;
  return { name, version, build: b };
}

/** Parse a conda-meta/history text. Never throws. */
export function parseCondaHistory(text: string): CondaHistory {
  const installed = new Map<string, CondaDist & { line: number }>();
  const commands: string[] = [];
  const badLines: number[] = [];
  let condaVersion: string | null = null;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line || line.startsWith('==>')) continue;
    if (line.startsWith('#')) {
      const cmd = /^#\s*cmd:\s*(.*)$/.exec(line);
      if (cmd) commands.push(cmd[1]!);
      const cv = /^#\s*conda version:\s*(\S+)/.exec(line);
      if (cv) condaVersion = cv[1]!;
      continue;
    }
    const sign = line[0];
    if (sign !== '+' && sign !== '-') {
      badLines.push(i + 1);
      continue;
    }
    const body = line.slice(1);
    const sep = body.lastIndexOf('::');
    const channel = sep >= 0 ? body.slice(0, sep) : null;
    const dist = parseDistString(sep >= 0 ? body.slice(sep + 2) : body);
    if (!dist) {
      badLines.push(i + 1);
      continue;
    }
    // Within one transaction conda writes the `-old` line before the `+new` one, so replaying in order is
    // enough; a removal always drops the name, whatever version the (possibly truncated) log last added.
    if (sign === '+') installed.set(dist.name, { ...dist, channel, line: i + 1 });
    else installed.delete(dist.name);
  }
  const py = installed.get('python');
  const out = new Map<string, CondaDist>();
  for (const [k, v] of installed) out.set(k, { name: v.name, version: v.version, build: v.build, channel: v.channel });
  return {
    installed: out,
    pythonVersion: py?.version ?? null,
    pythonLine: py?.line ?? null,
    condaVersion,
    commands,
    badLines,
  };
}

/** A conda-meta package record file name (`python-3.10.9-hc0d8a6c_1.json`) split into its parts. */
export function parseCondaMetaFileName(fileName: string): Omit<CondaDist, 'channel'> | null {
  if (!fileName.endsWith('.json')) return null;
  return parseDistString(fileName.slice(0, -'.json'.length));
}

/**
 * Python version from the list of files in conda-meta/ (the fallback when history is missing).
 * Picks the highest when several python-*.json exist (a botched upgrade leaves both).
 */
export function pythonVersionFromMetaFiles(fileNames: string[]): { version: string; file: string } | null {
  let best: { version: string; file: string } | null = null;
  for (const f of fileNames) {
    const d = parseCondaMetaFileName(f);
    if (!d || d.name !== 'python' || !/^\d+(\.\d+)*/.test(d.version)) continue;
    if (!best || compareDotted(d.version, best.version) > 0) best = { version: d.version, file: f };
  }
  return best;
}

function compareDotted(a: string, b: string): number {
  const pa = a.split('.').map((x) => parseInt(x, 10) || 0);
  const pb = b.split('.').map((x) => parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

/**
 * Lines of `~/.conda/environments.txt`: one absolute prefix per line. Blank lines and comments are skipped;
 * relative entries are dropped (conda only writes absolute ones).
 */
export function parseEnvironmentsTxt(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || !line.startsWith('/')) continue;
    const clean = stripTrailingSlashes(line) || '/';
    if (!out.includes(clean)) out.push(clean);
  }
  return out;
}
