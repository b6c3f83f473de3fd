// The wizard migrates one copy per (environment, name). On the standard machine, the system Python has
// six twice: apt's in /usr/lib/python3/dist-packages and `sudo pip`'s 1.16.0 in /usr/local, which Python
// imports first. Selecting six (the tag key is environment + name, so both rows carry it) once gave the
// wizard two items and a plan that installed "six==1.16.0 six==1.16.0". Now: one item, the copy Python
// imports, and one planned package — checked with the real planner on the scanned sandbox (reads only).
import { beforeAll, describe, expect, it } from 'vitest';
import { selectedDists } from '../../components/wizard/selection.js';
import { initialWizardState } from '../../components/wizard/use-wizard-state.js';
import { defaultRunner } from '../../components/wizard/wizard-runner.js';
import { ScanContext } from '../../src/context/scan-context.js';
import { scan } from '../../src/discover/index.js';
import type { Environment, Inventory } from '../../src/model.js';
import { standardMachine } from '../helpers/sandbox/index.js';

const haveMachine = Boolean(process.env.PYENVTUI_STANDARD_MACHINE);

describe.skipIf(!haveMachine)('wizard selection on the standard machine', () => {
  let inv: Inventory;
  let ctx: ScanContext;
  let env: Record<string, string | undefined>;
  let system: Environment;
  beforeAll(async () => {
    const sb = standardMachine().sandbox;
    env = sb.env;
    ctx = new ScanContext({ root: sb.root, env: sb.env, platform: 'linux', uid: 1000 });
    inv = await scan(ctx);
    system = inv.environments.find((e) => e.kind === 'system' && e.packages.filter((d) => d.name === 'six').length === 2)!;
  }, 120_000);

  it('the layout holds six in two sites of one environment', () => {
    expect(system).toBeDefined();
    expect(system.packages.filter((d) => d.name === 'six').map((d) => d.scope).sort()).toEqual(['distro', 'local']);
  });

  it('one item per environment + name: the copy first on sys.path', () => {
    const sel = [{ envId: system.id, name: 'six' }, { envId: system.id, name: 'six' }];
    const { dists, skipped } = selectedDists(inv, sel);
    expect(skipped).toBe(0);
    expect(dists).toHaveLength(1);
    expect(dists[0]).toMatchObject({ name: 'six', scope: 'local', version: '1.16.0' });
    expect(initialWizardState(dists, ['pipx', 'venv']).items.map((i) => i.name)).toEqual(['six']);
  });

  it('the real planner gets six once', async () => {
    const { source, dists } = selectedDists(inv, [{ envId: system.id, name: 'six' }]);
    const items = initialWizardState(dists, ['pipx', 'venv']).items;
    const plans = await defaultRunner(ctx, source, env).plan(items);
    expect(plans).toHaveLength(1);
    expect(plans[0]!.packages.map((p) => p.requirement)).toEqual(['six==1.16.0']);
    const install = plans[0]!.steps.find((s) => s.kind === 'install');
    if (install) expect(install.display.match(/six==1\.16\.0/g)).toHaveLength(1);
  });
});
