import { stat } from 'node:fs/promises';
import { utf8Locale } from '../terminal.js';
import type { CommandIO } from '../io.js';
import { VERSION } from '../version.js';
import { visible } from '../text/safe.js';
import { TUI_SPEC } from './args/tui.js';
import { scanScope } from './scan-scope.js';
import { flag, parseCommand, usageError } from './spec.js';

export interface TuiArgs {
  root: string;
  search: string[];
  depth?: number;
  noColor: boolean;
  ascii: boolean;
  readonly: boolean;
}

/** Parses dashboard options (TUI_SPEC); returns an error message for bad usage. Pure. */
export function parseTuiArgs(argv: string[]): TuiArgs | { error: string } {
  const p = parseCommand(TUI_SPEC, argv);
  if ('error' in p) return p;
  const scope = scanScope(p);
  if ('error' in scope) return scope;
  return { ...scope, noColor: flag(p, 'no-color'), ascii: flag(p, 'ascii'), readonly: flag(p, 'readonly') };
}

/** `pyenvtui [tui]`: the dashboard in a terminal, a plain-text summary otherwise. */
export async function runTui(argv: string[], io: CommandIO): Promise<number> {
  const args = parseTuiArgs(argv);
  if ('error' in args) {
    return usageError(io, TUI_SPEC, args.error, visible);
  }
  // Like scan and doctor: a root that is not a directory is a usage error, not an empty machine.
  const rootOk = await stat(args.root).then((st) => st.isDirectory(), () => false);
  if (!rootOk) {
    io.stderr.write(`pyenvtui: --root ${args.root} is not a directory\n`);
    return 2;
  }
  const { createScanLoader } = await import('../app/scan-loader.js');
  const loader = createScanLoader({ root: args.root, search: args.search, env: io.env, ...(args.depth !== undefined ? { depth: args.depth } : {}) });
  // TERM=dumb cannot address the screen: the same summary as without a terminal.
  if (!io.isTTY || io.env.TERM === 'dumb') {
    const { plainSummary } = await import('../app/plain-summary.js');
    const why = io.isTTY ? 'TERM=dumb cannot draw a full-screen dashboard' : 'the dashboard needs an interactive terminal (stdin and stdout must be a TTY)';
    io.stderr.write(`pyenvtui ${VERSION}: ${why}; here is a plain-text summary.\n`);
    io.stdout.write(await plainSummary(loader));
    return 0;
  }
  const env = io.env;
  const color = !args.noColor && !(env.NO_COLOR !== undefined && env.NO_COLOR !== '') && env.FORCE_COLOR !== '0' && env.TERM !== 'dumb';
  const { launchDashboard } = await withoutFetch(() => import('../../components/app/launch.js'));
  return launchDashboard({
    version: VERSION,
    loader,
    // Over SSH LANG is often C or POSIX: box drawing would arrive as mojibake, so ASCII then.
    options: { readonly: args.readonly, ascii: args.ascii || !utf8Locale(env), color },
    slow: env.SSH_CONNECTION !== undefined && env.SSH_CONNECTION !== '',
  });
}


/**
 * Loads Ink with `fetch` hidden. Yoga's wasm glue (Ink's layout engine) tries `fetch` on its own
 * data: URL before decoding it directly; in Node 20 the first touch of `fetch` loads undici, which
 * costs ~25-30 ms and a few MB before the first frame for nothing. The getter is put back untouched.
 */
export async function withoutFetch<T>(load: () => Promise<T>): Promise<T> {
  const desc = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  if (!desc?.configurable) return load();
  Object.defineProperty(globalThis, 'fetch', { value: undefined, configurable: true, writable: true });
  try {
    return await load();
  } finally {
    Object.defineProperty(globalThis, 'fetch', desc);
  }
}
