import React from 'react';
import { render } from 'ink';
import { enterFullScreen } from '../../src/terminal.js';
import { App } from './app.js';

export interface LaunchOptions {
  version: string;
}

/** Runs the dashboard full-screen until the user quits; always restores the terminal. */
export async function launchDashboard(opts: LaunchOptions): Promise<void> {
  let unmount = (): void => {};
  const screen = enterFullScreen(process.stdout, () => unmount());
  try {
    // exitOnCtrlC off: Ctrl-C goes through our key router so cleanup always runs.
    const ink = render(<App version={opts.version} />, { exitOnCtrlC: false, patchConsole: false, maxFps: 15 });
    unmount = () => ink.unmount();
    await ink.waitUntilExit();
  } finally {
    screen.restore();
  }
}
