// Detail pane of one environment: facts, the packages table, and its findings with evidence and fix.
import { severityRank, type Environment, type Finding } from '../../src/model.js';
import { compareText, formatBytes } from '../ui/text.js';
import { adviceRow } from './advice-rows.js';
import { findingBodyRows } from './finding-rows.js';
import { SEVERITY_BADGE, textRow, type Row } from './rows.js';

export interface EnvDetailInput {
  env: Environment;
  findings: readonly Finding[];
  size: number | undefined;
  sizing: boolean;
  width: number;
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

  rows.push(textRow('h-pkg', `Packages (${env.packages.length})`, 'heading'));
  if (env.packages.length > 0) {
    rows.push({
      key: 'cols',
      selectable: false,
      search: '',
      cells: [
        { text: 'name', flex: 2, tone: 'dim' },
        { text: 'version', width: 9, tone: 'dim' },
        { text: 'by', width: 6, tone: 'dim' },
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
      cells: [
        { text: d.displayName, flex: 2, tone: d.problems?.length ? 'bad' : undefined },
        { text: d.version, width: 9 },
        { text: d.installer ?? '?', width: 6, tone: 'dim' },
        { text: d.scope, width: 6, tone: d.scope === 'user' || d.scope === 'local' ? 'medium' : undefined },
        { text: d.scripts.join(' '), flex: 1, tone: 'dim' },
      ],
    });
    // The playbook's advice under its package; `keep` (dpkg-owned, shown as `by debian`) would only
    // double a distro site's table, so it is left to the packages view.
    const advice = d.advice?.action === 'keep' ? null : adviceRow(d.metadataPath, d.advice);
    if (advice) rows.push(advice);
  }

  const sorted = [...findings].sort((a, b) => severityRank(a.severity) - severityRank(b.severity));
  rows.push(textRow('h-find', `Findings (${sorted.length})`, 'heading'));
  sorted.forEach((f, i) => {
    rows.push({
      key: `f${i}:${f.rule}`,
      envId: env.id,
      selectable: true,
      search: `${f.rule} ${f.title} ${f.package ?? ''}`.toLowerCase(),
      cells: [
        { text: SEVERITY_BADGE[f.severity], width: 4, tone: f.severity },
        { text: f.title, flex: 1 },
      ],
    });
    rows.push(...findingBodyRows(f, `f${i}`, width));
  });
  if (sorted.length === 0) rows.push(textRow('none', 'nothing risky found here', 'ok'));
  return rows;
}
