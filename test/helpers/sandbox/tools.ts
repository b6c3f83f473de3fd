// The real tools the harness drives, found by explicit path (never through PATH: `python3` on
// developer machines is often a pyenv shim, which is slow and would mix in the wrong Python).
import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Debian's interpreter; override with PYENVTUI_TEST_PYTHON (must be a real binary, not a shim). */
export const DEBIAN_PYTHON = process.env.PYENVTUI_TEST_PYTHON ?? '/usr/bin/python3';
/** Minor version the distro-like root mirrors (Debian 12). */
export const DISTRO_PY_MINOR = '3.11';
export const DISTRO_PY_VERSION = '3.11.2';

/** Directory of test/helpers/py (Python helper scripts). */
export const PY_HELPERS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'py');
/** Directory of test/fixtures (reusable fixture trees). */
export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures');

function isExecutable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Fails with an actionable message when the Debian toolchain the harness needs is absent. */
export function requirePython(): string {
  if (!isExecutable(DEBIAN_PYTHON)) {
    throw new Error(
      `pyenvtui test harness: ${DEBIAN_PYTHON} not found. Install it with ` +
        '`apt-get install -y python3 python3-venv python3-pip pipx` (or set PYENVTUI_TEST_PYTHON).',
    );
  }
  return DEBIAN_PYTHON;
}

/** The pipx launcher: PYENVTUI_TEST_PIPX, else Debian's /usr/bin/pipx. */
export function requirePipx(
  candidates: string[] = [process.env.PYENVTUI_TEST_PIPX ?? '', '/usr/bin/pipx', '/usr/local/bin/pipx'].filter(Boolean),
): string {
  const found = candidates.find((p) => existsSync(p) && isExecutable(p));
  if (!found) {
    throw new Error(
      'pyenvtui test harness: pipx is missing (looked in ' +
        candidates.join(', ') +
        '). Install it with `apt-get install -y pipx` (Debian 12 ships pipx 1.1.0), or set PYENVTUI_TEST_PIPX.',
    );
  }
  return found;
}
