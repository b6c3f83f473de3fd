// The INI reader against Python's own configparser.RawConfigParser: same sections, keys, values and
// the same verdict on broken files, for a table of awkward inputs. Plus line numbers for evidence.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseIni, sectionItems } from '../../../src/formats/ini.js';

const PY = '/usr/bin/python3';

const INPUTS: string[] = [
  '[global]\na = 1\n',
  '[global]\nA_Key : Value with spaces  \n',
  '[s]\nk = v = w\n',
  '[s]\nk: v = w\n',
  '[s]\nk =\n  line1\n  line2\n',
  '[s]\nk = first\n\n  after-blank\n',
  '[s]\nk = first\n  # comment inside\n  more\n',
  '[s]\nk = v ; not a comment\n',
  '; comment\n# other\n[s]\nk=v\n',
  '[s]\n  k = indented first key\n',
  '[S]\nk=v\n[s]\nk=w\n',
  '[s]\nk=v\n[s]\nj=w\n',
  '[s]\nk=v\nK=w\n',
  'k=v\n',
  '[s]\njust text\n',
  '[s]\n=value\n',
  '[DEFAULT]\nd = 1\n[a]\nx = 2\n[b]\nd = 3\n',
  '[DEFAULT]\nd = 1\n[DEFAULT]\ne = 2\n[a]\n',
  '\ufeff[s]\nk=v\n',
  '[s]\r\nk = v\r\n  cont\r\n',
  '[s]\rk = v\r',
  '[a]b]\nk=v\n',
  '[s] trailing\nk=v\n',
  '[s]\nk = v\n\n\n',
  '[s]\nk = %(x)s\n',
  '[s]\n\tk\t=\ttab\n',
  '[s]\nk = v\n\t\tcont-tab\nj = 2\n',
  '',
  '\n\n',
  '[s]\nk=\u00e9t\u00e9\n',
];

const PY_DUMP = `
import configparser, io, json, sys
out = []
for text in json.load(sys.stdin):
    p = configparser.RawConfigParser()
    try:
        # Universal newlines, as pip's open() of the file does.
        p.read_file(io.TextIOWrapper(io.BytesIO(text.encode('utf-8')), encoding='utf-8'))
        out.append({"error": None, "sections": {s: dict(p.items(s)) for s in p.sections()}, "defaults": dict(p.defaults())})
    except configparser.Error as e:
        out.append({"error": type(e).__name__})
print(json.dumps(out))
`;

describe.skipIf(!existsSync(PY))('parseIni equals Python configparser', () => {
  it('matches RawConfigParser on every awkward input', async () => {
    const child = execFile(PY, ['-c', PY_DUMP]);
    child.stdin!.end(JSON.stringify(INPUTS));
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    await new Promise<void>((res, rej) => child.on('close', (code) => (code === 0 ? res() : rej(new Error(`python exit ${code}`)))));
    const expected = JSON.parse(out) as Array<{ error: string | null; sections?: Record<string, Record<string, string>>; defaults?: Record<string, string> }>;
    const ours = INPUTS.map((t) => {
      const doc = parseIni(t);
      if (doc.errors.length) return { error: 'error' };
      return {
        error: null,
        sections: Object.fromEntries(doc.sections.map((s) => [s.name, Object.fromEntries(sectionItems(doc, s.name).map((e) => [e.key, e.value]))])),
        defaults: Object.fromEntries([...doc.defaults.values()].map((e) => [e.key, e.value])),
      };
    });
    const norm = expected.map((e) => (e.error ? { error: 'error' } : e));
    for (let i = 0; i < INPUTS.length; i++) expect({ input: INPUTS[i], r: ours[i] }).toEqual({ input: INPUTS[i], r: norm[i] });
  });
});

describe('parseIni line numbers and errors', () => {
  it('records the line where a multi-line value starts', () => {
    const doc = parseIni('# c\n[global]\nindex-url =\n  https://a\nbreak-system-packages = true\n');
    const items = sectionItems(doc, 'global');
    expect(items.map((e) => [e.key, e.line])).toEqual([
      ['index-url', 3],
      ['break-system-packages', 5],
    ]);
  });
  it('reports the duplicate option with its line', () => {
    const doc = parseIni('[s]\na=1\nA=2\n');
    expect(doc.errors).toEqual([expect.objectContaining({ kind: 'duplicate-option', line: 3 })]);
  });
  it('reports a missing section header instead of throwing', () => {
    expect(parseIni('a=1\n').errors[0]?.kind).toBe('missing-section-header');
  });
});
