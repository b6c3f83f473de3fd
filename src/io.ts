import type { Env } from './context/scan-context.js';

/** The streams and facts a command needs; injected so commands run in tests without a process. */
export interface CommandIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: Env;
  /** stdin and stdout are both terminals. */
  isTTY: boolean;
}
