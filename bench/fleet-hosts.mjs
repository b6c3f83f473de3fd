// Synthetic fleet for benchmarks: N host files as Ansible's jsonfile fact cache leaves them, each with
// ENVS environments of ~50 packages (versions drifting across hosts), a few findings, 2% of hosts
// unreachable (a .failed.json record) and 10% with week-old facts. Built once per size under .cache/bench/.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const GENERATOR_VERSION = 1;
const RULES = [
  ['break-system-packages-config', 'high'],
  ['pip-in-user-site', 'medium'],
  ['shadowed-command', 'info'],
  ['startup-pth', 'medium'],
  ['broken-environment', 'high'],
  ['pipx-bin-not-on-path', 'medium'],
  ['script-in-system-bin', 'low'],
];

function hostFacts(h, envs, now) {
  const environments = [];
  const index = {};
  for (let e = 0; e < envs; e++) {
    const system = e === 0;
    const prefix = system ? '/usr' : `/home/pi/projects/p${e}/.venv`;
    environments.push({
      id: system ? 'system:/usr/bin/python3.11' : `venv:${prefix}`,
      kind: system ? 'system' : 'venv',
      name: system ? 'python3.11' : `p${e}`,
      prefix,
      python: '3.11.2',
      externallyManaged: system,
      health: (h + e) % 37 === 0 ? 'broken' : 'ok',
      problems: 0,
      sizeBytes: system ? null : 40_000_000 + e * 1000,
      packages: 50,
      scopes: system ? { distro: 40, user: 10 } : { env: 50 },
    });
    for (let p = 0; p < 50; p++) {
      const name = `bench-pkg-${(p * 7 + e * 3) % 300}`;
      const version = `1.${(h + p) % 5}.${e % 3}`;
      ((index[name] ??= {})[version] ??= []).push(e);
    }
  }
  const findings = [];
  for (let r = 0; r < RULES.length; r++) {
    if ((h + r) % (r + 2) !== 0) continue;
    const [rule, severity] = RULES[r];
    findings.push({ rule, severity, title: `${rule} on host ${h}`, environment: environments[r % envs].id, package: null });
  }
  const stale = h % 10 === 3;
  return {
    schema: 'pyenvtui/facts@1',
    version: '0.1.0',
    generatedAt: new Date(now - (stale ? 9 : 0.1) * 86_400_000).toISOString(),
    host: `pi-${h}`,
    platform: { os: 'linux', arch: 'arm64', id: 'debian', family: 'debian', name: 'Debian GNU/Linux 12 (bookworm)', versionId: '12', raspberryPi: 'Raspberry Pi 4 Model B Rev 1.4', wsl: null, container: null },
    context: { root: '/', user: 'pi', uid: 1000, home: '/home/pi', homes: ['/home/pi'] },
    summary: { environments: envs, broken: 0, packages: envs * 50, findings: {} },
    environments,
    findings,
    packages: { digest: `sha256:${String(h).padStart(64, '0')}`, count: envs * 50, index },
    problems: 0,
  };
}

/** Directory of N host files (jsonfile cache layout); built once per (N, ENVS). */
export function syntheticFleet(n, envs = 20, cacheDir = path.resolve('.cache/bench')) {
  const dir = path.join(cacheDir, `fleet-${n}x${envs}-v${GENERATOR_VERSION}`);
  if (existsSync(path.join(dir, '.complete'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const now = Date.now();
  for (let h = 1; h <= n; h++) {
    const name = `pi-${h}`;
    if (h % 50 === 7) {
      writeFileSync(path.join(dir, `${name}.failed.json`), JSON.stringify({ unreachable: true, failed: false, msg: `Failed to connect to the host via ssh: ssh: connect to host ${name} port 22: No route to host` }));
      continue;
    }
    writeFileSync(path.join(dir, name), JSON.stringify({ _ansible_facts_gathered: true, gather_subset: ['!all', '!min', 'local'], module_setup: true, ansible_local: { pyenvtui: hostFacts(h, envs, now) } }));
  }
  writeFileSync(path.join(dir, '.complete'), 'ok\n');
  return dir;
}
