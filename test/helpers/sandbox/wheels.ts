// Test wheels: built once per test run by test/helpers/py/make_wheel.py (stdlib only, offline),
// into the run cache that globalSetup creates and exports as PYENVTUI_TEST_CACHE.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from './run.js';
import { PY_HELPERS, requirePython } from './tools.js';

/** One wheel's description (see make_wheel.py for the format). */
export interface WheelSpec {
  name: string;
  version: string;
  summary?: string;
  requires?: string[];
  extras?: Record<string, string[]>;
  console_scripts?: Record<string, string>;
  /** Paths inside the wheel → text. */
  files: Record<string, string>;
  tag?: string;
}

/** Names of the standard demo wheels (versions in make_wheel.py). */
export const DEMO = {
  cli: 'pyenvtui-demo-cli',
  cliVersion: '1.2.0',
  lib: 'pyenvtui-demo-lib',
  libVersion: '0.3.1',
  libOldVersion: '0.2.0',
  libOldestVersion: '0.1.0',
  tool: 'pyenvtui-demo-tool',
  toolVersion: '2.0.0',
  extra: 'pyenvtui-demo-extra',
  extraVersion: '1.0.0',
} as const;

let fallbackCache: string | null = null;

/**
 * The run cache directory: PYENVTUI_TEST_CACHE from globalSetup, or (when a helper is used
 * outside vitest's global setup) a private temp dir for this process.
 */
export function runCacheDir(): string {
  const fromEnv = process.env.PYENVTUI_TEST_CACHE;
  if (fromEnv) return fromEnv;
  if (!fallbackCache) fallbackCache = mkdtempSync(path.join(os.tmpdir(), 'pyenvtui-cache-'));
  return fallbackCache;
}

const pending = new Map<string, Promise<string>>();

/** Directory holding the standard demo wheels, building them on first use. */
export function ensureWheels(cacheDir: string = runCacheDir()): Promise<string> {
  const dir = path.join(cacheDir, 'wheels');
  let p = pending.get(dir);
  if (!p) {
    p = (async () => {
      const done = path.join(dir, '.complete');
      if (existsSync(done)) return dir;
      mkdirSync(dir, { recursive: true });
      await run(requirePython(), [path.join(PY_HELPERS, 'make_wheel.py'), '--out', dir], { env: pyEnv() });
      writeFileSync(done, 'ok\n');
      return dir;
    })();
    pending.set(dir, p);
  }
  return p;
}

/** Build extra wheels from specs into `outDir` (e.g. a broken or look-alike package); returns file paths. */
export async function buildWheels(specs: WheelSpec[], outDir: string): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  const specFile = path.join(outDir, `.spec-${process.pid}-${Date.now()}.json`);
  writeFileSync(specFile, JSON.stringify(specs));
  const { stdout } = await run(
    requirePython(),
    [path.join(PY_HELPERS, 'make_wheel.py'), '--out', outDir, '--spec', specFile],
    { env: pyEnv() },
  );
  return stdout.split('\n').filter(Boolean);
}

function pyEnv(): Record<string, string> {
  return { PATH: '/usr/bin:/bin', LC_ALL: 'C.UTF-8', PYTHONDONTWRITEBYTECODE: '1' };
}
