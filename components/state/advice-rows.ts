// Advice lines for package rows: what the PEP 668 playbook says to do with a package of a global
// scope (src/guidance fills `Distribution.advice`). One non-selectable line under the package, so the
// cursor arithmetic of the detail pane is unchanged and the line is visible wherever the row is.
import type { Advice } from '../../src/model.js';
import { textRow, type Row } from './rows.js';
import { wrapWords } from '../ui/text.js';

/** The word shown for an action: the package manager's own name for distro advice ("apt", "dnf"). */
export function adviceLabel(a: Advice): string {
  return a.action === 'distro' ? (a.distroPackage?.manager ?? 'distro') : a.action;
}

/** `advice: pipx — command-line tool (demo-cli, …): …`; the row cuts at the end with an ellipsis. */
export function adviceText(a: Advice): string {
  return `advice: ${adviceLabel(a)} — ${a.reason}`;
}

/** The advice line for one package row, or null when it has none. */
export function adviceRow(key: string, a: Advice | undefined, indent = '  '): Row | null {
  if (!a) return null;
  // keep/container are not a call to act; keep them quiet so they never outshine pipx/venv/apt.
  const tone = a.action === 'keep' || a.action === 'container' ? 'dim' : 'accent';
  return textRow(`advice:${key}`, indent + adviceText(a), tone);
}

/** The advice under a package, wrapped to the pane: read whole, never cut with an ellipsis. */
export function adviceRows(key: string, a: Advice | undefined, width: number, indent = '  '): Row[] {
  if (!a) return [];
  const tone = a.action === 'keep' || a.action === 'container' ? 'dim' : 'accent';
  return wrapWords(adviceText(a), Math.max(8, width - indent.length - 2)).map((l, i) => textRow(`advice:${key}:${i}`, `${indent}${i ? '  ' : ''}${l}`, tone));
}
