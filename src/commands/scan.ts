// `pyenvtui scan`: one inventory, as text, JSON, JSON lines or Ansible facts (options: args/scan.ts).
import path from 'node:path';
import { ScanContext, type Env } from '../context/scan-context.js';
import { analyze } from '../analyze.js';
import { scan } from '../discover/index.js';
import { writeInventoryJson } from '../report/json.js';
import { inventoryText } from '../report/text.js';
import { visible } from '../text/safe.js';
import { SCAN_SPEC } from './args/scan.js';
import { parseDepth, searchInRoot } from './scan-scope.js';
import { flag, list, parseCommand, str, usageError } from './spec.js';

export interface ScanIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: Env;
}

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

/** Parse scan options (SCAN_SPEC); returns an error message for bad usage. Pure. */
export function parseScanArgs(argv: string[]): ScanArgs | { error: string } {
  const p = parseCommand(SCAN_SPEC, argv);
  if ('error' in p) return p;
  const depth = parseDepth(str(p, 'depth'));
  if (typeof depth === 'object') return depth;
  const out: ScanArgs = { json: flag(p, 'json'), pretty: flag(p, 'pretty'), search: list(p, 'search') };
  const root = str(p, 'root');
  if (root !== undefined) out.root = root;
  if (depth !== undefined) out.depth = depth;
  const facts = p.values.facts;
  if (facts !== undefined) out.facts = facts === 'full' ? 'full' : 'compact';
  if (flag(p, 'json-lines')) out.jsonLines = true;
  if (flag(p, 'no-sizes')) out.noSizes = true;
  if ([out.json, out.jsonLines, out.facts].filter(Boolean).length > 1) return { error: 'choose one of --json, --json-lines, --facts' };
  return out;
}

/** Run `pyenvtui scan`; returns the exit code (0 ok, 2 usage). */
export async function runScan(argv: string[], io: ScanIO): Promise<number> {
  const args = parseScanArgs(argv);
  if ('error' in args) {
    return usageError(io, SCAN_SPEC, args.error, visible);
  }
  const root = path.resolve(args.root ?? '/');
  const search = searchInRoot(root, args.search);
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
