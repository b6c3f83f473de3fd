// The reader cuts the package index out of a host file's text and parses it later. Whatever it cuts,
// putting the index back must give exactly what JSON.parse of the whole text gives: checked on the
// three producers' layouts as Python's json module writes them (Ansible's jsonfile cache uses
// sort_keys and indent=4), on duplicate keys, escaped keys, and strings full of brackets and quotes.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { INDEX_PATHS, splitIndex, type IndexAt } from '../../../src/fleet/json-span.js';
import { cacheEntry, facts, treeEntry } from '../../helpers/fleet-fixtures.js';

function pythonDumps(value: unknown, indent: number | null, sortKeys: boolean): string {
  const code = 'import json,sys; v=json.load(sys.stdin); print(json.dumps(v, indent=int(sys.argv[1]) if sys.argv[1] else None, sort_keys=sys.argv[2]=="1"))';
  return execFileSync('python3', ['-c', code, indent === null ? '' : String(indent), sortKeys ? '1' : '0'], { input: JSON.stringify(value), encoding: 'utf8' });
}

/** The value JSON.parse sees, rebuilt from the split text. */
function rejoin(text: string): unknown {
  const split = splitIndex(text);
  const doc = JSON.parse(split.text) as Record<string, unknown>;
  for (const [at, indexText] of Object.entries(split.indexes) as [IndexAt, string][]) {
    let node = doc;
    const keys = INDEX_PATHS[at];
    for (const k of keys.slice(0, -1)) node = node[k] as Record<string, unknown>;
    expect(node[keys[keys.length - 1]!]).toEqual({});
    node[keys[keys.length - 1]!] = JSON.parse(indexText);
  }
  return doc;
}

const tricky = facts({
  host: 'a "quoted" {host} [x] \\',
  findings: [{ rule: 'r', severity: 'high', title: '}}]]{{ "index": {"a":1} \\"', environment: null, package: null }],
  packages: { digest: 'sha256:0', count: 2, index: { 'we"ird}': { '1.0': [0] }, 'b\\\\': { '2.0': [0] } } },
});

describe('splitIndex', () => {
  for (const [name, value, at] of [
    ['scan --facts file', tricky, 'doc'],
    ['jsonfile cache entry', cacheEntry(tricky), 'cache'],
    ['--tree result', treeEntry(tricky), 'tree'],
  ] as const) {
    for (const [layout, indent, sort] of [['compact', null, false], ['indent=4, sort_keys (Ansible jsonfile)', 4, true], ['indent=2', 2, false]] as const) {
      it(`cuts the index of a ${name} (${layout}) and loses nothing`, () => {
        const text = pythonDumps(value, indent, sort);
        const split = splitIndex(text);
        expect(Object.keys(split.indexes)).toEqual([at]);
        expect(split.text.length).toBeLessThan(text.length);
        expect(rejoin(text)).toEqual(JSON.parse(text));
      });
    }
  }

  it('follows JSON.parse on duplicate keys: the last one counts', () => {
    const text = '{"schema":"pyenvtui/facts@1","packages":{"index":{"a":{"1":[0]}},"index":{"b":{"2":[0]}}}}';
    expect(JSON.parse(splitIndex(text).indexes.doc!)).toEqual({ b: { '2': [0] } });
    expect(rejoin(text)).toEqual(JSON.parse(text));
    // A later `packages` without an index: nothing is cut from the earlier one.
    const later = '{"packages":{"index":{"a":{"1":[0]}}},"packages":{"digest":"x"}}';
    expect(splitIndex(later)).toEqual({ text: later, indexes: {} });
  });

  it('reads escaped keys as JSON.parse does', () => {
    const text = '{"ansible_local":{"pyenv\\u0074ui":{"packages":{"\\u0069ndex":{"a":{"1":[0]}}}}}}';
    expect(Object.keys(splitIndex(text).indexes)).toEqual(['cache']);
    expect(rejoin(text)).toEqual(JSON.parse(text));
  });

  it('leaves alone what is not an object index, and broken text (JSON.parse reports it)', () => {
    for (const text of [
      '{"packages":{"index":[1,2]}}',
      '{"packages":{"index":"x"}}',
      '{"packages":{"index":{"a":',
      '{"packages":{"index":{"a":"unterminated}}}',
      '[{"packages":{"index":{}}}]',
      'not json',
      '',
      '{"other":{"packages":{"index":{"a":{}}}}}',
    ]) expect(splitIndex(text)).toEqual({ text, indexes: {} });
  });

  it('cuts a broken index whose brackets balance: the document parses and the index reports itself later', () => {
    const split = splitIndex('{"packages":{"index":{"a":{]},"digest":"d"}}');
    expect(JSON.parse(split.text)).toEqual({ packages: { index: {}, digest: 'd' } });
    expect(() => JSON.parse(split.indexes.doc!)).toThrow();
  });
});
