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

export const SCAN_USAGE = 'pyenvtui scan [--json [--pretty] | --json-lines | --facts[=full] [--no-sizes]] [--root DIR] [--search DIR]... [--depth N]';

export interface ScanArgs {
  json: boolean;
  /** Indent the JSON (compact by default: it is for machines, and `jq .` pretty-prints). */
  pretty: boolean;
  root?: string;
  search: string[];
  depth?: number;
  /** `--facts` / `--facts=full`: the Ansible custom-facts summary (src/report/facts.ts). */
  facts?: 'compact' | 'full';
  jsonLines?: boolean;
  noSizes?: boolean;
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
    else if (flag === '--json-lines') out.jsonLines = true;
    else if (flag === '--no-sizes') out.noSizes = true;
    else if (flag === '--facts') {
      if (inline !== undefined && inline !== 'full') return { error: `--facts takes no value or '=full', got '${inline}'` };
      out.facts = inline === 'full' ? 'full' : 'compact';
    }
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
  if ([out.json, out.jsonLines, out.facts].filter(Boolean).length > 1) return { error: 'choose one of --json, --json-lines, --facts' };
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
  const { platform } = await analyze(inv, ctx);
  if (args.facts) {
    const { factsText } = await import('../report/facts-output.js');
    io.stdout.write(await factsText(ctx, inv, platform, io.env, { full: args.facts === 'full', sizes: !args.noSizes }));
  } else if (args.jsonLines) await (await import('../report/facts-output.js')).writeJsonLines(inv, io.stdout);
  else if (args.json) await writeInventoryJson(inv, io.stdout, args.pretty);
  else io.stdout.write(inventoryText(inv));
  return 0;
}
