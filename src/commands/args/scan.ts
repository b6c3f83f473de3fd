import type { CommandSpec } from '../spec.js';
import { DEPTH, ROOT, SEARCH } from './common.js';

export const SCAN_SPEC: CommandSpec = {
  name: 'scan',
  summary: 'list every Python environment and its packages (text, the JSON inventory, one line per environment, or Ansible facts)',
  options: {
    json: { type: 'boolean', help: 'the inventory as JSON (pyenvtui/inventory@1, compact)' },
    pretty: { type: 'boolean', help: 'indent the JSON (with --json)' },
    'json-lines': { type: 'boolean', help: 'one JSON object per environment, one per line' },
    facts: { type: 'boolean', optionalValue: true, choices: ['full'], help: 'the Ansible custom-facts summary (=full: with every package)' },
    'no-sizes': { type: 'boolean', help: 'skip the disk sizes in --facts' },
    root: ROOT,
    search: SEARCH,
    depth: DEPTH,
  },
};
