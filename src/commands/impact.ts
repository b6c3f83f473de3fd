// `pyenvtui impact PYTHON | --upgrade RELEASE [--json] [--root DIR]`: what breaks before a Python is
// removed or the distribution is upgraded. Exit 0 when nothing depends on it, 1 when something would
// break (scriptable like doctor), 2 for usage errors.
import path from 'node:path';
import { ScanContext, type Env } from '../context/scan-context.js';
import { visible } from '../text/safe.js';
import { removalImpact, RELEASE_UPGRADES, upgradeImpact, findInterpreter, type Impact } from '../lifecycle/impact.js';
import { jsonSafe } from '../text/safe.js';
import { IMPACT_SPEC } from './args/impact.js';
import { flag, parseCommand, str, usageError } from './spec.js';

export interface ImpactIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: Env;
}

export function impactText(im: Impact): string {
  const lines = [`${visible(im.subject)}:`];
  if (!im.items.length) lines.push('  nothing on this machine depends on it');
  for (const i of im.items) {
    lines.push(`  ${visible(i.kind)} ${visible(i.name)}  ${visible(i.path)}`, `      ${visible(i.why)}`);
    if (i.fix) lines.push(`      fix: ${visible(i.fix)}`);
  }
  for (const n of im.notes) lines.push(`note: ${visible(n)}`);
  return lines.join('\n') + '\n';
}

export async function runImpact(argv: string[], io: ImpactIO): Promise<number> {
  const p = parseCommand(IMPACT_SPEC, argv);
  if ('error' in p) return usageError(io, IMPACT_SPEC, p.error, visible);
  const positionals = p.positionals;
  const values = { json: flag(p, 'json'), upgrade: str(p, 'upgrade')?.toLowerCase() };
  if ((values.upgrade === undefined) === (positionals.length === 0)) {
    return usageError(io, IMPACT_SPEC, `name one Python, or --upgrade RELEASE (${Object.keys(RELEASE_UPGRADES).join(', ')})`);
  }
  const root = path.resolve(str(p, 'root') ?? '/');
  const ctx = new ScanContext({ root, env: io.env });
  if (!(await ctx.isDir('/'))) {
    io.stderr.write(`pyenvtui impact: --root ${root} is not a directory\n`);
    return 2;
  }
  const { scan } = await import('../discover/index.js');
  const inv = await scan(ctx);
  let im: Impact;
  if (values.upgrade !== undefined) {
    const r = upgradeImpact(inv, values.upgrade);
    if ('error' in r) {
      io.stderr.write(`pyenvtui impact: ${r.error}\n`);
      return 2;
    }
    im = r;
  } else {
    const t = findInterpreter(inv, positionals[0]!, (p) => ctx.tryRealpath(p));
    if ('error' in t) {
      io.stderr.write(`pyenvtui impact: ${visible(t.error)}\n`);
      return 2;
    }
    im = removalImpact(inv, t);
  }
  io.stdout.write(values.json ? jsonSafe(JSON.stringify(im, null, 2)) + '\n' : impactText(im));
  return im.items.length ? 1 : 0;
}
