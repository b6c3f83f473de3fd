// What the screen wants sized, handed from the dashboard (components/app/use-inventory.ts) to the
// loader's sizing (size-run.ts): a value that changes as the list scrolls, and a way to wait for the
// next change. No React here; the choice of ids is components/state/size-wants.ts.
import type { SizeDemandSource, SizeWant } from './loader.js';

export const WANT_NOTHING: SizeWant = { all: false, ids: [] };
export const WANT_ALL: SizeWant = { all: true, ids: [] };

function same(a: SizeWant, b: SizeWant): boolean {
  return a.all === b.all && a.ids.length === b.ids.length && a.ids.every((id, i) => id === b.ids[i]);
}

export class SizeDemand implements SizeDemandSource {
  private want: SizeWant;
  private waiters: Array<() => void> = [];

  constructor(initial: SizeWant = WANT_NOTHING) {
    this.want = initial;
  }

  get(): SizeWant {
    return this.want;
  }

  /** A new want; waiters wake only when it differs from the last one. */
  set(want: SizeWant): void {
    if (same(this.want, want)) return;
    this.want = want;
    const w = this.waiters;
    this.waiters = [];
    for (const wake of w) wake();
  }

  changed(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.resolve();
    return new Promise((res) => {
      const done = (): void => {
        signal.removeEventListener('abort', done);
        this.waiters = this.waiters.filter((w) => w !== done);
        res();
      };
      this.waiters.push(done);
      signal.addEventListener('abort', done);
    });
  }
}

/**
 * The next environment to size: the first wanted id not yet taken, in the want's order (the
 * selected one first, then the window top to bottom); with `all`, the wanted ones still come first,
 * then the rest in inventory order. Ids the inventory does not hold (a stale want) are skipped.
 */
export function nextToSize(want: SizeWant, order: readonly string[], known: ReadonlySet<string>, taken: ReadonlySet<string>): string | undefined {
  for (const id of want.ids) if (known.has(id) && !taken.has(id)) return id;
  if (want.all) for (const id of order) if (!taken.has(id)) return id;
  return undefined;
}
