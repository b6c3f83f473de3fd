// Rows of the findings view (worst first) and the detail of one finding.
import { severityRank, type Environment, type Finding, type Inventory } from '../../src/model.js';
import { compareText, wrap } from '../ui/text.js';
import { SEVERITY_BADGE, textRow, type Row } from './rows.js';

/** Stable key of a finding (rule + environment + package + position). */
export function findingKey(f: Finding, i: number): string {
  return `finding:${f.rule}:${f.environment ?? ''}:${f.package ?? ''}:${i}`;
}

export function envOfFinding(inv: Inventory | null, f: Finding): Environment | undefined {
  if (!inv || f.environment === undefined) return undefined;
  return inv.environments.find((e) => e.id === f.environment) ?? inv.environments.find((e) => e.prefix === f.environment);
}

/** Findings sorted by the chosen key (severity first by default), filtered. */
export function buildFindingRows(inv: Inventory | null, findings: readonly Finding[], filter: string, sort: { key: string; reverse: boolean }): Row[] {
  const needle = filter.toLowerCase();
  const items = findings.map((f, i) => {
    const env = envOfFinding(inv, f);
    return { f, i, env, envName: env?.name ?? '' };
  });
  const bySev = (a: (typeof items)[0], b: (typeof items)[0]): number =>
    severityRank(a.f.severity) - severityRank(b.f.severity) || compareText(a.f.rule, b.f.rule) || a.i - b.i;
  const cmp =
    sort.key === 'rule'
      ? (a: (typeof items)[0], b: (typeof items)[0]) => compareText(a.f.rule, b.f.rule) || bySev(a, b)
      : sort.key === 'environment'
        ? (a: (typeof items)[0], b: (typeof items)[0]) => compareText(a.envName, b.envName) || bySev(a, b)
        : bySev;
  return items
    .map((x) => ({ ...x, search: [x.f.rule, x.f.title, x.f.severity, x.envName, x.f.package ?? ''].join(' ').toLowerCase() }))
    .filter((x) => needle === '' || x.search.includes(needle))
    .sort((a, b) => (sort.reverse ? -cmp(a, b) : cmp(a, b)))
    .map(
      (x): Row => ({
        key: findingKey(x.f, x.i),
        envId: x.env?.id,
        selectable: true,
        search: x.search,
        cells: [
          { text: SEVERITY_BADGE[x.f.severity], width: 4, tone: x.f.severity },
          { text: x.f.title, flex: 3 },
          { text: x.envName, flex: 1, tone: 'dim' },
        ],
      }),
    );
}

/** Evidence and fix lines of a finding, wrapped to `width`; shared by the env detail and the findings view. */
export function findingBodyRows(f: Finding, keyPrefix: string, width: number): Row[] {
  const rows: Row[] = [];
  f.evidence.forEach((ev, i) => {
    const where = ev.path ? `${ev.path}${ev.line !== undefined ? `:${ev.line}` : ''}` : ev.env ? `$${ev.env}` : '';
    const text = where ? `${where}  ${ev.detail}` : ev.detail;
    wrap(text, width - 4).forEach((line, j) => rows.push(textRow(`${keyPrefix}:ev${i}:${j}`, `${j === 0 ? '  ⋅ ' : '    '}${line}`, 'dim')));
  });
  f.fix.forEach((fx, i) => {
    wrap(fx, width - 7).forEach((line, j) => rows.push(textRow(`${keyPrefix}:fix${i}:${j}`, `${j === 0 ? '  fix: ' : '       '}${line}`, 'accent')));
  });
  return rows;
}

/** Detail pane of the findings view. */
export function findingDetailRows(inv: Inventory | null, f: Finding, width: number): Row[] {
  const env = envOfFinding(inv, f);
  const rows: Row[] = [];
  wrap(f.title, width).forEach((l, i) => rows.push(textRow(`t${i}`, l, f.severity)));
  rows.push(textRow('sev', `${SEVERITY_BADGE[f.severity]} · rule ${f.rule}`, 'dim'));
  if (env) rows.push(textRow('env', `env: ${env.name} (${env.kind})  ${env.prefix}`, undefined));
  if (f.package) rows.push(textRow('pkg', `package: ${f.package}`));
  rows.push(textRow('h-ev', 'Evidence', 'heading'));
  rows.push(...findingBodyRows(f, 'body', width));
  if (env) rows.push(textRow('hint', 'Enter: open this environment', 'dim'));
  // The cursor needs a home: the title line is selectable.
  rows[0] = { ...rows[0]!, selectable: true };
  return rows;
}
