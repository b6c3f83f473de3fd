// The pyenv that manages PYENV_ROOT and its version (#11: PET reports each environment's manager).
// Compared with the real pyenv: the machine's pyenv scripts (/root/.pyenv's bin/ and libexec/, not its
// versions) are copied into a sandbox PYENV_ROOT, and `pyenv --version` run there is the expectation.
// The Homebrew layout (bin/pyenv → Cellar/pyenv/X/libexec/pyenv) follows PET's manager.rs rule.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { ScanContext } from '../../../src/context/scan-context.js';
import { scan } from '../../../src/discover/index.js';
import { tmp } from './fixtures.js';

const REAL = '/root/.pyenv';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function version(root: string, v: string): void {
  mkdirSync(`${root}/versions/${v}/bin`, { recursive: true });
  mkdirSync(`${root}/versions/${v}/lib/python${v.split('.').slice(0, 2).join('.')}/site-packages`, { recursive: true });
  writeFileSync(`${root}/versions/${v}/bin/python${v.split('.').slice(0, 2).join('.')}`, '');
}

describe('pyenv manager', () => {
  it.skipIf(!existsSync(`${REAL}/libexec/pyenv`))('is the real pyenv script with the version `pyenv --version` prints', async () => {
    const home = tmp('pyenvtui-pyenv-mgr-');
    dirs.push(home);
    const root = `${home}/.pyenv`;
    cpSync(`${REAL}/bin`, `${root}/bin`, { recursive: true, verbatimSymlinks: true });
    cpSync(`${REAL}/libexec`, `${root}/libexec`, { recursive: true, verbatimSymlinks: true });
    version(root, '3.11.9');
    const said = execFileSync(`${root}/bin/pyenv`, ['--version'], { env: { PATH: '/usr/bin:/bin', HOME: home, PYENV_ROOT: root }, encoding: 'utf8' }).trim();
    expect(said).toMatch(/^pyenv \d+\.\d+\.\d+$/);
    const inv = await scan(new ScanContext({ root: '/', env: { HOME: home, PATH: '/usr/bin:/bin' }, home, platform: 'linux' }));
    const e = inv.environments.find((x) => x.kind === 'pyenv')!;
    expect(e.manager).toEqual({ tool: 'pyenv', version: said.replace(/^pyenv /, ''), executable: `${root}/bin/pyenv` });
  });

  it('Homebrew: the version in the Cellar path the PATH pyenv links to (PET manager.rs)', async () => {
    const home = tmp('pyenvtui-pyenv-brew-');
    dirs.push(home);
    const cellar = `${home}/opt/homebrew/Cellar/pyenv/2.4.0/libexec`;
    mkdirSync(cellar, { recursive: true });
    writeFileSync(`${cellar}/pyenv`, '#!/usr/bin/env bash\n');
    mkdirSync(`${home}/opt/homebrew/bin`, { recursive: true });
    symlinkSync('../Cellar/pyenv/2.4.0/libexec/pyenv', `${home}/opt/homebrew/bin/pyenv`);
    version(`${home}/.pyenv`, '3.12.1');
    const inv = await scan(new ScanContext({ root: '/', env: { HOME: home, PATH: `${home}/opt/homebrew/bin:/usr/bin:/bin` }, home, platform: 'linux' }));
    const e = inv.environments.find((x) => x.kind === 'pyenv')!;
    expect(e.manager).toEqual({ tool: 'pyenv', version: '2.4.0', executable: `${home}/opt/homebrew/bin/pyenv` });
  });
});
