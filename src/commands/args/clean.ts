import type { CommandSpec } from '../spec.js';
import { DRY_RUN, JSON_OUT, YES } from './common.js';

export const CLEAN_SPEC: CommandSpec = {
  name: 'clean',
  summary: 'environments by size and last use (broken, orphaned, duplicate, stale) and caches; move the chosen ones to an undoable trash',
  args: { synopsis: '[ENV...]', max: Infinity },
  forms: ['--empty-trash [--dry-run] [--yes]'],
  options: {
    json: JSON_OUT,
    'stale-days': { type: 'string', value: 'N', help: 'unused for N days counts as stale (default 180)' },
    broken: { type: 'boolean', help: 'move the broken environments to the trash' },
    orphaned: { type: 'boolean', help: 'move the orphaned environments (their project is gone) to the trash' },
    duplicates: { type: 'boolean', help: 'move duplicate environments to the trash' },
    stale: { type: 'boolean', help: 'move the stale environments to the trash' },
    caches: { type: 'boolean', help: "move pip's, pipx's and uv's caches to the trash" },
    'empty-trash': { type: 'boolean', help: 'delete what earlier clean-ups moved to the trash (no undo after this)' },
    'dry-run': DRY_RUN,
    yes: YES,
  },
};
