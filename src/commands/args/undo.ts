import type { CommandSpec } from '../spec.js';
import { YES } from './common.js';

export const UNDO_SPEC: CommandSpec = {
  name: 'undo',
  summary: 'reverse the last migration (or the one named) from its journal',
  args: { synopsis: '[ID]', max: 1 },
  options: {
    yes: YES,
    list: { type: 'boolean', help: 'list the migrations in the journal and change nothing' },
  },
};
