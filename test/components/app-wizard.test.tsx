import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/wait-for.js';
import { fixedLoader, mountApp } from './render-helpers.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('m opens the migration wizard over the dashboard', () => {
  it('with the tagged batch; Esc before running changes nothing and returns to the dashboard', async () => {
    const loader = fixedLoader();
    const r = mountApp({ loader, options: {} });
    cleanup = r.unmount;
    await r.envs();
    r.stdin.write('\t');
    await r.has('▸ python3.11');
    r.stdin.write(' ');
    await r.has('1 tagged for migration');
    r.stdin.write('m');
    const w = await r.has('Migrate 1 package');
    // The detail opens on the environment's findings; the first is about six, and Space tags six.
    expect(w).toContain('six 1.16.0');
    // The wizard owns the keyboard: q does not quit the dashboard underneath.
    r.stdin.write('\x1b');
    const back = await r.has('migration cancelled: nothing changed');
    expect(back).toContain('▸ python3.11');
    expect(loader.runs).toBe(1);
    // The tag is still there for another try.
    r.stdin.write('m');
    await r.has('Migrate 1 package');
    await waitFor(() => loader.runs, { accept: (n) => n === 1 });
  });
});
