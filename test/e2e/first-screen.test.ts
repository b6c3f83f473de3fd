import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { TmuxSession as Tmux, type TmuxOptions } from '../helpers/tmux.js';
import { waitFor } from '../helpers/wait-for.js';

// These tests are about the terminal (alternate screen, cursor, exit paths), not the scan: they run
// on an empty machine so the host's Pythons cannot slow them down.
const emptyRoot = mkdtempSync(path.join(os.tmpdir(), 'pyenvtui-empty-root-'));
afterAll(() => rmSync(emptyRoot, { recursive: true, force: true }));
class TmuxSession extends Tmux {
  constructor(opts: TmuxOptions = {}) {
    super({ ...opts, args: ['--root', emptyRoot, ...(opts.args ?? [])] });
  }
}

let s: TmuxSession | undefined;
afterEach(() => s?.kill());

describe('the dashboard in a real terminal (tmux, 80x24)', () => {
  it('opens on the alternate screen with the app name and key hints', async () => {
    s = new TmuxSession();
    const screen = await s.waitForText('q quit');
    expect(screen).toMatch(/pyenvtui \d+\.\d+\.\d+/);
    expect(screen).toContain('? help');
    expect(s.display('#{alternate_on}')).toBe('1');
  });

  it('opens the help overlay on ? and quits on q, restoring the terminal', async () => {
    s = new TmuxSession();
    await s.waitForText('q quit');
    // SGR mouse reporting is on while the dashboard runs, and off again after it.
    expect(s.display('#{mouse_sgr_flag}')).toBe('1');
    s.send('?');
    await s.waitForText('Keys');
    s.send('q'); // closes the overlay first
    await s.waitForText(/Scanning|Environments|Python/);
    s.send('q');
    const end = await s.waitForExit();
    expect(end).toEqual({ status: 0, signal: null, altScreen: false, cursorVisible: true });
    expect(s.display('#{mouse_sgr_flag}')).toBe('0');
  });

  it('restores the terminal on Ctrl-C', async () => {
    s = new TmuxSession();
    await s.waitForText('q quit');
    s.send('C-c');
    const end = await s.waitForExit();
    // Like any program interrupted from the keyboard: 128 + SIGINT.
    expect(end.status).toBe(130);
    expect(end.altScreen).toBe(false);
    expect(end.cursorVisible).toBe(true);
  });

  it('Ctrl-Z gives the terminal back and stops; SIGCONT takes the screen again and redraws', async () => {
    s = new TmuxSession();
    await s.waitForText('q quit');
    const pid = await s.pid();
    s.send('C-z');
    await waitFor(() => s!.display('#{alternate_on}'), { accept: (v) => v === '0', what: 'the normal screen' });
    expect(s.display('#{cursor_flag}')).toBe('1');
    process.kill(pid, 'SIGCONT');
    await waitFor(() => s!.display('#{alternate_on}'), { accept: (v) => v === '1', what: 'the alternate screen again' });
    await s.waitForText('q quit');
    s.send('q');
    expect((await s.waitForExit()).status).toBe(0);
  });

  it('restores the terminal on SIGTERM', async () => {
    s = new TmuxSession();
    await s.waitForText('q quit');
    process.kill(await s.pid(), 'SIGTERM');
    const end = await s.waitForExit();
    expect(end.status).toBe(143);
    expect(end.altScreen).toBe(false);
    expect(end.cursorVisible).toBe(true);
  });
});
