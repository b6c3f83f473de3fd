// pyenv layouts as pyenv and pyenv-virtualenv leave them: versions/<v>/bin/python3.X (+ python3,
// python links), include/python3.X/patchlevel.h, lib/python3.X/site-packages with pip;
// pyenv-virtualenv envs at versions/<v>/envs/<name> (a venv: pyvenv.cfg, bin/python → the
// version's python) plus the versions/<name> link; shims/ holding pyenv's real shim script; and
// the global `version` file. Interpreters are placeholders that record execution.
import { link, patchlevelH, put, tripwire, writeDistInfo } from './files.js';
import type { Sandbox } from './sandbox.js';

export interface PyenvOptions {
  /** PYENV_ROOT (machine path or ~/...). Default ~/.pyenv. */
  root?: string;
  /** CPython versions to create, e.g. ['3.11.7', '3.12.1']. */
  versions: string[];
  /** pyenv-virtualenv environments. */
  virtualenvs?: { name: string; version: string; packages?: { name: string; version: string }[] }[];
  /** Contents of $PYENV_ROOT/version (the global version). */
  global?: string;
  /** Shim names to create (default python, python3, pip, pip3). */
  shims?: string[];
}

export interface PyenvLayout {
  /** Machine path of PYENV_ROOT. */
  root: string;
  versions: Record<string, string>;
  virtualenvs: Record<string, string>;
}

/** pyenv's shim script (libexec/pyenv-rehash template) for a given PYENV_ROOT. */
export function shimScript(pyenvRoot: string): string {
  return `#!/usr/bin/env bash
set -e
[ -n "$PYENV_DEBUG" ] && set -x

program="\${0##*/}"

export PYENV_ROOT="${pyenvRoot}"
SHIM_PATH=\${0%/*}
if [[ $SHIM_PATH != "${pyenvRoot}/shims" ]]; then
  export _PYENV_SHIM_PATH="$SHIM_PATH"
fi
exec "${pyenvRoot}/libexec/pyenv" exec "$program" "$@"
`;
}

const minorOf = (v: string) => v.split('.').slice(0, 2).join('.');

export async function buildPyenv(sb: Sandbox, o: PyenvOptions): Promise<PyenvLayout> {
  const root = sb.machine(o.root ?? '~/.pyenv');
  const versions: Record<string, string> = {};
  for (const v of o.versions) {
    const prefix = `${root}/versions/${v}`;
    versions[v] = prefix;
    const minor = minorOf(v);
    await tripwire(sb.path(`${prefix}/bin/python${minor}`), `${prefix}/bin/python${minor}`, sb.tripwireLog);
    await link(sb.path(`${prefix}/bin/python3`), `python${minor}`);
    await link(sb.path(`${prefix}/bin/python`), `python${minor}`);
    await link(sb.path(`${prefix}/bin/pip`), `pip${minor}`);
    await put(sb.path(`${prefix}/bin/pip${minor}`), pipScript(`${prefix}/bin/python${minor}`), 0o755);
    await put(sb.path(`${prefix}/include/python${minor}/patchlevel.h`), patchlevelH(v));
    await put(sb.path(`${prefix}/lib/python${minor}/os.py`), '# landmark\n');
    await writeDistInfo(sb.path(`${prefix}/lib/python${minor}/site-packages`), {
      name: 'pip',
      version: '23.2.1',
      installer: 'pip',
      consoleScripts: { pip: 'pip._internal.cli.main:main', [`pip${minor}`]: 'pip._internal.cli.main:main' },
      files: { 'pip/__init__.py': '__version__ = "23.2.1"\n' },
    });
  }
  const virtualenvs: Record<string, string> = {};
  for (const ve of o.virtualenvs ?? []) {
    const base = `${root}/versions/${ve.version}`;
    const prefix = `${base}/envs/${ve.name}`;
    const minor = minorOf(ve.version);
    virtualenvs[ve.name] = prefix;
    // What `python -m venv` (3.11+) writes, which is what pyenv-virtualenv runs.
    await put(
      sb.path(`${prefix}/pyvenv.cfg`),
      `home = ${base}/bin\ninclude-system-site-packages = false\nversion = ${ve.version}\n` +
        `executable = ${base}/bin/python${minor}\ncommand = ${base}/bin/python${minor} -m venv ${prefix}\n`,
    );
    await link(sb.path(`${prefix}/bin/python`), `${base}/bin/python`);
    await link(sb.path(`${prefix}/bin/python3`), 'python');
    await link(sb.path(`${prefix}/bin/python${minor}`), 'python');
    await link(sb.path(`${prefix}/lib64`), 'lib');
    const site = sb.path(`${prefix}/lib/python${minor}/site-packages`);
    await writeDistInfo(site, { name: 'pip', version: '23.2.1', installer: 'pip', files: { 'pip/__init__.py': '' } });
    for (const p of ve.packages ?? []) {
      const mod = p.name.replace(/[-.]/g, '_');
      await writeDistInfo(site, {
        name: p.name,
        version: p.version,
        installer: 'pip',
        requested: true,
        files: { [`${mod}/__init__.py`]: `__version__ = "${p.version}"\n` },
      });
    }
    // pyenv-virtualenv also exposes the env as a top-level "version" (absolute link).
    await link(sb.path(`${root}/versions/${ve.name}`), prefix);
  }
  for (const s of o.shims ?? ['python', 'python3', 'pip', 'pip3']) {
    await put(sb.path(`${root}/shims/${s}`), shimScript(root), 0o755);
  }
  await put(sb.path(`${root}/version`), (o.global ?? o.versions[0] ?? 'system') + '\n');
  await put(sb.path(`${root}/libexec/pyenv`), '#!/usr/bin/env bash\necho "pyenv placeholder" >&2\nexit 97\n', 0o755);
  return { root, versions, virtualenvs };
}

function pipScript(python: string): string {
  return `#!${python}\n# -*- coding: utf-8 -*-\nimport re\nimport sys\nfrom pip._internal.cli.main import main\nif __name__ == '__main__':\n    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n    sys.exit(main())\n`;
}
