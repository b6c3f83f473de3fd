import type { CommandSpec } from '../spec.js';
import { DEPTH, FAIL_ON, JSON_OUT, NO_COLOR, ROOT, SEARCH } from './common.js';

export const DOCTOR_SPEC: CommandSpec = {
  name: 'doctor',
  summary: 'report PEP 668 risks grouped by severity, with evidence and fixes; exit 1 when a finding reaches --fail-on (default high)',
  options: {
    json: JSON_OUT,
    'fail-on': FAIL_ON,
    root: ROOT,
    search: SEARCH,
    depth: DEPTH,
    'no-color': NO_COLOR,
    color: { type: 'boolean', help: 'colour even when stdout is not a terminal' },
  },
};
