import type { CommandSpec } from '../spec.js';
import { ROOT } from './common.js';

export const EXPORT_SPEC: CommandSpec = {
  name: 'export',
  summary: 'print pipx/uv tools, venvs (pinned), pip settings and apt replacements as JSON for restore',
  options: {
    root: ROOT,
    pretty: { type: 'boolean', help: 'indent the JSON' },
  },
};
