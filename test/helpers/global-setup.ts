// Runs once per test run: builds the bundle (e2e tests drive the real bin), then the run cache:
// the test wheels and the standard messy machine (see test/helpers/README.md).
//
// Exported to every test worker through the environment and vitest's provide/inject:
//   PYENVTUI_TEST_CACHE        run cache dir (wheels/, sandboxes/, host-snapshot.json)
//   PYENVTUI_STANDARD_MACHINE  base dir of the standard machine (READ-ONLY), unless
//                              PYENVTUI_TEST_NO_MACHINE=1 (pure unit runs skip the build)
// PYENVTUI_KEEP_SANDBOX=1 keeps everything after the run, for debugging.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildStandardMachine } from './sandbox/standard-machine.js';
import { snapshotHost } from './sandbox/snapshot.js';
import { ensureWheels } from './sandbox/wheels.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pyenvtuiCache: string;
    standardMachine: string | null;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });

  const cache = mkdtempSync(path.join(os.tmpdir(), 'pyenvtui-test-run-'));
  process.env.PYENVTUI_TEST_CACHE = cache;
  // Before anything is built: the listing sandbox.test.ts compares against.
  writeFileSync(path.join(cache, 'host-snapshot.json'), JSON.stringify(await snapshotHost()));
  await ensureWheels(cache);

  let machine: string | null = null;
  if (!process.env.PYENVTUI_TEST_NO_MACHINE) {
    const built = await buildStandardMachine({ parent: path.join(cache, 'machines') });
    machine = built.sandbox.base;
    process.env.PYENVTUI_STANDARD_MACHINE = machine;
    process.stdout.write(`pyenvtui: standard machine built in ${built.manifest.buildSeconds.toFixed(1)}s at ${machine}\n`);
  }
  project.provide('pyenvtuiCache', cache);
  project.provide('standardMachine', machine);

  return () => {
    if (process.env.PYENVTUI_KEEP_SANDBOX) {
      process.stdout.write(`pyenvtui: kept test sandboxes in ${cache}\n`);
      return;
    }
    rmSync(cache, { recursive: true, force: true });
  };
}
