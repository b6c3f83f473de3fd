import type { CommandSpec } from '../spec.js';
import { ASCII, DEPTH, NO_COLOR, ROOT, SEARCH } from './common.js';

export const TUI_SPEC: CommandSpec = {
  name: 'tui',
  summary: 'open the full-screen dashboard (the default command); a plain-text summary without a terminal',
  options: {
    root: ROOT,
    search: SEARCH,
    depth: DEPTH,
    'no-color': NO_COLOR,
    ascii: ASCII,
    readonly: { type: 'boolean', help: 'browse only: no migration from the dashboard' },
  },
};
