// Issue 10 item 2: "what is this directory" is discovery's question. identifyPrefix() asks every locator
// about one prefix and folds the answers like the scan; `migrate --from PREFIX`, `scan` and the dashboard
// therefore give one environment one kind and one id. On the harness's standard machine.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createScanLoader } from '../../../src/app/scan-loader.js';
import { ScanContext } from '../../../src/context/scan-context.js';
import { identifyPrefix } from '../../../src/discover/identify.js';
import { scan } from '../../../src/discover/index.js';
import { KIND_TRAITS } from '../../../src/kinds.js';
import type { Inventory } from '../../../src/model.js';
import { cli } from '../../helpers/sandbox/cli.js';
import { standardMachine, type StandardMachine } from '../../helpers/sandbox/index.js';
import { DEMO } from '../../helpers/sandbox/wheels.js';

const machineBase = inject('standardMachine');

describe.skipIf(!machineBase)('identify(prefix) on the standard machine', () => {
  let m: StandardMachine;
  let ctx: ScanContext;
  let inv: Inventory;
  beforeAll(async () => {
    m = standardMachine(machineBase);
    ctx = new ScanContext({ root: m.manifest.root, env: m.sandbox.env });
    inv = await scan(ctx);
  });

  it('gives every environment the kind and id the scan gives it', async () => {
    const envs = inv.environments.filter((e) => e.kind !== 'system');
    expect(envs.length).toBeGreaterThan(4);
    expect(new Set(envs.map((e) => e.kind)).size).toBeGreaterThan(3);
    for (const e of envs) {
      const got = await identifyPrefix(ctx, e.prefix);
      expect({ prefix: e.prefix, id: got?.id, kind: got?.kind, name: got?.name }).toEqual({ prefix: e.prefix, id: e.id, kind: e.kind, name: e.name });
    }
    // /usr holds the system interpreters (keyed by binary): the answer is one of them.
    const sys = await identifyPrefix(ctx, '/usr');
    expect(inv.environments.filter((e) => e.kind === 'system').map((e) => e.id)).toContain(sys?.id);
  });

  it('knows nothing of a directory that is no environment', async () => {
    expect(await identifyPrefix(ctx, m.manifest.machineHome)).toBeNull();
    expect(await identifyPrefix(ctx, '/nonexistent/dir')).toBeNull();
  });

  it('the dashboard, scan --json and migrate --from PREFIX share environment ids', async () => {
    const state = mkdtempSync(path.join(os.tmpdir(), 'pyenvtui-identify-state-'));
    // The dashboard's loader (the same one `pyenvtui` runs).
    const dash = await new Promise<Inventory>((resolve, reject) => {
      const loader = createScanLoader({ root: m.manifest.root, search: [], env: m.sandbox.env, sizeDelayMs: 0 });
      const ac = new AbortController();
      loader({ progress: () => {}, sizes: () => {}, done: (i) => (resolve(i), ac.abort()) }, ac.signal).catch(reject);
    });
    const ids = (i: Inventory) => i.environments.map((e) => e.id).sort();
    expect(ids(dash)).toEqual(ids(inv));
    // The CLI's scan, as a process.
    const scanned = await cli(m.sandbox, ['scan', '--json', '--root', m.manifest.root], { env: { XDG_STATE_HOME: state } });
    expect(scanned.code).toBe(0);
    expect(ids(JSON.parse(scanned.stdout) as Inventory)).toEqual(ids(inv));
    // migrate --from PREFIX names its source as discovery does (a dry run: nothing changes).
    for (const prefix of [m.manifest.pipx.venv, m.manifest.venvs.workon]) {
      const env = inv.environments.find((e) => e.prefix === prefix)!;
      const r = await cli(m.sandbox, ['migrate', DEMO.lib, '--from', prefix, '--to', 'venv', '--dry-run', '--root', m.manifest.root], { env: { XDG_STATE_HOME: state } });
      expect(r.stdout, r.stderr).toContain(`source: ${KIND_TRAITS[env.kind].label} ${env.name} (${env.id})\n`);
    }
    expect(inv.environments.find((e) => e.prefix === m.manifest.venvs.workon)!.kind).toBe('virtualenvwrapper');
  });
});
