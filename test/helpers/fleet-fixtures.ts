// Host files as the three producers leave them, built from one small facts document.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

export function facts(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schema: 'pyenvtui/facts@1',
    version: '0.1.0',
    generatedAt: '2026-11-20T10:00:00.000Z',
    host: 'pi',
    platform: { os: 'linux', arch: 'arm64', id: 'debian', family: 'debian', name: 'Debian GNU/Linux 12 (bookworm)', versionId: '12', raspberryPi: 'Raspberry Pi 4 Model B', wsl: null, container: null },
    context: { root: '/', user: 'pi', uid: 1000, home: '/home/pi', homes: ['/home/pi'] },
    summary: { environments: 2, broken: 0, packages: 3, findings: { critical: 0, high: 1, medium: 0, low: 0, info: 0 } },
    environments: [
      { id: 'system:/usr/bin/python3.11', kind: 'system', name: 'python3.11', prefix: '/usr', python: '3.11.2', externallyManaged: true, health: 'ok', problems: 0, sizeBytes: null, packages: 2, scopes: { distro: 1, user: 1 } },
      { id: 'venv:/home/pi/app/.venv', kind: 'venv', name: 'app', prefix: '/home/pi/app/.venv', python: '3.11.2', externallyManaged: false, health: 'ok', problems: 0, sizeBytes: 1000, packages: 1, scopes: { env: 1 } },
    ],
    findings: [{ rule: 'break-system-packages-config', severity: 'high', title: 'pip may break the system', environment: 'system:/usr/bin/python3.11', package: null }],
    packages: { digest: 'sha256:00', count: 3, index: { requests: { '2.28.1': [0], '2.31.0': [1] }, six: { '1.16.0': [0] } } },
    problems: 0,
    ...over,
  };
}

export function dir(files: Record<string, string | object>): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'pyenvtui-fleet-unit-'));
  made.push(d);
  mkdirSync(d, { recursive: true });
  for (const [name, body] of Object.entries(files)) writeFileSync(path.join(d, name), typeof body === 'string' ? body : JSON.stringify(body));
  return d;
}

/** The jsonfile fact cache entry Ansible writes for a host. */
export function cacheEntry(f: object | string | undefined): object {
  return { _ansible_facts_gathered: true, gather_subset: ['!all', '!min', 'local'], module_setup: true, ansible_local: f === undefined ? {} : { pyenvtui: f } };
}

/** `ansible -m setup --tree` output for a host that answered. */
export function treeEntry(f: object): object {
  return { ansible_facts: { ansible_local: { pyenvtui: f } }, changed: false, deprecations: [], warnings: [] };
}
