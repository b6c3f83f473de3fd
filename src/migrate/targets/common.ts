// Pieces shared by the target step builders. Pure.
import type { Check, InstallFallback, PlannedPackage } from '../types.js';

/** What every target builder needs to know about the host it will run on (host paths). */
export interface TargetTools {
  /** Interpreter used to build the new environment (host path). */
  python: string;
  pipx?: string;
  uv?: string;
  pipxHome: string;
  pipxBinDir: string;
  uvToolDir?: string;
  uvToolBinDir?: string;
  /** HOME for child processes (host path). */
  home: string;
}

// Small Python programs run by verification. Names arrive as argv, never spliced into code.
export const PY_VERSION_OF = 'import sys, importlib.metadata as m; print(m.version(sys.argv[1]))';
export const PY_LOAD_ENTRY_POINT = [
  'import sys, importlib.metadata as m',
  "eps = [e for e in m.distribution(sys.argv[1]).entry_points if e.group in ('console_scripts', 'gui_scripts') and e.name == sys.argv[2]]",
  "assert eps, 'no entry point ' + sys.argv[2]",
  'eps[0].load()',
  "print('ok')",
].join('\n');
export const PY_IMPORT_TOP_LEVEL = [
  'import sys, importlib, importlib.metadata as m',
  'd = m.distribution(sys.argv[1])',
  "tops = (d.read_text('top_level.txt') or '').split()",
  'if not tops:',
  "    tops = sorted({str(f).split('/')[0].removesuffix('.py') for f in (d.files or []) if str(f).endswith('.py') and '..' not in str(f) and not str(f).split('/')[0].endswith('-info')})",
  "tops = [t for t in tops if t.isidentifier() and not t.startswith('_')]",
  'for t in tops: importlib.import_module(t)',
  "print('ok', *tops)",
].join('\n');

/** Checks that a package works inside the interpreter `py` (host path). */
export function packageChecks(py: string, pkg: PlannedPackage, binDir: string | null, env?: Record<string, string>): Check[] {
  const checks: Check[] = [
    { label: `${pkg.name} version is ${pkg.version}`, argv: [py, '-c', PY_VERSION_OF, pkg.name], expect: pkg.version, ...(env ? { env } : {}) },
  ];
  for (const s of pkg.scripts) {
    checks.push({ label: `entry point ${s} loads`, argv: [py, '-c', PY_LOAD_ENTRY_POINT, pkg.name, s], expect: 'ok', ...(env ? { env } : {}) });
    // --version is safe for nearly every CLI; a tool without it is not a failed migration.
    if (binDir) checks.push({ label: `${s} --version runs`, argv: [`${binDir}/${s}`, '--version'], soft: true, ...(env ? { env } : {}) });
  }
  if (pkg.scripts.length === 0) {
    checks.push({ label: `${pkg.name} imports`, argv: [py, '-c', PY_IMPORT_TOP_LEVEL, pkg.name], expect: 'ok', ...(env ? { env } : {}) });
  }
  return checks;
}

export function pipCheck(py: string, env?: Record<string, string>): Check {
  return { label: 'pip check passes', argv: [py, '-m', 'pip', 'check', '--disable-pip-version-check'], ...(env ? { env } : {}) };
}

/** Online installs retry from the rebuilt wheels when the index cannot serve them. */
export function installFallback(offline: boolean, argv: string[], env: Record<string, string>, wheelDir: string): { fallback?: InstallFallback } {
  return offline ? {} : { fallback: { argv, env: { ...env, ...installEnv(true, wheelDir) } } };
}

/** Environment for installs: offline = only the backup wheels, no index. */
export function installEnv(offline: boolean, wheelDir: string): Record<string, string> {
  return offline ? { PIP_NO_INDEX: '1', PIP_FIND_LINKS: wheelDir, PIP_DISABLE_PIP_VERSION_CHECK: '1' } : { PIP_DISABLE_PIP_VERSION_CHECK: '1' };
}
