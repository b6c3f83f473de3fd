// R12: .pth files that no package owns. Lines starting with "import" run on every interpreter start,
// which is how malware and stale hacks persist.
import type { Finding } from '../../model.js';
import { finding, q, type Rule } from './util.js';

// Written by tools as part of their normal operation.
const KNOWN = new Set(['distutils-precedence.pth', '_virtualenv.pth', 'pipx_shared.pth']);

export const startupPth: Rule = (_inv, facts) => {
  const out: Finding[] = [];
  for (const p of facts.pth) {
    const base = p.path.slice(p.path.lastIndexOf('/') + 1);
    if (p.owned || KNOWN.has(base) || base.startsWith('__editable__')) continue;
    const runs = p.execLines.length > 0;
    out.push(
      finding(
        'startup-pth',
        runs ? 'medium' : 'low',
        runs ? `${base} runs code at every Python start and belongs to no package` : `${base} adds paths to sys.path and belongs to no package`,
        runs ? p.execLines.map((l) => ({ path: p.path, line: l.line, detail: l.text.slice(0, 200) })) : [{ path: p.path, detail: 'not listed in any RECORD or dpkg list' }],
        [`Review ${q(p.path)}; if nothing needs it: rm ${q(p.path)}`],
        { environment: p.envId },
      ),
    );
  }
  return out;
};
