// R11's fix for an externally-managed Python is pasted and run, as a user would: in a throwaway directory, with
// offline pip (the demo wheels). The new venv imports the package and what it needed; the system Python, whose
// user site held the broken copy, is left as it was.
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyze.js';
import { ScanContext } from '../../../src/context/scan-context.js';
import { scan } from '../../../src/discover/index.js';
import { debianPython311, tempRoot } from '../../helpers/root-builder.js';
import { pipEnv, tmp } from '../discover/fixtures.js';

const SITE = '/home/u/.local/lib/python3.11/site-packages';
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('R11 fix on an externally-managed Python, run', () => {
  it('the venv command builds a venv where the package and its requirement import', async () => {
    const r = tempRoot({
      ...debianPython311(),
      [`${SITE}/pyenvtui_demo_cli-1.2.0.dist-info/METADATA`]: 'Metadata-Version: 2.1\nName: pyenvtui-demo-cli\nVersion: 1.2.0\nRequires-Dist: pyenvtui-demo-lib>=0.3\n',
      [`${SITE}/pyenvtui_demo_cli-1.2.0.dist-info/INSTALLER`]: 'pip\n',
    });
    let fix: string[];
    try {
      const ctx = new ScanContext({ root: r.root, env: { HOME: '/home/u', PATH: '/usr/bin:/bin' }, cacheDir: null, uid: 1000, platform: 'linux' });
      const { findings } = await analyze(await scan(ctx), ctx);
      const f = findings.find((x) => x.rule === 'broken-requirements' && x.package === 'pyenvtui-demo-cli');
      expect(f, JSON.stringify(findings.map((x) => x.rule))).toBeDefined();
      fix = f!.fix;
    } finally {
      r.cleanup();
    }
    // No apt lists here: the only fix is the venv, never a pip install into the system Python.
    expect(fix).toHaveLength(1);
    expect(fix[0]).toMatch(/^python3 -m venv \.venv && \.venv\/bin\/python -m pip install /);
    const cwd = tmp('pyenvtui-r11-');
    dirs.push(cwd);
    const home = path.join(cwd, 'home');
    const before = readdirSync(cwd);
    execFileSync('bash', ['-c', fix[0]!], { cwd, env: pipEnv(home), stdio: 'pipe' });
    expect(readdirSync(cwd).filter((n) => !before.includes(n))).toEqual(['.venv']);
    const out = execFileSync(path.join(cwd, '.venv/bin/python'), ['-c', 'import pyenvtui_demo_lib, importlib.metadata as m; print(m.version("pyenvtui-demo-cli"), pyenvtui_demo_lib.__version__)'], { encoding: 'utf8' });
    expect(out.trim()).toMatch(/^1\.2\.0 0\.3\./);
  });
});
