// `pyenvtui scan [--json] [--root DIR] [--search DIR]... [--depth N]`: one inventory, as JSON or text.
import path from 'node:path';
import { ScanContext, type Env } from '../context.js';
import { analyze } from '../analyze.js';
import { scan } from '../discover/index.js';
import { writeInventoryJson } from '../report/json.js';
import { inventoryText } from '../report/text.js';
import { visible } from '../text/safe.js';

export interface ScanIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: Env;
}

export const SCAN_USAGE = 'pyenvtui scan [--json [--pretty]] [--root DIR] [--search DIR]... [--depth N]';

export interface ScanArgs {
  json: boolean;
  /** Indent the JSON (compact by default: it is for machines, and `jq .` pretty-prints). */
  pretty: boolean;
  root?: string;
  search: string[];
  depth?: number;
}

/** Parse scan options; returns an error message for bad usage. Pure. */
export function parseScanArgs(argv: string[]): ScanArgs | { error: string } {
  const out: ScanArgs = { json: false, pretty: false, search: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const eq = a.indexOf('=');
    const [flag, inline] = a.startsWith('--') && eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    const value = (): string | null => (inline !== undefined ? inline : (argv[++i] ?? null));
    if (flag === '--json') out.json = true;
    else if (flag === '--pretty') out.pretty = true;
    else if (flag === '--root' || flag === '--search' || flag === '--depth') {
      const v = value();
      if (v === null || v === '') return { error: `${flag} needs a value` };
      if (flag === '--root') out.root = v;
      else if (flag === '--search') out.search.push(v);
      else {
        if (!/^\d+$/.test(v) || Number(v) > 64) return { error: `--depth must be a whole number from 0 to 64, got '${v}'` };
        out.depth = Number(v);
      }
    } else return { error: `unknown option '${a}'` };
  }
  return out;
}

/** Run `pyenvtui scan`; returns the exit code (0 ok, 2 usage). */
export async function runScan(argv: string[], io: ScanIO): Promise<number> {
  const args = parseScanArgs(argv);
  if ('error' in args) {
    io.stderr.write(`pyenvtui scan: ${visible(args.error)}\nUsage: ${SCAN_USAGE}\n`);
    return 2;
  }
  const root = path.resolve(args.root ?? '/');
  // --search takes paths as the user sees them; under --root, host paths inside the root are mapped in.
  const search = args.search.map((s) => {
    if (root === '/') return path.resolve(s);
    const abs = path.resolve(s);
    return abs === root ? '/' : abs.startsWith(root + '/') ? abs.slice(root.length) : s;
  });
  const ctx = new ScanContext({ root, env: io.env, search, ...(args.depth !== undefined ? { depth: args.depth } : {}) });
  if (!(await ctx.isDir('/'))) {
    io.stderr.write(`pyenvtui scan: --root ${visible(root)} is not a directory\n`);
    return 2;
  }
  const inv = await scan(ctx);
  await analyze(inv, ctx);
  if (args.json) await writeInventoryJson(inv, io.stdout, args.pretty);
  else io.stdout.write(inventoryText(inv));
  return 0;
}
