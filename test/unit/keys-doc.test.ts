// docs/dashboard.md carries the key table generated from the one key table: it must not drift.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KEYS_END, KEYS_START, keyTableMarkdown } from '../../components/state/key-doc.js';

describe('docs/dashboard.md key table', () => {
  it('matches the key table (regenerate with: node scripts/gen-keys-doc.mjs)', () => {
    const doc = readFileSync(new URL('../../docs/dashboard.md', import.meta.url), 'utf8');
    const a = doc.indexOf(KEYS_START);
    const b = doc.indexOf(KEYS_END);
    expect(a).toBeGreaterThan(0);
    expect(doc.slice(a + KEYS_START.length, b)).toBe(`\n${keyTableMarkdown()}`);
    expect(keyTableMarkdown()).toContain('| `m` | migrate tagged packages (not in --readonly) |');
    expect(keyTableMarkdown()).toContain('### Migration wizard: the plan');
  });
});
