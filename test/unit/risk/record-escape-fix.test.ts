// pip uninstall deletes every file a RECORD lists, wherever it is. A fix must never advise it for a copy whose
// RECORD leads outside its site: R4 (a pip copy hiding apt's) then moves the copy out with pyenvtui's migration,
// whose removal stays inside the site (src/migrate/record.ts decides which entries count).
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyze.js';
import { ScanContext } from '../../../src/context/scan-context.js';
import { scan } from '../../../src/discover/index.js';
import { debianPython311, tempRoot } from '../../helpers/root-builder.js';

const LOCAL = '/usr/local/lib/python3.11/dist-packages';
const DIST = '/usr/lib/python3/dist-packages';

async function r4(record: string) {
  const r = tempRoot({
    ...debianPython311(),
    [`${LOCAL}/six.py`]: '',
    [`${LOCAL}/six-1.17.0.dist-info/METADATA`]: 'Metadata-Version: 2.1\nName: six\nVersion: 1.17.0\n',
    [`${LOCAL}/six-1.17.0.dist-info/INSTALLER`]: 'pip\n',
    [`${LOCAL}/six-1.17.0.dist-info/RECORD`]: record,
    [`${DIST}/six.py`]: '',
    [`${DIST}/six-1.16.0.egg-info/PKG-INFO`]: 'Metadata-Version: 1.1\nName: six\nVersion: 1.16.0\n',
    [`${DIST}/six-1.16.0.egg-info/installed-files.txt`]: '../six.py\n',
    '/var/lib/dpkg/info/python3-six.list': `/usr/lib/python3/dist-packages\n${DIST}/six.py\n${DIST}/six-1.16.0.egg-info\n${DIST}/six-1.16.0.egg-info/PKG-INFO\n`,
    '/var/lib/dpkg/status': 'Package: python3-six\nStatus: install ok installed\nArchitecture: all\nVersion: 1.16.0-4\n\n',
  });
  try {
    const ctx = new ScanContext({ root: r.root, env: { HOME: '/home/u', PATH: '/usr/bin:/bin' }, cacheDir: null, uid: 1000, platform: 'linux' });
    const { findings } = await analyze(await scan(ctx), ctx);
    return findings.filter((f) => f.rule === 'shadows-distro-package');
  } finally {
    r.cleanup();
  }
}

const OWN = 'six.py,,\nsix-1.17.0.dist-info/METADATA,,\nsix-1.17.0.dist-info/RECORD,,\n';

describe("R4's fix and a RECORD that leads outside the site", () => {
  it('a RECORD that stays inside: pip uninstall of the copy', async () => {
    const [f] = await r4(OWN);
    expect(f, 'R4 fires on a pip six hiding the egg-info six').toBeDefined();
    expect(f!.fix).toEqual(['sudo /usr/bin/python3.11 -m pip uninstall --break-system-packages six']);
  });
  it('a RECORD that escapes: never pip uninstall; the migration (confined removal) with the reason; the entries as evidence', async () => {
    const [f] = await r4(`${OWN}../../../../../etc/important.conf,,\n/home/u/.ssh/authorized_keys,,\n`);
    expect(f!.fix.some((x) => /-m pip uninstall/.test(x))).toBe(false);
    expect(f!.fix).toEqual(['pyenvtui migrate six --from local --to venv   # not pip uninstall: its RECORD lists 2 files outside its site, which pip would delete; the migration removes only what lies inside']);
    expect(f!.evidence.map((e) => e.detail)).toEqual(expect.arrayContaining(['leads outside the site: ../../../../../etc/important.conf', 'leads outside the site: /home/u/.ssh/authorized_keys']));
  });
});
