// A pyenvtui killed on its own (not with its process group) leaves the pip or pipx it was running alive,
// still writing. Resume and undo wait for that orphan before touching what it works on.
import type { ExecOptions } from './events.js';
import { ownerAlive } from './lock.js';
import type { Journal } from './types.js';

const WAIT_MS = 30 * 60_000;

export async function waitForOrphans(j: Journal, opts: ExecOptions): Promise<void> {
  for (const rec of j.steps) {
    const c = rec.child;
    if (!c || c.pid === process.pid) continue;
    const owner = { pid: c.pid, start: c.start, what: '', since: '' };
    if (!ownerAlive(owner)) continue;
    const step = j.plan.steps.find((s) => s.id === rec.id);
    if (step) opts.onEvent?.({ type: 'output', step, line: `waiting for pid ${c.pid}, left running by the interrupted run, to exit` });
    const until = Date.now() + WAIT_MS;
    while (ownerAlive(owner)) {
      if (Date.now() > until) throw new Error(`pid ${c.pid} (started by step ${rec.id} of ${j.id}) is still running; stop it, then try again`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
