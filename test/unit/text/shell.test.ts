import { describe, expect, it } from 'vitest';
import { formatArgv, shellQuote } from '../../../src/text/shell.js';

describe('shellQuote / formatArgv (the one shell quoter)', () => {
  it('leaves safe words bare and quotes everything else', () => {
    expect(shellQuote('pyenvtui-demo-cli==1.2.0')).toBe('pyenvtui-demo-cli==1.2.0');
    expect(shellQuote('/home/tester/.venvs/x')).toBe('/home/tester/.venvs/x');
    expect(shellQuote('a b')).toBe("'a b'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote('$(rm -rf ~)')).toBe("'$(rm -rf ~)'");
    expect(shellQuote('x;y')).toBe("'x;y'");
    expect(shellQuote('*')).toBe("'*'");
  });
  it('never drops an empty argument', () => {
    expect(shellQuote('')).toBe("''");
    expect(formatArgv(['pip', '', 'x'])).toBe("pip '' x");
  });
  it('puts environment assignments first, values quoted', () => {
    expect(formatArgv(['pipx', 'install', 'a b'], { PIPX_HOME: '/h/my pipx' })).toBe("PIPX_HOME='/h/my pipx' pipx install 'a b'");
  });
});
