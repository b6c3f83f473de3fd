import type { CommandSpec } from '../spec.js';
import { JSON_OUT, ROOT } from './common.js';

export const IMPACT_SPEC: CommandSpec = {
  name: 'impact',
  summary: 'what breaks if this Python is removed (or the distribution upgraded); exit 1 when something would',
  args: { synopsis: 'PYTHON | --upgrade RELEASE', max: 1 },
  options: {
    upgrade: { type: 'string', value: 'RELEASE', help: 'preview a release upgrade instead (trixie, bookworm, noble, jammy)' },
    json: JSON_OUT,
    root: ROOT,
  },
};
