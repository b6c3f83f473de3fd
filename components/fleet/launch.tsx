// Runs the fleet dashboard full-screen until q; the terminal is restored on every exit path
// (the same alternate-screen session and frame writer as the machine dashboard).
import React from 'react';
import { render } from 'ink';
import type { Fleet } from '../../src/fleet/model.js';
import { enterFullScreen } from '../../src/terminal.js';
import { FrameWriter } from '../app/frame-writer.js';
import { FleetApp } from './fleet-app.js';

export interface LaunchFleetOptions {
  version: string;
  fleet: Fleet;
  color: boolean;
  ascii: boolean;
  /** Open on this package across the fleet (`fleet DIR --package NAME`). */
  pkg?: string;
  slow?: boolean;
}

export async function launchFleet(opts: LaunchFleetOptions): Promise<void> {
  let unmount = (): void => {};
  const screen = enterFullScreen(process.stdout, () => unmount());
  const frames = new FrameWriter(process.stdout);
  try {
    const initial = opts.pkg ? { view: 'packages' as const, detail: { kind: 'package' as const, name: opts.pkg } } : undefined;
    const ink = render(
      <FleetApp fleet={opts.fleet} version={opts.version} color={opts.color} ascii={opts.ascii} initial={initial} onQuit={() => unmount()} onRedraw={() => frames.repaint()} />,
      { stdout: frames as unknown as NodeJS.WriteStream, exitOnCtrlC: false, patchConsole: false, maxFps: opts.slow ? 8 : 15 },
    );
    unmount = () => ink.unmount();
    await ink.waitUntilExit();
  } finally {
    frames.dispose();
    screen.restore();
  }
}
