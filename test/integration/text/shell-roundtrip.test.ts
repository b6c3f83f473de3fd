// Every command pyenvtui shows is quoted by src/text/shell.ts: what bash reads back must be the exact argv.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { formatArgv } from '../../../src/text/shell.js';

const HOSTILE = ['', ' ', "it's", '"q"', '$(touch /tmp/pwned)', '`id`', 'a\\b', '*', '~', 'x;y', '#c', '-n', 'tab\there', 'é', '!x', '{a,b}', 'nl\nx'];

describe('formatArgv round-trips through a real bash', () => {
  it('bash reads back exactly the argv that was quoted', () => {
    const line = formatArgv(['printf', '%s\\0', ...HOSTILE]);
    const out = execFileSync('bash', ['-c', line], { encoding: 'utf8' });
    expect(out.split('\0').slice(0, -1)).toEqual(HOSTILE);
  });
});
