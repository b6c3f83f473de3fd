// Issue 11 item 9: what pyenvtui takes the machine for (host or throwaway container) is decided from
// strong evidence, said by doctor (text and JSON) and overridable with --context / PYENVTUI_CONTEXT.
// The built bin runs against a --root image, so the host's own /.dockerenv never decides anything.
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/tmux.js';
import { osRelease, tempRoot } from '../helpers/root-builder.js';

const box = tempRoot({
  'etc/os-release': osRelease('debian-12'),
  '.dockerenv': '',
  'proc/1/comm': 'bash\n',
  'usr/bin/python3.11': '',
  'usr/lib/python3.11/EXTERNALLY-MANAGED': '[externally-managed]\nError=use apt\n',
  'usr/lib/python3.11/os.py': '',
  'etc/pip.conf': '[global]\nbreak-system-packages = true\n',
});
afterAll(() => box.cleanup());

function doctor(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, 'doctor', '--root', box.root, ...args], {
    encoding: 'utf8',
    env: { PATH: '/usr/bin:/bin', HOME: `${box.root}/root`, ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const breakFlag = (json: string) =>
  (JSON.parse(json).findings as Array<{ rule: string; severity: string }>).find((f) => f.rule === 'break-system-packages-config')?.severity;

describe('--context and PYENVTUI_CONTEXT', () => {
  it('detects a throwaway Docker container (marker + PID 1 not an init) and says why', () => {
    const r = doctor([]);
    expect(r.out).toMatch(/^context: throwaway container — Docker marker \/\.dockerenv and PID 1 is bash, not an init system: a throwaway container \(if wrong: --context host or PYENVTUI_CONTEXT=host\)$/m);
    const j = JSON.parse(doctor(['--json']).out);
    expect(j.context).toMatchObject({ assumed: 'container', runtime: 'docker', source: 'detected' });
    expect(breakFlag(doctor(['--json']).out)).toBe('low');
  });

  it('--context host makes the same machine a host: the break flag is an alarm again', () => {
    const r = doctor(['--context', 'host']);
    expect(r.out).toMatch(/^context: host — --context host \(as told\)$/m);
    expect(breakFlag(doctor(['--json', '--context=host']).out)).toBe('high');
    expect(breakFlag(doctor(['--json'], { PYENVTUI_CONTEXT: 'host' }).out)).toBe('high');
    expect(JSON.parse(doctor(['--json'], { PYENVTUI_CONTEXT: 'host' }).out).context).toMatchObject({ assumed: 'host', source: 'env' });
  });

  it('rejects a bad value with exit 2 and a clear message', () => {
    const a = doctor(['--context', 'vm']);
    expect(a.code).toBe(2);
    expect(a.err).toMatch(/--context must be host or container \(got 'vm'\)/);
    const b = doctor([], { PYENVTUI_CONTEXT: 'docker' });
    expect(b.code).toBe(2);
    expect(b.err).toMatch(/PYENVTUI_CONTEXT must be host or container/);
  });
});
