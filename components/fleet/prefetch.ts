// After the first screen, every host's package table is built in small slices while the user reads,
// so the packages tab opens at once. The first screen never waits for it (reading the 500 indexes is
// most of the fleet's CPU), and keys are handled between slices.
import type { Fleet } from '../../src/fleet/model.js';

/** Starts building in `delayMs`; `done` runs once every table is built. Returns a stop function. */
export function prefetchPackages(fleet: Fleet, done: () => void, delayMs = 150, sliceMs = 8): () => void {
  let i = 0;
  let stopped = false;
  let immediate: NodeJS.Immediate | undefined;
  const step = (): void => {
    if (stopped) return;
    const end = performance.now() + sliceMs;
    while (i < fleet.hosts.length && performance.now() < end) void fleet.hosts[i++]!.facts?.packages.table;
    if (i < fleet.hosts.length) immediate = setImmediate(step);
    else done();
  };
  const timer = setTimeout(step, delayMs);
  return () => {
    stopped = true;
    clearTimeout(timer);
    if (immediate) clearImmediate(immediate);
  };
}
