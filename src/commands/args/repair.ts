import type { CommandSpec } from '../spec.js';
import { DRY_RUN, YES } from './common.js';

export const REPAIR_SPEC: CommandSpec = {
  name: 'repair',
  summary: 'rebuild broken environments (same Python minor, same packages) from their own files; undoable',
  args: { synopsis: 'ENV...', max: Infinity },
  forms: ['--all [--python PATH] [--dry-run] [--yes]'],
  options: {
    all: { type: 'boolean', help: 'every broken venv, pipx tool and uv tool' },
    python: { type: 'string', value: 'PATH', help: 'rebuild with this interpreter (one pyenvtui found, working)' },
    'dry-run': DRY_RUN,
    yes: YES,
  },
};
