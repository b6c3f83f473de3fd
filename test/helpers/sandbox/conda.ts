// conda layouts in conda's real on-disk format (conda-meta/history with `==> date <==`,
// `# cmd:`, `+channel::pkg-ver-build` lines; conda-meta/<pkg>-<ver>-<build>.json records;
// envs/<name>/; ~/.conda/environments.txt; ~/.condarc), modelled on the PET fixtures
// (microsoft/python-environment-tools crates/pet-conda/tests/unix). conda is not installed
// here, so the trees are written, and interpreters are placeholders that record execution.
import { link, patchlevelH, put, tripwire, writeDistInfo } from './files.js';
import type { Sandbox } from './sandbox.js';

export interface CondaPackage {
  name: string;
  version: string;
  /** Python distribution to plant in site-packages with INSTALLER=conda (default: same name). */
  dist?: string;
}

export interface CondaEnvSpec {
  name: string;
  /** Python version, or null for an env without Python. */
  python: string | null;
  /** Python version this env had before an upgrade (two `python` lines in history). */
  upgradedFrom?: string;
  packages?: CondaPackage[];
  /** Machine path of the env (default <base>/envs/<name>). */
  prefix?: string;
}

export interface CondaOptions {
  /** Base prefix (machine path or ~/...). Default ~/miniconda3. */
  base?: string;
  /** Python of the base env. Default 3.11.5. */
  python?: string;
  envs?: CondaEnvSpec[];
  /** Write ~/.conda/environments.txt (default true). */
  environmentsTxt?: boolean;
  /** Write ~/.condarc with envs_dirs (default true). */
  condarc?: boolean;
  condaVersion?: string;
}

export interface CondaLayout {
  /** Machine paths. */
  base: string;
  envs: Record<string, string>;
}

const DATE = '2024-03-12 10:15:42';
const BUILD: Record<string, string> = { python: 'h955ad1f_0', pip: 'pyhc872135_2', openssl: 'h7f8727e_0' };

/** A conda installation: base + envs, registered like `conda create` does. */
export async function buildConda(sb: Sandbox, o: CondaOptions = {}): Promise<CondaLayout> {
  const base = sb.machine(o.base ?? '~/miniconda3');
  const condaVersion = o.condaVersion ?? '24.1.2';
  const basePy = o.python ?? '3.11.5';
  await writeEnv(sb, base, {
    python: basePy,
    history: [
      `==> ${DATE} <==`,
      `# cmd: constructor ${base} --platform linux-64`,
      `# conda version: ${condaVersion}`,
    ],
    packages: [{ name: 'conda', version: condaVersion }],
    pkgs: `${base}/pkgs`,
  });
  // What makes it a base (PET): condabin/ and envs/ beside conda-meta/.
  const condaScript = `#!${base}/bin/python\n# -*- coding: utf-8 -*-\nimport sys\nfrom conda.cli import main\nsys.exit(main())\n`;
  await put(sb.path(`${base}/condabin/conda`), condaScript, 0o755);
  await put(sb.path(`${base}/bin/conda`), condaScript, 0o755);
  await put(sb.path(`${base}/etc/profile.d/conda.sh`), `export CONDA_EXE='${base}/bin/conda'\n`);
  await sb.mkdir(`${base}/envs`);

  const envs: Record<string, string> = {};
  for (const e of o.envs ?? []) {
    const prefix = e.prefix ? sb.machine(e.prefix) : `${base}/envs/${e.name}`;
    envs[e.name] = prefix;
    const history = [
      `==> ${DATE} <==`,
      `# cmd: ${base}/bin/conda create -n ${e.name}${e.python ? ` python=${e.upgradedFrom ?? e.python}` : ''} -y`,
      `# conda version: ${condaVersion}`,
    ];
    await writeEnv(sb, prefix, {
      python: e.python,
      upgradedFrom: e.upgradedFrom,
      history,
      packages: e.packages ?? [],
      pkgs: `${base}/pkgs`,
    });
  }
  if (o.environmentsTxt !== false) {
    const lines = [base, ...Object.values(envs)].join('\n') + '\n';
    await sb.writeFile('~/.conda/environments.txt', lines);
  }
  if (o.condarc !== false) {
    await sb.writeFile('~/.condarc', `channels:\n  - defaults\nenvs_dirs:\n  - ${base}/envs\nauto_activate_base: false\n`);
  }
  return { base, envs };
}

