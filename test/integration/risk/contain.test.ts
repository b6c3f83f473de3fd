// Errors are findings: a rule that throws on one package loses only that package; doctor exits 2 on
// internal errors; names with control characters are reported, and shown escaped.
import { describe, expect, it } from 'vitest';
import type { Distribution, Environment, Inventory } from '../../../src/model.js';
import { runContained } from '../../../src/risk/contain.js';
import type { RiskFacts } from '../../../src/risk/facts.js';
import { runRules } from '../../../src/risk/index.js';
import { brokenRequirements } from '../../../src/risk/rules/broken-requirements.js';
import { controlCharacters } from '../../../src/risk/rules/control-characters.js';
import type { Rule } from '../../../src/risk/rules/util.js';

function dist(name: string, version: string, requires: string[] = []): Distribution {
  return { name, displayName: name, version, installer: 'pip', requested: true, scripts: [], scope: 'env', site: '/v/lib/python3.11/site-packages', metadataPath: `/v/lib/python3.11/site-packages/${name}-${version}.dist-info`, format: 'dist-info', requires, hasRecord: true };
}

function env(id: string, packages: Distribution[]): Environment {
  return { id, kind: 'venv', name: id, prefix: `/${id}`, python: { version: '3.11.2' }, sites: [{ path: '/v/lib/python3.11/site-packages', order: 0 }], packages, health: { ok: true, problems: [] } } as unknown as Environment;
}

function inv(envs: Environment[]): Inventory {
  return { schema: 'pyenvtui/inventory@1', generatedAt: '', root: '/', host: 'h', platform: 'linux', arch: 'x64', home: '/home/u', environments: envs, problems: [], path: { dirs: [], python: null, python3: null, pip: null, pip3: null, commands: [] } } as unknown as Inventory;
}
const facts = { env: {} } as unknown as RiskFacts;

describe('rule containment', () => {
  it('a throw on one package keeps the findings for every other package and names the culprit', () => {
    const rule: Rule = (i) =>
      i.environments.flatMap((e) =>
        e.packages.map((p) => {
          if (p.name === 'bad') throw new Error('cannot parse');
          return { rule: 'x', severity: 'low' as const, title: p.name, evidence: [], fix: [], environment: e.id, package: p.name };
        }),
      );
    const out = runContained('RX', rule, inv([env('a', [dist('one', '1'), dist('bad', '1'), dist('two', '1')]), env('b', [dist('three', '1')])]), facts);
    expect(out.filter((f) => f.rule === 'x').map((f) => f.title).sort()).toEqual(['one', 'three', 'two']);
    const err = out.filter((f) => f.rule === 'internal-error');
    expect(err).toHaveLength(1);
    expect(err[0]).toMatchObject({ environment: 'a', package: 'bad' });
    expect(err[0]!.title).toContain('rule RX failed on a (package bad): cannot parse');
  });

  it('a rule that fails whatever the input gives one finding, not one per package', () => {
    const rule: Rule = () => {
      throw new Error('always');
    };
    const out = runContained('RY', rule, inv([env('a', [dist('one', '1'), dist('two', '1')]), env('b', [])]), facts);
    expect(out.map((f) => f.title)).toEqual(['rule RY failed: always']);
  });

  it('broken-requirements survives versions @renovatebot/pep440 cannot parse and still reports the others', () => {
    const i = inv([env('v', [dist('app', '1.0', ['lib>=2', 'odd>=1.0']), dist('lib', '1.5'), dist('odd', '1..0')])]);
    const found = brokenRequirements(i, facts);
    expect(found.map((f) => f.title)).toEqual(['app 1.0 requires lib>=2, but 1.5 is installed']);
    expect(runRules(i, facts).filter((f) => f.rule === 'internal-error' && f.title.includes('R11'))).toEqual([]);
  });
});

describe('control characters in names', () => {
  it('are reported, shown escaped, never raw', () => {
    const evil = dist('ok', '1.0');
    evil.displayName = 'evil\x1b]0;owned\x07\x1b[2J';
    evil.version = '1.0\nforged line';
    const out = controlCharacters(inv([env('v', [evil, dist('fine', '2')])]), facts);
    expect(out).toHaveLength(1);
    expect(out[0]!.title).toBe('a package in v has control characters in its name, version: evil\\e]0;owned\\a\\e[2J 1.0\\nforged line');
    // eslint-disable-next-line no-control-regex
    expect(JSON.stringify(out)).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });
});

describe('unreadable files', () => {
  it('get a permission-denied finding with an inspect command, never broken-environment or a rebuild', async () => {
    const { execFileSync } = await import('node:child_process');
    const { mkdtempSync } = await import('node:fs');
    const os = await import('node:os');
    const dir = mkdtempSync(`${os.tmpdir()}/pyenvtui-perm-`);
    const e = env('v', [dist('one', '1')]);
    e.prefix = dir;
    e.health = { ok: false, problems: [`cannot read ${dir}/lib: permission denied`] };
    const found = runRules(inv([e]), { ...facts, env: {} } as RiskFacts).filter((f) => f.environment === 'v' && f.rule !== 'internal-error');
    expect(found.map((f) => f.rule)).toEqual(['permission-denied']);
    expect(found[0]!.fix).toEqual([`ls -ld ${dir}/lib   # check owner and mode; fix them (chown/chmod) instead of deleting anything`]);
    // The fix is runnable as printed (the path need not exist for ls to run; here its parent does).
    execFileSync('mkdir', [`${dir}/lib`]);
    expect(execFileSync('bash', ['-c', found[0]!.fix[0]!]).toString()).toContain(`${dir}/lib`);
  });
});
