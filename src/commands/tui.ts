import { stat } from 'node:fs/promises';
import path from 'node:path';
import { utf8Locale } from '../terminal.js';
import type { CommandIO } from '../io.js';
import { VERSION } from '../version.js';

export const TUI_USAGE = 'pyenvtui [tui] [--root DIR] [--search DIR]... [--depth N] [--no-color] [--ascii] [--readonly]';

export interface TuiArgs {
  root: string;
  search: string[];
  depth?: number;
  noColor: boolean;
  ascii: boolean;
  readonly: boolean;
}

/** Parses dashboard options; returns an error message for bad usage. Pure. */
export function parseTuiArgs(argv: string[]): TuiArgs | { error: string } {
  const out: TuiArgs = { root: '/', search: [], noColor: false, ascii: false, readonly: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const eq = a.indexOf('=');
    const [flag, inline] = a.startsWith('--') && eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    const value = (): string | null => (inline !== undefined ? inline : (argv[++i] ?? null));
    if (flag === '--no-color') out.noColor = true;
    else if (flag === '--ascii') out.ascii = true;
    else if (flag === '--readonly') out.readonly = true;
    else if (flag === '--root' || flag === '--search' || flag === '--depth') {
      const v = value();
      if (v === null || v === '') return { error: `${flag} needs a value` };
      if (flag === '--root') out.root = path.resolve(v);
      else if (flag === '--search') out.search.push(v);
      else if (!/^\d+$/.test(v) || Number(v) > 64) return { error: `--depth must be a whole number from 0 to 64, got '${v}'` };
      else out.depth = Number(v);
    } else return { error: `unknown option '${a}'` };
  }
  // --search takes paths as the user sees them; under --root, host paths inside the root are mapped in.
  out.search = out.search.map((s) => {
    const abs = path.resolve(s);
    if (out.root === '/') return abs;
    return abs === out.root ? '/' : abs.startsWith(out.root + '/') ? abs.slice(out.root.length) : s;
  });
  return out;
}

/** `pyenvtui [tui]`: the dashboard in a terminal, a plain-text summary otherwise. */
export async function runTui(argv: string[], io: CommandIO): Promise<number> {
  const args = parseTuiArgs(argv);
  if ('error' in args) {
    io.stderr.write(`pyenvtui: ${args.error}\nUsage: ${TUI_USAGE}\n`);
    return 2;
  }
  // Like scan and doctor: a root that is not a directory is a usage error, not an empty machine.
  const rootOk = await stat(args.root).then((st) => st.isDirectory(), () => false);
  if (!rootOk) {
    io.stderr.write(`pyenvtui: --root ${args.root} is not a directory\n`);
    return 2;
  }
  const { createScanLoader } = await import('../../components/app/scan-loader.js');
  const loader = createScanLoader({ root: args.root, search: args.search, env: io.env, ...(args.depth !== undefined ? { depth: args.depth } : {}) });
  // TERM=dumb cannot address the screen: the same summary as without a terminal.
  if (!io.isTTY || io.env.TERM === 'dumb') {
    const { plainSummary } = await import('../../components/app/plain-summary.js');
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
