// Alternate screen and cursor handling. Ink 6 has no alternate-screen option, so we write the
// sequences ourselves and make sure every exit path (q, Ctrl-C, SIGTERM, SIGHUP, a crash) restores them.
const ENTER_ALT = '\x1b[?1049h';
const LEAVE_ALT = '\x1b[?1049l';
const SHOW_CURSOR = '\x1b[?25h';
const HIDE_CURSOR = '\x1b[?25l';
// Autowrap off while we own the screen: a frame drawn for the old width right after a resize is
// clipped instead of wrapping and scrolling the screen under the frame writer's feet.
const NO_WRAP = '\x1b[?7l';
const WRAP = '\x1b[?7h';
// Mouse: button events (1000) reported in SGR form (1006), as lazygit and htop; off again on every exit.
const MOUSE_ON = '\x1b[?1000h\x1b[?1006h';
const MOUSE_OFF = '\x1b[?1006l\x1b[?1000l';

export interface ScreenSession {
  /** Leave the alternate screen and show the cursor; safe to call more than once. */
  restore(): void;
  /**
   * Ctrl-Z: give the terminal back as it was (normal screen, cursor, cooked mode), stop with SIGTSTP
   * like any job, and on SIGCONT take the screen again and call `resumed` to redraw.
   */
  suspend(resumed: () => void): void;
}

/** Enters the alternate screen and installs handlers that restore the terminal on any exit. */
export function enterFullScreen(stdout: NodeJS.WriteStream, beforeRestore: () => void = () => {}): ScreenSession {
  let active = true;
  const restore = (): void => {
    if (!active) return;
    active = false;
    stdout.write(MOUSE_OFF + WRAP + SHOW_CURSOR + LEAVE_ALT);
    process.off('exit', restore);
    for (const [sig, h] of handlers) process.off(sig, h);
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
  };
  const SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;
  const handlers = (Object.keys(SIGNALS) as Array<keyof typeof SIGNALS>).map((sig): [NodeJS.Signals, () => void] => [
    sig,
    () => {
      // Let the UI unmount first: its last frame must land on the alternate screen, not after it.
      try {
        beforeRestore();
      } catch {
        /* restoring the terminal matters more */
      }
      restore();
      process.exit(128 + SIGNALS[sig]);
    },
  ]);
  const onCrash = (err: unknown): void => {
    restore();
    process.stderr.write(`pyenvtui crashed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(70);
  };
  const suspend = (resumed: () => void): void => {
    if (!active) return;
    stdout.write(MOUSE_OFF + WRAP + SHOW_CURSOR + LEAVE_ALT);
    const stdin = process.stdin;
    if (stdin.isTTY) stdin.setRawMode(false);
    process.once('SIGCONT', () => {
      if (stdin.isTTY) stdin.setRawMode(true);
      stdout.write(ENTER_ALT + HIDE_CURSOR + NO_WRAP + MOUSE_ON + '\x1b[H');
      resumed();
    });
    // No handler for SIGTSTP is installed: its default action stops the process, as the shell expects.
    process.kill(process.pid, 'SIGTSTP');
  };
  stdout.write(ENTER_ALT + HIDE_CURSOR + NO_WRAP + MOUSE_ON + '\x1b[H');
  process.on('exit', restore);
  for (const [sig, h] of handlers) process.once(sig, h);
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  return { restore, suspend };
}

/** Whether the locale can show UTF-8: the first of LC_ALL, LC_CTYPE, LANG that is set decides (unset = POSIX). */
export function utf8Locale(env: Record<string, string | undefined>): boolean {
  const loc = [env.LC_ALL, env.LC_CTYPE, env.LANG].find((v) => v !== undefined && v !== '');
  return loc !== undefined && /utf-?8/i.test(loc);
}
