// The standard messy machine: built ONCE per test run (globalSetup), shared read-only by every
// test. Tests that change things build their own sandbox or take `await machine.sandbox.copy()`.
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CondaLayout } from './conda.js';
import type { PyenvLayout } from './pyenv.js';
import { createSandbox, Sandbox, type CreateSandboxOptions } from './sandbox.js';
import { DISTRO_PY_MINOR } from './tools.js';
import { DEMO } from './wheels.js';

const MINOR = DISTRO_PY_MINOR;

/** Where everything is (machine paths, i.e. as `pyenvtui --root <root>` sees them). */
export interface StandardMachineManifest {
  /** Host paths. */
  base: string;
  root: string;
  home: string;
  machineHome: string;
  distro: { python: string; marker: string; stdlib: string; distSite: string; localSite: string; localBin: string };
  user: { site: string; bin: string };
  pipx: { home: string; bin: string; venv: string };
  venvs: { project: string; workon: string; dotVenvs: string };
  /** demo-lib version per place (machine path of the site dir → version). */
  demoLib: Record<string, string>;
  pipConf: string;
  conda: CondaLayout;
  pyenv: PyenvLayout;
  /** Seconds the build took. */
  buildSeconds: number;
}

export interface StandardMachine {
  sandbox: Sandbox;
  manifest: StandardMachineManifest;
}

/** Build the standard machine (independent steps run in parallel). Writes machine.json beside root/. */
export async function buildStandardMachine(opts: CreateSandboxOptions = {}): Promise<StandardMachine> {
  const t0 = Date.now();
  const sb = await createSandbox(opts);
  await sb.distroRoot();
  await sb.pipConf('[global]\nbreak-system-packages = true\n');
  const project = await sb.writeFile('projects/app/pyproject.toml', '[project]\nname = "app"\nversion = "0.1.0"\n');
  const lib = (v: string) => `${DEMO.lib}==${v}`;
  const [, , , proj, workon, dot, conda, pyenv] = await Promise.all([
    // `sudo pip install pyenvtui-demo-cli six`: the tool, its lib, and a pip six shadowing apt's.
    sb.sudoPip([`${DEMO.cli}==${DEMO.cliVersion}`, 'six==1.16.0']),
    sb.pipUser([`${DEMO.tool}==${DEMO.toolVersion}`]),
    sb.pipx(`${DEMO.cli}==${DEMO.cliVersion}`),
    sb.venv('projects/app/.venv', { packages: [lib(DEMO.libOldVersion)] }),
    sb.venv('.virtualenvs/webapp', { packages: [`${DEMO.cli}[fancy]==${DEMO.cliVersion}`] }),
    sb.venv('.venvs/scratch', { packages: [lib(DEMO.libOldestVersion)], systemSite: true }),
    sb.conda({
      envs: [
        { name: 'ml', python: '3.10.13', upgradedFrom: '3.10.9', packages: [{ name: DEMO.lib, version: DEMO.libVersion }] },
        { name: 'no-python', python: null },
      ],
    }),
    sb.pyenv({
      versions: ['3.11.7', '3.12.1'],
      virtualenvs: [{ name: 'proj-env', version: '3.11.7', packages: [{ name: DEMO.lib, version: DEMO.libOldVersion }] }],
      global: '3.12.1',
    }),
  ]);
  // virtualenvwrapper's link from the env back to its project.
  await sb.writeFile('.virtualenvs/webapp/.project', path.dirname(project) + '\n');

  const site = (prefix: string) => `${prefix}/lib/python${MINOR}/site-packages`;
  const h = sb.machineHome;
  const manifest: StandardMachineManifest = {
    base: sb.base,
    root: sb.root,
    home: sb.home,
    machineHome: h,
    distro: {
      python: `/usr/bin/python${MINOR}`,
      marker: `/usr/lib/python${MINOR}/EXTERNALLY-MANAGED`,
      stdlib: `/usr/lib/python${MINOR}`,
      distSite: '/usr/lib/python3/dist-packages',
      localSite: `/usr/local/lib/python${MINOR}/dist-packages`,
      localBin: '/usr/local/bin',
    },
    user: { site: `${h}/.local/lib/python${MINOR}/site-packages`, bin: `${h}/.local/bin` },
    pipx: { home: `${h}/.local/pipx`, bin: `${h}/.local/bin`, venv: `${h}/.local/pipx/venvs/${DEMO.cli}` },
    venvs: { project: proj.machine, workon: workon.machine, dotVenvs: dot.machine },
    demoLib: {
      [`/usr/local/lib/python${MINOR}/dist-packages`]: DEMO.libVersion,
      [site(proj.machine)]: DEMO.libOldVersion,
      [site(workon.machine)]: DEMO.libVersion,
      [site(dot.machine)]: DEMO.libOldestVersion,
      [site(`${h}/.local/pipx/venvs/${DEMO.cli}`)]: DEMO.libVersion,
    },
    pipConf: `${h}/.config/pip/pip.conf`,
    conda,
    pyenv,
    buildSeconds: (Date.now() - t0) / 1000,
  };
  await writeFile(path.join(sb.base, 'machine.json'), JSON.stringify(manifest, null, 2) + '\n');
  return { sandbox: sb, manifest };
}

/**
 * The standard machine built by globalSetup (PYENVTUI_STANDARD_MACHINE). READ-ONLY: never write
 * into it, never run migrations against it; use `sandbox.copy()` for that. Pass
 * `inject('standardMachine')` when the environment variable did not reach the worker.
 */
export function standardMachine(base: string | null | undefined = process.env.PYENVTUI_STANDARD_MACHINE): StandardMachine {
  if (!base || !existsSync(path.join(base, 'machine.json'))) {
    throw new Error(
      'pyenvtui test harness: the standard machine is not built (PYENVTUI_STANDARD_MACHINE unset). ' +
        'It is built by test/helpers/global-setup.ts unless PYENVTUI_TEST_NO_MACHINE=1.',
    );
  }
  const manifest = JSON.parse(readFileSync(path.join(base, 'machine.json'), 'utf8')) as StandardMachineManifest;
  const wheels = path.join(process.env.PYENVTUI_TEST_CACHE ?? path.dirname(path.dirname(base)), 'wheels');
  return { sandbox: new Sandbox(base, wheels), manifest };
}
