// The compact per-host package table: same answers as the plain index, sorted for binary search,
// and safe against hostile names (cleaned, de-duplicated, bounded env indexes).
import { describe, expect, it } from 'vitest';
import { eachPackage, tableFromIndex, tableToIndex, versionsOf } from '../../../src/fleet/package-table.js';

describe('package table', () => {
  it('answers like the index it came from', () => {
    const index = { six: { '1.16.0': [0] }, requests: { '2.31.0': [1, 2], '2.28.1': [0] }, zope: { '5.0': [2] } };
    const t = tableFromIndex(index, 3);
    expect(t.names).toEqual(['requests', 'six', 'zope']);
    expect(versionsOf(t, 'requests')).toEqual([{ version: '2.28.1', envs: [0] }, { version: '2.31.0', envs: [1, 2] }]);
    expect(versionsOf(t, 'numpy')).toEqual([]);
    expect(tableToIndex(t)).toEqual(index);
    const seen: string[] = [];
    eachPackage(t, (name, versions) => seen.push(`${name}:${versions.join(',')}`));
    expect(seen).toEqual(['requests:2.28.1,2.31.0', 'six:1.16.0', 'zope:5.0']);
  });

  it('drops what does not name an environment and keeps names unique after cleaning', () => {
    const t = tableFromIndex({ 'a\u0007': { '1': [0] }, 'a?': { '2': [0] }, b: { '1': [5, -1, 1.5, '0'] }, c: 'nope', d: { '1': 'x' } }, 1);
    expect(t.names).toEqual(['a?']);
    expect(versionsOf(t, 'a?')).toHaveLength(1);
    expect(tableFromIndex('garbage', 1).names).toEqual([]);
  });
});
