// The PATH view: which interpreter and which commands win, and what they shadow.
import type { Inventory, PathCommand } from '../../src/model.js';
import { textRow, type FullText, type Row } from './rows.js';
import { compareText } from '../ui/text.js';

export interface PathEntry {
  label: string;
  cmd: PathCommand;
  order: number;
}

/** Interpreters and pip first (the ones that matter for PEP 668), then console scripts. */
export function pathEntries(inv: Inventory | null): PathEntry[] {
  const p = inv?.path;
  if (!p) return [];
  const out: PathEntry[] = [];
  for (const label of ['python3', 'python', 'pip3', 'pip'] as const) {
    const cmd = p[label];
    if (cmd) out.push({ label, cmd, order: out.length });
  }
  for (const cmd of p.commands ?? []) out.push({ label: cmd.name, cmd, order: out.length });
  return out;
}

function dirIndex(inv: Inventory, path: string): number {
  const dir = path.slice(0, path.lastIndexOf('/')) || '/';
  return inv.path.dirs.indexOf(dir);
}

export function buildPathRows(inv: Inventory | null, filter: string, sort: { key: string; reverse: boolean }): Row[] {
  if (!inv) return [];
  const needle = filter.toLowerCase();
  const list = pathEntries(inv).filter((e) => needle === '' || `${e.label} ${e.cmd.path}`.toLowerCase().includes(needle));
  const cmp =
    sort.key === 'name'
      ? (a: PathEntry, b: PathEntry) => compareText(a.label, b.label)
      : sort.key === 'shadows'
        ? (a: PathEntry, b: PathEntry) => b.cmd.shadows.length - a.cmd.shadows.length || a.order - b.order
        : (a: PathEntry, b: PathEntry) => a.order - b.order;
  list.sort((a, b) => (sort.reverse ? -cmp(a, b) : cmp(a, b)));
  const labelWidth = Math.min(20, Math.max(6, ...list.map((e) => e.label.length)));
  return list.map((e) => ({
    key: `path:${e.label}`,
    selectable: true,
    search: `${e.label} ${e.cmd.path} ${e.cmd.target ?? ''} ${e.cmd.pyenv?.runs ?? ''}`.toLowerCase(),
    full: entryFull(inv, e),
    cells: [
      { text: e.label, width: labelWidth },
      { text: runsText(e), flex: 1, cut: 'start', ...(e.cmd.pyenv?.problem ? { tone: 'medium' as const } : {}) },
      { text: e.cmd.shadows.length ? `+${e.cmd.shadows.length}` : '', width: 3, align: 'right', tone: e.cmd.shadows.length ? 'medium' : 'dim' },
    ],
  }));
}

export function pathDetailRows(inv: Inventory | null, label: string): Row[] {
  const e = pathEntries(inv).find((x) => x.label === label);
  if (!inv || !e) return [];
  const rows: Row[] = [textRow('title', `${e.label} runs ${e.cmd.path}`, 'heading', 'start')];
  rows[0] = { ...rows[0]!, selectable: true, full: entryFull(inv, e) };
  if (e.cmd.target) rows.push(textRow('target', `→ ${e.cmd.target}`, undefined, 'start'));
  for (const [i, line] of shimLines(e).entries()) rows.push(textRow(`shim${i}`, line, i === 2 ? 'medium' : undefined, 'start'));
  const at = dirIndex(inv, e.cmd.path);
  if (at >= 0) rows.push(textRow('dir', `found in PATH entry ${at + 1} of ${inv.path.dirs.length}`, 'dim'));
  rows.push(textRow('h-sh', e.cmd.shadows.length ? `Shadows (${e.cmd.shadows.length})` : 'Shadows nothing', 'heading'));
  e.cmd.shadows.forEach((s, i) => rows.push({ ...textRow(`sh${i}`, s, 'medium', 'start'), selectable: true, full: { title: `shadowed by ${e.label}`, paragraphs: [s], commands: [] } }));
  rows.push(textRow('h-dirs', `PATH (${inv.path.dirs.length} entries, first wins)`, 'heading'));
  // The number is its own cell: a long path is cut from the left, never the number.
  inv.path.dirs.forEach((d, i) =>
    rows.push({
      key: `dir${i}`,
      selectable: true,
      search: d.toLowerCase(),
      full: { title: `PATH entry ${i + 1} of ${inv.path.dirs.length}`, paragraphs: [d, i === at ? `${e.label} is found here` : ''], commands: [] },
      cells: [
        { text: `${i + 1}.`, width: String(inv.path.dirs.length).length + 1, align: 'right', tone: 'dim' },
        { text: d, flex: 1, cut: 'start', ...(i === at ? {} : { tone: 'dim' as const }) },
      ],
    }),
  );
  return rows;
}

function entryFull(inv: Inventory, e: PathEntry): FullText {
  const at = dirIndex(inv, e.cmd.path);
  const paragraphs = [`${e.label} runs ${e.cmd.path}`];
  if (e.cmd.target) paragraphs.push(`which points to ${e.cmd.target}`);
  paragraphs.push(...shimLines(e));
  if (at >= 0) paragraphs.push(`found in PATH entry ${at + 1} of ${inv.path.dirs.length}: ${inv.path.dirs[at]}`);
  paragraphs.push('', e.cmd.shadows.length ? `It shadows (${e.cmd.shadows.length}):` : 'It shadows nothing.', ...e.cmd.shadows.map((x) => `  ${x}`));
  return { title: `${e.label} on PATH`, paragraphs, commands: [] };
}

/**
 * A pyenv shim is a bash script that re-runs pyenv: what matters is what it runs, as `pyenv which`
 * answers (the version its files select, then the interpreter). The list shows that, marked as a shim.
 */
function runsText(e: PathEntry): string {
  const t = e.cmd.pyenv;
  if (!t) return e.cmd.path;
  return t.runs ? `${t.runs}  (pyenv ${t.version} shim)` : `pyenv shim: ${t.problem ?? 'runs nothing'}`;
}

/** Detail lines for a pyenv shim: the version and where it was set, what runs, and any problem. */
function shimLines(e: PathEntry): string[] {
  const t = e.cmd.pyenv;
  if (!t) return [];
  const lines = [`pyenv shim: version ${t.version} (${t.source ? `set by ${t.source}` : 'no version file: system'})`, t.runs ? `runs ${t.runs}` : 'runs nothing'];
  if (t.problem) lines.push(t.problem);
  return lines;
}
