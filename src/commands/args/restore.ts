import type { CommandSpec } from '../spec.js';
import { DRY_RUN, YES } from './common.js';

export const RESTORE_SPEC: CommandSpec = {
  name: 'restore',
  summary: 'plan and run an export on this machine (skips what exists, reports what cannot be restored); undoable',
  args: { synopsis: 'FILE', max: 1 },
  options: {
    wheels: { type: 'string', value: 'DIR', help: 'install from the wheels in DIR (offline)' },
    'dry-run': DRY_RUN,
    yes: YES,
  },
};
