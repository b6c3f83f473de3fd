// Issue 11 item 8: a user-site tool that pipx already has gets "remove the shadowing copy" advice, not
// "migrate", and the printed command is run here, in a throwaway sandbox, with real pip and pipx.
import { existsSync, realpathSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanContext } from '../../../src/context/scan-context.js';
import { scan } from '../../../src/discover/index.js';
import { analyze } from '../../../src/analyze.js';
import type { Inventory } from '../../../src/model.js';
import { createSandbox, DEMO, type Sandbox } from '../../helpers/sandbox/index.js';

let sb: Sandbox;
let inv: Inventory;
const USER_SITE = '/home/tester/.local/lib/python3.11/site-packages';

async function analysed(): Promise<Inventory> {
  const ctx = new ScanContext({ root: sb.root, env: { ...sb.env, PYENVTUI_CONTEXT: 'host' }, platform: 'linux' });
  const i = await scan(ctx);
  await analyze(i, ctx);
  return i;
}

beforeAll(async () => {
  sb = await createSandbox();
  await sb.distroRoot();
  await sb.pipUser([`${DEMO.tool}==${DEMO.toolVersion}`]);
  await sb.pipx(`${DEMO.tool}==${DEMO.toolVersion}`);
  inv = await analysed();
}, 120_000);
afterAll(() => sb?.cleanup());

describe('a user-site copy of a tool pipx already has', () => {
  it('is advised "remove-copy" with a command, never "migrate to pipx"', () => {
    const d = inv.environments.flatMap((e) => e.packages).find((p) => p.name === DEMO.tool && p.site === USER_SITE)!;
    expect(d.advice).toEqual({
      action: 'remove-copy',
      reason: `already installed with pipx (/home/tester/.local/pipx/venvs/${DEMO.tool}): this user copy only shadows it; remove it, not migrate it`,
      command: `/usr/bin/python3.11 -m pip uninstall -y --break-system-packages ${DEMO.tool} && pipx reinstall ${DEMO.tool}`,
    });
  });

  it('the command, run as printed, removes the copy, keeps the pipx tool and its command working', async () => {
    const d = inv.environments.flatMap((e) => e.packages).find((p) => p.name === DEMO.tool && p.site === USER_SITE)!;
    const venv = sb.path(`~/.local/pipx/venvs/${DEMO.tool}`);
    const pkgs = (i: Inventory) => i.environments.find((e) => e.kind === 'pipx')!.packages.map((p) => `${p.name}==${p.version}`).sort();
    const before = pkgs(inv);
    for (const part of d.advice!.command!.split(' && ')) {
      const [cmd, ...args] = part.split(' ');
      await sb.exec(cmd!, args);
    }
    expect(existsSync(sb.path(`${USER_SITE}/pyenvtui_demo_tool-${DEMO.toolVersion}.dist-info`))).toBe(false);
    // The command on PATH is pipx's again, and it runs.
    expect(realpathSync(sb.path('~/.local/bin/demo-tool')).startsWith(realpathSync(venv))).toBe(true);
    const out = await sb.exec(sb.path('~/.local/bin/demo-tool'), ['--version']);
    expect(out.stdout.trim()).toBe(`${DEMO.tool} ${DEMO.toolVersion}`);
    const after = await analysed();
    // pipx reinstall rebuilt the venv with the same packages.
    expect(pkgs(after)).toEqual(before);
    expect(after.environments.flatMap((e) => e.packages).filter((p) => p.name === DEMO.tool).map((p) => p.scope)).toEqual(['env']);
  });
});