interface EnvFiles {
  python: string | null;
  upgradedFrom?: string;
  history: string[];
  packages: CondaPackage[];
  /** conda's package cache (<base>/pkgs). */
  pkgs: string;
}

async function writeEnv(sb: Sandbox, prefix: string, e: EnvFiles): Promise<void> {
  const meta = `${prefix}/conda-meta`;
  const lines = [...e.history];
  const records: { name: string; version: string; build: string; subdir: string }[] = [];
  const add = (name: string, version: string, subdir = 'linux-64') => {
    const build = BUILD[name] ?? 'py_0';
    records.push({ name, version, build, subdir });
    lines.push(`+defaults/${subdir}::${name}-${version}-${build}`);
  };
  if (e.python) {
    add('openssl', '3.0.13');
    add('python', e.upgradedFrom ?? e.python);
    add('pip', '23.3.1', 'noarch');
  }
  for (const p of e.packages) add(p.name, p.version, 'noarch');
  lines.push(`# update specs: [${e.python ? `'python=${e.upgradedFrom ?? e.python}'` : ''}]`);
  if (e.python && e.upgradedFrom) {
    // A later `conda install python=X` transaction: the old build goes, the new one comes.
    lines.push(`==> ${DATE.replace('10:', '11:')} <==`, `# cmd: conda install -p ${prefix} python=${e.python} -y`);
    lines.push(`-defaults/linux-64::python-${e.upgradedFrom}-${BUILD.python}`);
    lines.push(`+defaults/linux-64::python-${e.python}-${BUILD.python}`);
    lines.push(`# update specs: ['python=${e.python}']`);
    const py = records.find((r) => r.name === 'python');
    if (py) py.version = e.python;
  }
  await put(sb.path(`${meta}/history`), lines.join('\n') + '\n');

  const minor = e.python ? e.python.split('.').slice(0, 2).join('.') : null;
  for (const r of records) {
    const fn = `${r.name}-${r.version}-${r.build}`;
    const files = r.name === 'python' && minor ? [`bin/python${minor}`, `include/python${minor}/patchlevel.h`] : [];
    const record = {
      build: r.build,
      build_number: 0,
      channel: `https://repo.anaconda.com/pkgs/main/${r.subdir}`,
      constrains: [],
      depends: r.name === 'pip' ? ['python >=3.7'] : [],
      extracted_package_dir: `${e.pkgs}/${fn}`,
      files,
      fn: `${fn}.conda`,
      license: 'MIT',
      link: { source: `${e.pkgs}/${fn}`, type: 1 },
      md5: '0'.repeat(32),
      name: r.name,
      package_tarball_full_path: `${e.pkgs}/${fn}.conda`,
      paths_data: { paths: files.map((f) => ({ _path: f, path_type: 'hardlink', size_in_bytes: 0 })), paths_version: 1 },
      requested_spec: r.name === 'python' ? `python=${r.version}` : '',
      sha256: '0'.repeat(64),
      size: 0,
      subdir: r.subdir,
      timestamp: 1710238542000,
      url: `https://repo.anaconda.com/pkgs/main/${r.subdir}/${fn}.conda`,
      version: r.version,
    };
    await put(sb.path(`${meta}/${fn}.json`), JSON.stringify(record, null, 2) + '\n');
  }
  if (!e.python || !minor) return;
  await tripwire(sb.path(`${prefix}/bin/python${minor}`), `${prefix}/bin/python${minor}`, sb.tripwireLog);
  await link(sb.path(`${prefix}/bin/python3`), `python${minor}`);
  await link(sb.path(`${prefix}/bin/python`), `python${minor}`);
  await put(sb.path(`${prefix}/lib/python${minor}/os.py`), '# landmark\n');
  await put(sb.path(`${prefix}/include/python${minor}/patchlevel.h`), patchlevelH(e.python));
  const site = sb.path(`${prefix}/lib/python${minor}/site-packages`);
  await writeDistInfo(site, { name: 'pip', version: '23.3.1', installer: 'conda', files: { 'pip/__init__.py': '__version__ = "23.3.1"\n' } });
  for (const p of e.packages) {
    const dist = p.dist ?? p.name;
    const mod = dist.replace(/[-.]/g, '_');
    await writeDistInfo(site, {
      name: dist,
      version: p.version,
      installer: 'conda',
      files: { [`${mod}/__init__.py`]: `__version__ = "${p.version}"\n` },
    });
  }
}
