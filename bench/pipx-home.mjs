// A machine root with a HOME holding real pipx tools (installed offline from the test wheels),
// for timing `pipx list --json` against `pyenvtui scan`. Cached under .cache/bench/pipx.
// Prints {"root", "env"} as JSON on success.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve('.cache/bench/pipx-v1');
const home = path.join(root, 'home/bench');
const wheels = path.join(root, '.wheels');
const env = {
  HOME: home,
  PIPX_HOME: path.join(home, '.local/pipx'),
  PIPX_BIN_DIR: path.join(home, '.local/bin'),
  PIP_NO_INDEX: '1',
  PIP_FIND_LINKS: wheels,
  PIP_DISABLE_PIP_VERSION_CHECK: '1',
  PATH: `${path.join(home, '.local/bin')}:/usr/bin:/bin`,
};
if (!existsSync(path.join(root, '.complete'))) {
  rmSync(root, { recursive: true, force: true });
  mkdirSync(home, { recursive: true });
  execFileSync('/usr/bin/python3', ['test/helpers/py/make_wheel.py', '--out', wheels], { stdio: 'ignore' });
  const tools = readdirSync(wheels).filter((w) => /^pyenvtui_demo_(cli|tool)-/.test(w)).map((w) => w.split('-')[0].replace(/_/g, '-'));
  for (const t of [...new Set(tools)]) execFileSync('pipx', ['install', t], { env: { ...process.env, ...env }, stdio: 'ignore' });
  writeFileSync(path.join(root, '.complete'), '');
}
process.stdout.write(JSON.stringify({ root, env }));
