// The environment every sandbox process runs with. Built from scratch (nothing inherited from
// the host) so pip, venv and pipx can never see or write the real HOME, the host's pip.conf
// in ~/.config, the host's PIP_* variables, or a pyenv shim on PATH.
import path from 'node:path';

export interface SandboxPaths {
  /** Host directory that plays "/" for `pyenvtui --root`. */
  root: string;
  /** Host path of the sandbox user's home (<root>/home/tester). */
  home: string;
  /** Private temp dir (outside the root). */
  tmp: string;
  /** Directory with the test wheels (pip --find-links). */
  wheels: string;
}

/**
 * PATH puts the sandbox's bins first and the host's real bins next (so `pipx` and friends
 * work), then the root's own bins. Translated into the root by ScanContext, this reads
 * /home/tester/.local/bin:/usr/local/bin:/usr/bin:/bin, Debian's order.
 */
export function sandboxEnv(p: SandboxPaths): Record<string, string> {
  const { root, home } = p;
  return {
    HOME: home,
    USER: 'tester',
    LOGNAME: 'tester',
    SHELL: '/bin/bash',
    LANG: 'C.UTF-8',
    LC_ALL: 'C.UTF-8',
    TMPDIR: p.tmp,
    PATH: [
      path.join(home, '.local/bin'),
      '/usr/local/sbin',
      '/usr/local/bin',
      '/usr/sbin',
      '/usr/bin',
      '/sbin',
      '/bin',
      path.join(root, 'usr/local/bin'),
      path.join(root, 'usr/bin'),
      path.join(root, 'bin'),
    ].join(':'),
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local/share'),
    XDG_STATE_HOME: path.join(home, '.local/state'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    // Keeps the host's /etc/xdg/pip/pip.conf (constraints, indexes) out of sandbox pip runs.
    XDG_CONFIG_DIRS: path.join(root, 'etc/xdg'),
    PIPX_HOME: path.join(home, '.local/pipx'),
    PIPX_BIN_DIR: path.join(home, '.local/bin'),
    WORKON_HOME: path.join(home, '.virtualenvs'),
    // Offline: pipx 1.1 otherwise waits on the unreachable index.
    PIP_NO_INDEX: '1',
    PIP_FIND_LINKS: p.wheels,
    PIP_DISABLE_PIP_VERSION_CHECK: '1',
    PIP_ROOT_USER_ACTION: 'ignore',
    PIP_NO_INPUT: '1',
    // Sandbox runs import the host's pip/pipx; never let them write bytecode into host dirs.
    PYTHONDONTWRITEBYTECODE: '1',
  };
}
