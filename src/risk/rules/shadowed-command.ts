// R8: the same command several times on PATH: the first wins and the others are silently unused.
import type { Finding, PathCommand } from '../../model.js';
import { finding, q, type Rule } from './util.js';

const norm = (p: string): string => p.replace(/^\/(bin|sbin)\//, '/usr/$1/');

export const shadowedCommand: Rule = (inv) => {
  const out: Finding[] = [];
  const cmds: PathCommand[] = [];
  for (const c of [inv.path.python, inv.path.python3, inv.path.pip, inv.path.pip3, ...inv.path.commands]) if (c && !cmds.some((x) => x.path === c.path)) cmds.push(c);
  for (const c of cmds) {
    // merged-/usr makes /bin/x and /usr/bin/x one file; that is no shadowing.
    const shadows = c.shadows.filter((s) => norm(s) !== norm(c.path));
    if (!shadows.length) continue;
    out.push(
      finding(
        'shadowed-command',
        'medium',
        `${c.name} on PATH is ${c.path}; ${shadows.length} other cop${shadows.length > 1 ? 'ies are' : 'y is'} hidden`,
        [{ path: c.path, detail: `first on PATH${c.target ? ` (→ ${c.target})` : ''}` }, ...shadows.map((s) => ({ path: s, detail: 'hidden by the earlier one' }))],
        [`Keep one ${q(c.name)}: remove the copies you do not use, or reorder PATH`],
      ),
    );
  }
  return out;
};
