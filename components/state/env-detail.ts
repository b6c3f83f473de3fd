// Detail pane of one environment: facts, the packages table, and its findings with evidence and fix.
import { severityRank, type Environment, type Finding } from '../../src/model.js';
import { compareText, formatBytes } from '../ui/text.js';
import { adviceRows } from './advice-rows.js';
import { findingFull, isCommand, packageFull } from './full-text.js';
import { SEVERITY_BADGE, textRow, type Row } from './rows.js';

export interface EnvDetailInput {
  env: Environment;
  findings: readonly Finding[];
  size: number | undefined;
  sizing: boolean;
  width: number;
}

/** Widths of the packages table: name and version as long as the longest, scripts get the rest. */
function columnWidths(env: Environment, width: number): { name: number; version: number; by: number } {
  const longest = (xs: string[], min: number): number => xs.reduce((n, x) => Math.max(n, x.length), min);
  const version = Math.min(12, longest(env.packages.map((d) => d.version), 7));
  const by = Math.min(8, longest(env.packages.map((d) => d.installer ?? '?'), 2));
  // name version by scope(6) scripts(at least 7), one space between cells.
  const room = Math.max(8, width - version - by - 6 - 7 - 4);
  return { name: Math.min(room, longest(env.packages.map((d) => d.displayName), 4)), version, by };
}

function yesNo(b: boolean): string {
  return b ? 'yes' : 'no';
}

/** Most dependents listed by name before the rest are counted (the impact command lists them all). */
const DEPENDENTS_SHOWN = 8;

/** An interpreter's dependents: what breaks if it is removed (pyenvtui impact). */
function dependentRows(env: Environment): Row[] {
  const deps = env.dependents;
  if (!deps) return [];
  if (!deps.length) return [textRow('deps', 'used by: nothing (removing it breaks no environment)', 'dim')];
  const rows = [textRow('deps', `used by ${deps.length} environment${deps.length > 1 ? 's' : ''}: removing it breaks them (pyenvtui impact ${env.prefix})`, 'medium')];
  deps.slice(0, DEPENDENTS_SHOWN).forEach((id, i) => rows.push(textRow(`dep${i}`, `  - ${id}`, 'dim', 'start')));
  if (deps.length > DEPENDENTS_SHOWN) rows.push(textRow('dep-more', `  … and ${deps.length - DEPENDENTS_SHOWN} more`, 'dim'));
  return rows;
}

export function envDetailRows({ env, findings, size, sizing, width }: EnvDetailInput): Row[] {
  const rows: Row[] = [];
  const py = env.python;
  rows.push(textRow('py', `${env.kind} · Python ${py.version ?? 'unknown'}${py.executable ? ` · ${py.executable}` : ''}`, 'heading'));
  rows.push(textRow('prefix', env.prefix, undefined, 'start'));
  if (py.base) rows.push(textRow('base', `base: ${py.base}`, 'dim', 'start'));
  if (env.builtOn !== undefined) rows.push(textRow('built-on', `built on: ${env.builtOn ?? 'an interpreter that is not on this machine any more'}`, env.builtOn ? 'dim' : 'bad', 'start'));
  rows.push(...dependentRows(env));
  const bytes = size ?? env.sizeBytes;
  const sizeText = bytes !== undefined ? formatBytes(bytes) : sizing ? 'computing…' : '—';
  rows.push(textRow('health', `health: ${env.health.ok ? 'ok' : 'BROKEN'} · size: ${sizeText}`, env.health.ok ? undefined : 'bad'));
  rows.push(textRow('pep668', `externally-managed: ${yesNo(env.externallyManaged)} · system-site-packages: ${yesNo(env.systemSitePackages)}`, env.externallyManaged ? 'medium' : undefined));
  env.health.problems.forEach((p, i) => rows.push(textRow(`prob${i}`, `! ${p}`, 'bad')));

  const sorted = [...findings].sort((a, b) => severityRank(a.severity) - severityRank(b.severity));
  rows.push(textRow('h-find', `Findings (${sorted.length})`, 'heading'));
  sorted.forEach((f, i) => {
    rows.push({
      key: `f${i}:${f.rule}`,
      envId: env.id,
      ...(f.package && env.packages.some((p) => p.name === f.package) ? { pkg: { envId: env.id, name: f.package } } : {}),
      selectable: true,
      search: `${f.rule} ${f.title} ${f.package ?? ''}`.toLowerCase(),
      commands: f.fix.filter(isCommand),
      full: findingFull(null, f, env),
      cells: [
        { text: SEVERITY_BADGE[f.severity], width: 4, tone: f.severity },
        { text: f.title, flex: 1 },
      ],
    });
  });
  if (sorted.length === 0) rows.push(textRow('none', 'nothing risky found here', 'ok'));
  else rows.push(textRow('f-hint', 'Enter on a finding: evidence and fix in full · y: copy its commands', 'dim'));

  rows.push(textRow('h-pkg', `Packages (${env.packages.length})`, 'heading'));
  // Columns sized to their content: a name is cut only when the pane is really too narrow.
  const w = columnWidths(env, width);
  if (env.packages.length > 0) {
    rows.push({
      key: 'cols',
      selectable: false,
      search: '',
      cells: [
        { text: 'name', width: w.name, tone: 'dim' },
        { text: 'version', width: w.version, tone: 'dim' },
        { text: 'by', width: w.by, tone: 'dim' },
        { text: 'scope', width: 6, tone: 'dim' },
        { text: 'scripts', flex: 1, tone: 'dim' },
      ],
    });
  }
  const pkgs = [...env.packages].sort((a, b) => compareText(a.name, b.name) || compareText(a.scope, b.scope));
  for (const d of pkgs) {
    rows.push({
      key: `dist:${d.metadataPath}`,
      envId: env.id,
      pkg: { envId: env.id, name: d.name },
      selectable: true,
      search: `${d.name} ${d.version} ${d.installer ?? ''} ${d.scope}`.toLowerCase(),
      full: packageFull(env, d, findings),
      cells: [
        { text: d.displayName, width: w.name, tone: d.problems?.length ? 'bad' : undefined },
        { text: d.version, width: w.version },
        { text: d.installer ?? '?', width: w.by, tone: 'dim' },
        { text: d.scope, width: 6, tone: d.scope === 'user' || d.scope === 'local' ? 'medium' : undefined },
        { text: d.scripts.join(' '), flex: 1, tone: 'dim' },
      ],
    });
    // The playbook's advice under its package; `keep` (dpkg-owned, shown as `by debian`) would only
    // double a distro site's table, so it is left to the packages view.
    if (d.advice?.action !== 'keep') rows.push(...adviceRows(d.metadataPath, d.advice, width));
  }

  return rows;
}
