// Unreadable files as a non-root user really meets them (the suite runs as root, so doctor runs here as
// `nobody` through setpriv): a dist-info and a venv's lib/ that cannot be read get a permission finding
// whose fix only inspects, never "rebuild the venv" or "reinstall the interpreter".
import { spawnSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model.js';
import { BIN, DEMO, cliEnv, createSandbox, type Sandbox } from '../helpers/sandbox/index.js';

const NOBODY = '65534';

describe('permission denied, as a user who cannot read', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await createSandbox();
    await sb.distroRoot();
    await sb.venv('.venvs/locked', { packages: [`${DEMO.lib}==${DEMO.libVersion}`] });
    await sb.pipUser([`${DEMO.tool}==${DEMO.toolVersion}`]);
    // mkdtemp makes the run's directories 0700: let nobody traverse down to the root (test dirs only).
    for (let d = sb.root; d !== path.dirname(d) && d !== '/tmp'; d = path.dirname(d)) chmodSync(d, 0o755);
    chmodSync(sb.path(`~/.local/lib/python3.11/site-packages/pyenvtui_demo_tool-${DEMO.toolVersion}.dist-info`), 0o000);
    chmodSync(sb.path('~/.venvs/locked/lib'), 0o000);
  });
  afterAll(async () => {
    chmodSync(sb.path(`~/.local/lib/python3.11/site-packages/pyenvtui_demo_tool-${DEMO.toolVersion}.dist-info`), 0o755);
    chmodSync(sb.path('~/.venvs/locked/lib'), 0o755);
    await sb.cleanup();
  });

  it('reports permission-denied with an inspecting fix, and no rebuild or reinstall advice', () => {
    const env = { ...cliEnv(sb), PYENVTUI_NO_CACHE: '1', XDG_CACHE_HOME: '/nonexistent' };
    const r = spawnSync('setpriv', ['--reuid', NOBODY, '--regid', NOBODY, '--clear-groups', '--', process.execPath, BIN, 'doctor', '--json', '--root', sb.root], { env, encoding: 'utf8', cwd: '/' });
    expect(r.error).toBeUndefined();
    expect([0, 1], r.stderr).toContain(r.status);
    const { findings } = JSON.parse(r.stdout) as { findings: Finding[] };
    const denied = findings.filter((f) => f.rule === 'permission-denied');
    expect(denied.map((f) => f.environment).sort()).toEqual(expect.arrayContaining([expect.stringContaining('/home/tester/.venvs/locked')]));
    expect(denied.flatMap((f) => f.evidence.map((e) => e.detail)).join('\n')).toMatch(/permission denied|EACCES/i);
    for (const f of denied) expect(f.fix.every((l) => l.startsWith('ls -ld '))).toBe(true);
    const all = findings.flatMap((f) => f.fix).join('\n');
    expect(all).not.toMatch(/-m venv|Reinstall the interpreter|\brm -rf\b/);
    expect(findings.filter((f) => f.rule === 'broken-environment' && f.severity === 'high')).toEqual([]);
  });
});
