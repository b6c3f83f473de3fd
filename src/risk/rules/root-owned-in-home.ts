// R9: root-owned files under ~/.local or ~/.cache/pip, left by `sudo pip` keeping $HOME; the user's
// own pip then fails with permission errors.
import type { Finding } from '../../model.js';
import { finding, q, type Rule } from './util.js';

export const rootOwnedInHome: Rule = (_inv, facts) =>
  facts.rootOwned.map(
    (r): Finding =>
      finding(
        'root-owned-in-home',
        'medium',
        `root owns ${r.path}${r.count > 1 ? ` and ${r.count - 1} entr${r.count > 2 ? 'ies' : 'y'} under it` : ''}`,
        [{ path: r.path, detail: 'owned by uid 0 inside the user\'s home (sudo pip with HOME kept)' }],
        [`sudo chown -R "$(id -u):$(id -g)" ${q(r.path)}`],
      ),
  );
