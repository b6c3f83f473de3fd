// Install source, end to end: the configured index first (pip's own configuration honoured), the
// wheels rebuilt from the installed files when that index is unreachable. PyPI is never needed.
import { existsSync, lstatSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, cli, createSandbox, listing, tryRun, type Sandbox } from '../helpers/sandbox/index.js';

// Connection refused at once; retries = 0 so pip does not back off for seconds.
const UNREACHABLE_CONF = '[global]\nindex-url = http://127.0.0.1:9/simple\nretries = 0\ntimeout = 2\n';

describe('install source', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await createSandbox();
    // demo-lib asked for by name (REQUESTED): it stays in the user site, so only the fallback rebuilds it.
    await sb.pipUser([`${DEMO.cli}==${DEMO.cliVersion}`, `${DEMO.lib}==${DEMO.libVersion}`]);
    await sb.pipConf(UNREACHABLE_CONF, 'user');
  });
  afterAll(() => sb.cleanup());

  it('falls back to the rebuilt wheels (package and kept dependency) when the configured index is unreachable, and says so', { timeout: 300_000 }, async () => {
    const before = await listing(sb.root);
    // Without the harness's PIP_NO_INDEX/PIP_FIND_LINKS, pip uses ~/.config/pip/pip.conf: the dead index.
    const r = await cli(sb, ['migrate', DEMO.cli, '--from', 'user', '--to', 'pipx', '--yes', '--root', sb.root], { unset: ['PIP_NO_INDEX', 'PIP_FIND_LINKS'] });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain("install source: your configured index (pip's own configuration)");
    expect(r.stdout).toContain(`${DEMO.lib}: rebuilt pyenvtui_demo_lib-${DEMO.libVersion}-py3-none-any.whl (offline fallback)`);
    expect(r.stdout).toMatch(/No matching distribution found for pyenvtui-demo-cli==1\.2\.0/);
    expect(r.stdout).toContain('the index is unreachable or lacks this version: installing the same version from the wheels rebuilt');
    const link = sb.path('~/.local/bin/demo-cli');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(await tryRun(sb, link, ['--version'])).toBe(`pyenvtui-demo-cli ${DEMO.cliVersion} (pyenvtui-demo-lib ${DEMO.libVersion})\n`);
    // The requested library stays where it was.
    expect(existsSync(sb.path('~/.local/lib/python3.11/site-packages/pyenvtui_demo_lib'))).toBe(true);

    const u = await cli(sb, ['undo', '--yes']);
    expect(u.code, u.stdout + u.stderr).toBe(0);
    expect(await listing(sb.root)).toEqual(before);
  });

  it('installs from the configured index when it answers (here: the harness find-links), without falling back', { timeout: 300_000 }, async () => {
    const before = await listing(sb.root);
    const r = await cli(sb, ['migrate', DEMO.lib, '--from', 'user', '--to', 'venv', '--keep-source', '--yes', '--root', sb.root]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).not.toContain('the index is unreachable');
    expect(await tryRun(sb, sb.path(`~/.venvs/${DEMO.lib}/bin/python`), ['-c', 'import pyenvtui_demo_lib as m; print(m.__version__)'])).toBe(`${DEMO.libVersion}\n`);
    const u = await cli(sb, ['undo', '--yes']);
    expect(u.code, u.stdout + u.stderr).toBe(0);
    expect(await listing(sb.root)).toEqual(before);
  });
});
