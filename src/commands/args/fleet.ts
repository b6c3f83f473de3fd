import type { CommandSpec } from '../spec.js';
import { ASCII, FAIL_ON, JSON_OUT, NO_COLOR } from './common.js';

export const FLEET_SPEC: CommandSpec = {
  name: 'fleet',
  summary: 'every host of an Ansible run (fact cache, --tree dir or scan --facts files): dashboard, JSON, or CI exit codes (fleet doctor)',
  args: { synopsis: '[doctor] DIR', max: 2 },
  options: {
    json: JSON_OUT,
    package: { type: 'string', value: 'NAME', help: 'only this package: which hosts have it, at which versions' },
    diff: { type: 'string', value: 'HOST,HOST', help: "compare two hosts' packages" },
    'stale-days': { type: 'string', value: 'N', help: 'a host whose facts are older than N days is stale (default 7)' },
    'fail-on': FAIL_ON,
    'no-color': NO_COLOR,
    ascii: ASCII,
  },
};
