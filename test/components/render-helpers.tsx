// Mounting the dashboard in ink-testing-library with a pinned size and a fixed loader.
import React from 'react';
import { render } from 'ink-testing-library';
import { App } from '../../components/app/app.js';
import { TerminalSizeProvider } from '../../components/app/terminal-size.js';
import type { InventoryLoader } from '../../components/app/use-inventory.js';
import type { DashboardOptions } from '../../components/state/dashboard-state.js';
import { expect } from 'vitest';
import { displayWidth } from '../../components/ui/text.js';
import { waitFor } from '../helpers/wait-for.js';
import { messyInventory } from './inventory-fixture.js';

// eslint-disable-next-line no-control-regex
export const strip = (s: string): string => s.replace(/\x1b\[[0-9;]*m/g, '');

/** A loader over a fixed inventory; counts how often it ran (r = rescan). */
export function fixedLoader(data = messyInventory()): InventoryLoader & { runs: number } {
  const loader = Object.assign(
    async (events: Parameters<InventoryLoader>[0]) => {
      loader.runs++;
      events.progress({ inventory: { ...data.inventory, environments: data.inventory.environments.slice(0, 1) }, done: 1, total: 2, active: ['venv'] });
      events.done(data.inventory, data.findings);
      events.sizes({ [data.inventory.environments[0]!.id]: 123_000_000 }, false);
    },
    { runs: 0 },
  );
  return loader;
}

export interface MountOptions {
  columns?: number;
  rows?: number;
  loader?: InventoryLoader;
  options?: Partial<DashboardOptions>;
  onRedraw?: () => void;
}

export function mountApp(opts: MountOptions = {}) {
  const { columns = 80, rows = 24 } = opts;
  const r = render(
    <TerminalSizeProvider size={{ columns, rows }}>
      <App version="9.9.9" loader={opts.loader ?? fixedLoader()} options={opts.options} onRedraw={opts.onRedraw} />
    </TerminalSizeProvider>,
  );
  const frame = (): string => strip(r.lastFrame() ?? '');
  const until = (pred: (f: string) => boolean, what: string): Promise<string> => waitFor(frame, { accept: pred, what });
  const has = (text: string): Promise<string> => until((f) => f.includes(text), `frame to contain ${JSON.stringify(text)}`);
  /** Scanned, then on the environments view (the first screen opens on the findings). */
  const envs = async (): Promise<string> => {
    await has('found 8 environments');
    r.stdin.write('1');
    return until((f) => f.includes('[1 Environments]'), 'the environments view');
  };
  return { ...r, frame, until, has, envs };
}

/** Every line of a frame fits the terminal, and the frame leaves the last row free (root box is rows - 1). */
export function expectFits(frame: string, columns: number, rows: number): void {
  const lines = frame.split('\n');
  expect(lines.length).toBeLessThanOrEqual(rows - 1);
  for (const l of lines) expect(displayWidth(l), l).toBeLessThanOrEqual(columns);
}
