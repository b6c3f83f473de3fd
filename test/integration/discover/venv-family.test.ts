// Every venv-family kind on a sandbox HOME made of real venvs (python3 -m venv), scanned with --root.
import { appendFileSync, chmodSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ScanContext } from '../../../src/context/scan-context.js';
import { scan } from '../../../src/discover/index.js';
import type { Inventory } from '../../../src/model.js';
import { makeVenv, tmp, write } from './fixtures.js';

describe('venv family locators', () => {
  let root: string;
  let inv: Inventory;
  let ctx: ScanContext;
  const H = '/home/bob';
  beforeAll(async () => {
    root = tmp('pyenvtui-venvs-');
    const h = `${root}${H}`;
    const v = (p: string, o?: { systemSite?: boolean }) => makeVenv(`${h}/${p}`, o);
    v('code/plain/.venv');
    v('code/legacy/venv');
    v('.env');
    v('.venvs/tools');
    v('.virtualenvs/wrapped');
    write(`${h}/.virtualenvs/wrapped/.project`, `${H}/code/wrapped\n`);
    write(`${h}/code/wrapped/README`, "virtualenvwrapper's mkproject made this folder\n"); // a .project whose folder is gone is missingProject
    v('.local/share/virtualenvs/shop-Ab3dEf9h');
    write(`${h}/code/shop/Pipfile`, '[packages]\n');
    write(`${h}/.local/share/virtualenvs/shop-Ab3dEf9h/.project`, `${H}/code/shop`);
    v('.cache/pypoetry/virtualenvs/poems-Xy12Zw34-py3.11');
    v('.local/share/hatch/env/virtual/hatchling-proj/AbCdEfGh/hatchling-proj');
    v('.local/share/pdm/venvs/pdmproj-abcd1234-3.11');
    v('code/uvproj/.venv');
    appendFileSync(`${h}/code/uvproj/.venv/pyvenv.cfg`, 'uv = 0.4.18\n');
    v('code/oldstyle/env');
    appendFileSync(`${h}/code/oldstyle/env/pyvenv.cfg`, 'virtualenv = 20.26.6\nversion_info = 3.11.2.final.0\n');
    v('code/deep/a/b/c/d/.venv'); // depth 6: beyond the default 4
    v('code/web/node_modules/pkg/.venv'); // never walked
    makeVenv(`${root}/opt/active`); // outside HOME: found via $VIRTUAL_ENV
    makeVenv(`${root}/srv/apps/x/.venv`); // outside HOME: found via --search
    mkdirSync(`${h}/code/loop`, { recursive: true });
    symlinkSync(`${H}/code`, `${h}/code/loop/back`); // a loop back up the tree
    symlinkSync(`${H}/code/plain/.venv`, `${h}/linked-venv`); // same venv twice
    write(`${h}/code/dotenv/.env`, 'SECRET=1\n'); // a dotenv file is not a venv
    // Symlinks inside the root are machine paths: make the venvs' absolute python links resolve.
    write(`${root}/usr/bin/python3.11`, '');
    chmodSync(`${root}/usr/bin/python3.11`, 0o755);
    symlinkSync('python3.11', `${root}/usr/bin/python3`);
    ctx = new ScanContext({
      root,
      env: { HOME: h, PATH: `${root}/usr/bin`, VIRTUAL_ENV: `${root}/opt/active` },
      search: ['/srv'],
    });
    inv = await scan(ctx);
  }, 120_000);

  const kindOf = (p: string): string | undefined => inv.environments.find((e) => e.prefix === `${H}/${p}`)?.kind;

  it('classifies each venv by the tool that made it', () => {
    expect(kindOf('code/plain/.venv')).toBe('venv');
    expect(kindOf('code/legacy/venv')).toBe('venv');
    expect(kindOf('.env')).toBe('venv');
    expect(kindOf('.venvs/tools')).toBe('venv');
    expect(kindOf('.virtualenvs/wrapped')).toBe('virtualenvwrapper');
    expect(kindOf('.local/share/virtualenvs/shop-Ab3dEf9h')).toBe('pipenv');
    expect(kindOf('.cache/pypoetry/virtualenvs/poems-Xy12Zw34-py3.11')).toBe('poetry');
    expect(kindOf('.local/share/hatch/env/virtual/hatchling-proj/AbCdEfGh/hatchling-proj')).toBe('hatch');
    expect(kindOf('.local/share/pdm/venvs/pdmproj-abcd1234-3.11')).toBe('pdm');
    expect(kindOf('code/uvproj/.venv')).toBe('uv-project');
    expect(kindOf('code/oldstyle/env')).toBe('venv');
    expect(inv.environments.find((e) => e.prefix === '/opt/active')?.kind).toBe('venv');
  });

  it('names environments after their project and keeps tool facts in meta', () => {
    const get = (p: string) => inv.environments.find((e) => e.prefix === `${H}/${p}`)!;
    expect(get('code/plain/.venv').name).toBe('plain');
    expect(get('.local/share/virtualenvs/shop-Ab3dEf9h')).toMatchObject({ name: 'shop', meta: { project: `${H}/code/shop` } });
    expect(get('.cache/pypoetry/virtualenvs/poems-Xy12Zw34-py3.11').name).toBe('poems');
    expect(get('.virtualenvs/wrapped').meta?.project).toBe(`${H}/code/wrapped`);
    expect(get('code/uvproj/.venv').meta?.uv).toBe('0.4.18');
    expect(get('code/oldstyle/env').meta?.virtualenv).toBe('20.26.6');
  });

  it('respects the walk depth, skips node_modules, follows --search, survives loops, lists a linked venv once', () => {
    expect(kindOf('code/deep/a/b/c/d/.venv')).toBeUndefined();
    expect(kindOf('code/web/node_modules/pkg/.venv')).toBeUndefined();
    expect(inv.environments.find((e) => e.prefix === '/srv/apps/x/.venv')?.kind).toBe('venv');
    expect(inv.environments.filter((e) => e.prefix.endsWith('plain/.venv') || e.prefix.endsWith('linked-venv'))).toHaveLength(1);
    expect(kindOf('code/dotenv/.env')).toBeUndefined();
  });

  it('every venv is healthy, versioned from pyvenv.cfg, and nothing ran', () => {
    for (const e of inv.environments.filter((x) => x.kind !== 'system')) {
      expect(e.health, e.prefix).toEqual({ ok: true, problems: [] });
      expect(e.python.version).toMatch(/^3\.11\.\d+$/);
    }
    expect(ctx.spawns).toBe(0);
  });

  it('a deeper walk finds the deep venv', async () => {
    const deep = await scan(new ScanContext({ root, env: { HOME: `${root}${H}` }, depth: 7 }));
    expect(deep.environments.some((e) => e.prefix === `${H}/code/deep/a/b/c/d/.venv`)).toBe(true);
  });

  it('a venv whose base interpreter was removed is listed with the reason', async () => {
    rmSync(`${root}/usr/bin/python3.11`);
    const after = await scan(new ScanContext({ root, env: { HOME: `${root}${H}` } }));
    const e = after.environments.find((x) => x.prefix === `${H}/code/plain/.venv`)!;
    expect(e.health.ok).toBe(false);
    expect(e.health.problems.join('\n')).toMatch(/dangling/);
    write(`${root}/usr/bin/python3.11`, '');
  });
});
