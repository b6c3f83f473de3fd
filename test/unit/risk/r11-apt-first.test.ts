// R11 on an externally-managed (PEP 668) system Python: the fix never pip-installs into it; the distro's
// package comes first when the apt lists have it (the lists advice read, from the machine's facts).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyze.js';
import { ScanContext } from '../../../src/context/scan-context.js';
import { scan } from '../../../src/discover/index.js';
import { debianPython311, tempRoot } from '../../helpers/root-builder.js';

const LIST = readFileSync(path.join(import.meta.dirname, '../guidance/fixtures/bookworm-main-python_Packages'));
const SITE = '/home/u/.local/lib/python3.11/site-packages';

function machine(withLists: boolean, site = SITE, installer = 'pip') {
  return tempRoot({
    ...debianPython311(),
    '/usr/lib/python3/dist-packages/.keep': '',
    [`${site}/app-1.0.dist-info/METADATA`]: 'Metadata-Version: 2.1\nName: app\nVersion: 1.0\nRequires-Dist: requests>=2\n',
    [`${site}/app-1.0.dist-info/INSTALLER`]: `${installer}\n`,
    ...(withLists ? { '/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages': LIST } : {}),
  });
}

async function r11(withLists: boolean, site = SITE, installer = 'pip') {
  const r = machine(withLists, site, installer);
  try {
    const ctx = new ScanContext({ root: r.root, env: { HOME: '/home/u', PATH: '/usr/bin:/bin' }, cacheDir: null, uid: 1000, platform: 'linux' });
    const { findings } = await analyze(await scan(ctx), ctx);
    return findings.filter((f) => f.rule === 'broken-requirements');
  } finally {
    r.cleanup();
  }
}

describe('R11 fix on an externally-managed Python', () => {
  it('names the apt package first when the lists have it', async () => {
    const [f] = await r11(true);
    expect(f!.title).toBe('app 1.0 requires requests>=2, which is not installed');
    expect(f!.fix[0]).toMatch(/^sudo apt install python3-requests +# \(apt has /);
    expect(f!.fix[1]).toBe("python3 -m venv .venv && .venv/bin/python -m pip install app 'requests>=2'   # move app into a venv with what it needs");
    expect(f!.fix.some((x) => x.includes('/usr/bin/python3.11 -m pip install'))).toBe(false);
  });
  it('reads the lists for it when advice did not need them (the package is apt\'s own)', async () => {
    const [f] = await r11(true, '/usr/lib/python3/dist-packages', 'debian');
    expect(f!.title).toBe('app 1.0 requires requests>=2, which is not installed');
    expect(f!.fix[0]).toMatch(/^sudo apt install python3-requests +# \(apt has /);
  });
  it('without lists, moves the package into a venv instead of pip-installing into the system Python', async () => {
    const [f] = await r11(false);
    expect(f!.fix).toEqual(["python3 -m venv .venv && .venv/bin/python -m pip install app 'requests>=2'   # move app into a venv with what it needs"]);
  });
});
