import React from 'react';
import { render } from 'ink';
import { enterFullScreen } from '../../src/terminal.js';
import type { DashboardOptions } from '../state/dashboard-state.js';
import { App, type QuitResult } from './app.js';
import { FrameWriter } from './frame-writer.js';
import type { InventoryLoader } from './use-inventory.js';

export interface LaunchOptions {
  version: string;
  loader?: InventoryLoader;
  options?: Partial<DashboardOptions>;
  /** Slower refresh over SSH. */
  slow?: boolean;
}

/** Runs the dashboard full-screen until the user quits; always restores the terminal. Returns the exit status. */
export async function launchDashboard(opts: LaunchOptions): Promise<number> {
  let unmount = (): void => {};
  let result: QuitResult = { code: 0, afterExit: '' };
  const screen = enterFullScreen(process.stdout, () => unmount());
  const frames = new FrameWriter(process.stdout);
  try {
    // exitOnCtrlC off: Ctrl-C goes through our key router so cleanup always runs.
    const ink = render(
      <App version={opts.version} loader={opts.loader} options={opts.options} onRedraw={() => frames.repaint()} onQuit={(r) => (result = r)} />,
      {
        stdout: frames as unknown as NodeJS.WriteStream,
        exitOnCtrlC: false,
        patchConsole: false,
        maxFps: opts.slow ? 8 : 15,
      },
    );
    unmount = () => ink.unmount();
    await ink.waitUntilExit();
  } finally {
    frames.dispose();
    screen.restore();
  }
  // On the normal screen, where it stays readable and copyable after the dashboard is gone.
  if (result.afterExit) process.stdout.write(result.afterExit);
  return result.code;
}
