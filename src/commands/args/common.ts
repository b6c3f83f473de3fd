// Options several commands share, spelled once.
import { SEVERITIES } from '../../model.js';
import type { OptionSpec } from '../spec.js';

const SEVERITY_CHOICES = SEVERITIES;

export const ROOT: OptionSpec = { type: 'string', value: 'DIR', help: 'scan DIR as if it were / (a mounted disk image, a container root)' };
export const SEARCH: OptionSpec = { type: 'string', value: 'DIR', multiple: true, help: 'also look for venvs under DIR (paths inside --root are mapped in)' };
export const DEPTH: OptionSpec = { type: 'string', value: 'N', help: 'how deep the venv search walks HOME and --search dirs (0-64)' };
export const NO_COLOR: OptionSpec = { type: 'boolean', help: 'no colour (also NO_COLOR)' };
export const ASCII: OptionSpec = { type: 'boolean', help: 'ASCII only (automatic when the locale is not UTF-8)' };
export const JSON_OUT: OptionSpec = { type: 'boolean', help: 'print JSON instead of text' };
export const YES: OptionSpec = { type: 'boolean', short: 'y', help: 'confirm every step without asking (needed without a terminal)' };
export const DRY_RUN: OptionSpec = { type: 'boolean', help: 'print the plan and change nothing' };
export const FAIL_ON: OptionSpec = { type: 'string', choices: SEVERITY_CHOICES, value: 'SEVERITY', help: `exit 1 when a finding is at or above SEVERITY (${SEVERITY_CHOICES.join(', ')}; default high)` };
