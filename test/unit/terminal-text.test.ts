// Terminals as they are: ASCII output, locale detection, version-aware names, undo's own words.
import { describe, expect, it } from 'vitest';
import { toAscii } from '../../components/ui/ascii.js';
import { compareNatural, displayWidth } from '../../components/ui/text.js';
import { utf8Locale } from '../../src/terminal.js';
import { undoEventText } from '../../src/commands/undo.js';
import type { Step } from '../../src/migrate/types.js';

describe('terminal text', () => {
  it('toAscii keeps the width and sends nothing above 0x7f', () => {
    const s = '┌─▸ Findings · 3 … — → ↓ ✓ 中文┐';
    const a = toAscii(s);
    expect(a).toMatch(/^[\x00-\x7f]*$/);
    expect(displayWidth(a)).toBe(displayWidth(s));
    expect(a).toBe('+-# Findings - 3 ~ - > v x ????+');
  });

  it('chooses ASCII unless the locale says UTF-8 (LC_ALL, then LC_CTYPE, then LANG)', () => {
    expect(utf8Locale({ LANG: 'C.UTF-8' })).toBe(true);
    expect(utf8Locale({ LANG: 'en_GB.utf8' })).toBe(true);
    expect(utf8Locale({ LANG: 'C' })).toBe(false);
    expect(utf8Locale({ LC_ALL: 'POSIX', LANG: 'C.UTF-8' })).toBe(false);
    expect(utf8Locale({ LC_ALL: 'C', LANG: 'en_US.UTF-8' })).toBe(false);
    expect(utf8Locale({})).toBe(false);
  });

  it('sorts versions as numbers: 3.6 before 3.10', () => {
    expect(['3.10.4', '3.6.15', '3.9.1', '3.12.1'].sort(compareNatural)).toEqual(['3.6.15', '3.9.1', '3.10.4', '3.12.1']);
  });

  it('undo reports each step by its undo description and ends without "undone: undone"', () => {
    const step = { id: 3, kind: 'install', purpose: 'install demo-tool with pipx', display: 'pipx install demo-tool', undo: { description: 'uninstall demo-tool from pipx', action: { type: 'noop' } } } as unknown as Step;
    expect(undoEventText({ type: 'step-start', step })).toBe('==> [3] uninstall demo-tool from pipx');
    const last = undoEventText({ type: 'status', status: 'undone', message: 'undone' });
    expect(last).not.toBe('undone: undone');
    expect(last).toMatch(/restored/);
  });
});
