// R8: the same command several times on PATH: the first wins and the others are silently unused.
import type { Finding, PathCommand } from '../../model.js';
import { finding, q, type Rule } from './util.js';

const norm = (p: string): string => p.replace(/^\/(bin|sbin)\//, '/usr/$1/');

/**
 * Shadowing on purpose: pyenv/asdf/mise shims and an activated venv exist to come first on PATH.
 * Those stay visible (a user may still wonder which copy runs) but as information, not a risk.
 */
function intended(path: string, activeVenv: string | undefined): string | null {
  if (/\/(\.pyenv|pyenv)\/shims\//.test(path)) return 'a pyenv shim: pyenv puts its shims first on purpose';
  if (/\/\.asdf\/shims\//.test(path) || /\/mise\/shims\//.test(path)) return 'a version-manager shim, first on PATH on purpose';
  if (activeVenv && path.startsWith(`${activeVenv}/bin/`)) return 'the activated venv ($VIRTUAL_ENV) comes first on purpose';
  return null;
}

export const shadowedCommand: Rule = (inv, facts) => {
  const out: Finding[] = [];
  const cmds: PathCommand[] = [];
  for (const c of [inv.path.python, inv.path.python3, inv.path.pip, inv.path.pip3, ...inv.path.commands]) if (c && !cmds.some((x) => x.path === c.path)) cmds.push(c);
  for (const c of cmds) {
    // merged-/usr makes /bin/x and /usr/bin/x one file; that is no shadowing.
    const shadows = c.shadows.filter((s) => norm(s) !== norm(c.path));
    if (!shadows.length) continue;
    const why = intended(c.path, facts.env.VIRTUAL_ENV);
    out.push(
      finding(
        'shadowed-command',
        why ? 'info' : 'medium',
        `${c.name} on PATH is ${c.path}; ${shadows.length} other cop${shadows.length > 1 ? 'ies are' : 'y is'} hidden`,
        [{ path: c.path, detail: `first on PATH${c.target ? ` (→ ${c.target})` : ''}${why ? `: ${why}` : ''}` }, ...shadows.map((s) => ({ path: s, detail: 'hidden by the earlier one' }))],
        [`Keep one ${q(c.name)}: remove the copies you do not use, or reorder PATH`],
      ),
    );
  }
  return out;
};
