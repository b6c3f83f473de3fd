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

interface RunState {
  cache: string;
  machine: string | null;
  users: number;
}

// vitest runs globalSetup once per project (unit, components, e2e) in the same process: build
// once, hand the same cache to every project, and remove it when the last project tears down.
const KEY = Symbol.for('pyenvtui.test.run');
type Holder = { [KEY]?: Promise<RunState> };

async function buildRun(): Promise<RunState> {
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
  return { cache, machine, users: 0 };
}

export default async function setup(project: TestProject): Promise<() => void> {
  const holder = globalThis as Holder;
  holder[KEY] ??= buildRun();
  const state = await holder[KEY];
  state.users++;
  project.provide('pyenvtuiCache', state.cache);
  project.provide('standardMachine', state.machine);

  return () => {
    if (--state.users > 0) return;
    delete holder[KEY];
    if (process.env.PYENVTUI_KEEP_SANDBOX) {
      process.stdout.write(`pyenvtui: kept test sandboxes in ${state.cache}\n`);
      return;
    }
    rmSync(state.cache, { recursive: true, force: true });
  };
}
