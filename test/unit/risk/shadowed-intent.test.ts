import { describe, expect, it } from 'vitest';
import type { Inventory } from '../../../src/model.js';
import type { RiskFacts } from '../../../src/risk/facts.js';
import { shadowedCommand } from '../../../src/risk/rules/shadowed-command.js';

function inv(first: string, hidden: string): Inventory {
  const cmd = { name: 'python3', path: first, shadows: [hidden] };
  return {
    schema: 'pyenvtui/inventory@1', generatedAt: '', root: '/', host: 'h', platform: 'linux', arch: 'x64', home: '/home/u',
    environments: [], problems: [], path: { dirs: [], python: null, python3: cmd, pip: null, pip3: null, commands: [] },
  };
}
const facts = (env: Record<string, string> = {}) => ({ env }) as unknown as RiskFacts;

describe('shadowed-command severity', () => {
  it('is medium when a stray copy hides the distro python3', () => {
    const [f] = shadowedCommand(inv('/usr/local/bin/python3', '/usr/bin/python3'), facts());
    expect(f?.severity).toBe('medium');
  });
  it('is info when a pyenv shim comes first, as pyenv intends', () => {
    const [f] = shadowedCommand(inv('/home/u/.pyenv/shims/python3', '/usr/bin/python3'), facts());
    expect(f?.severity).toBe('info');
    expect(f?.evidence[0]?.detail).toContain('pyenv shim');
  });
  it('is info for the activated venv named by VIRTUAL_ENV', () => {
    const [f] = shadowedCommand(inv('/home/u/app/.venv/bin/python3', '/usr/bin/python3'), facts({ VIRTUAL_ENV: '/home/u/app/.venv' }));
    expect(f?.severity).toBe('info');
  });
});
