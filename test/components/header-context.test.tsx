// Issue 11 item 9: the header says what the machine was taken for when there was anything to decide.
import { afterEach, describe, expect, it } from 'vitest';
import { messyInventory } from './inventory-fixture.js';
import { fixedLoader, mountApp } from './render-helpers.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function headerWith(context: ReturnType<typeof messyInventory>['inventory']['context']) {
  const data = messyInventory();
  data.inventory.context = context;
  const r = mountApp({ columns: 120, loader: fixedLoader(data) });
  cleanup = r.unmount;
  return r;
}

describe('header context', () => {
  it('a Docker machine treated as a host says so; a throwaway container says container', async () => {
    const f = await headerWith({ assumed: 'host', runtime: 'docker', why: 'PID 1 cannot be read', source: 'detected' }).has('found 8 environments');
    expect(f.split('\n')[0]).toContain('· testhost · host (docker)');
    cleanup?.();
    const g = await headerWith({ assumed: 'container', runtime: 'podman', why: 'x', source: 'detected' }).has('found 8 environments');
    expect(g.split('\n')[0]).toContain('· testhost · container (podman)');
  });

  it('a plain host with nothing to decide keeps the header as it was', async () => {
    const f = await headerWith({ assumed: 'host', runtime: null, why: 'no container runtime detected', source: 'detected' }).has('found 8 environments');
    expect(f.split('\n')[0]).toMatch(/· testhost\s/);
    expect(f.split('\n')[0]).not.toMatch(/host \(|container/);
  });
});
