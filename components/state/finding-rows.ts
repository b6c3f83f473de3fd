// Rows of the findings view (worst first) and the detail of one finding.
import { severityRank, type Environment, type Finding, type Inventory } from '../../src/model.js';
import { compareText, wrapWords } from '../ui/text.js';
import { findingBodyRows, findingFull, isCommand } from './full-text.js';
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
  const envWidth = Math.min(24, Math.max(0, ...items.map((x) => x.envName.length)));
  return items
    .map((x) => ({ ...x, search: [x.f.rule, x.f.title, x.f.severity, x.envName, x.f.package ?? ''].join(' ').toLowerCase() }))
    .filter((x) => needle === '' || x.search.includes(needle))
    .sort((a, b) => (sort.reverse ? -cmp(a, b) : cmp(a, b)))
    .map(
      (x): Row => ({
        key: findingKey(x.f, x.i),
        envId: x.env?.id,
        // A finding about one package: Space tags that package, Enter lands on it.
        ...(x.f.package && x.env?.packages.some((p) => p.name === x.f.package) ? { pkg: { envId: x.env.id, name: x.f.package } } : {}),
        selectable: true,
        search: x.search,
        commands: x.f.fix.filter(isCommand),
        full: findingFull(inv, x.f, x.env),
        cells: [
          { text: SEVERITY_BADGE[x.f.severity], width: 4, tone: x.f.severity },
          { text: x.f.title, flex: 1 },
          // The environment is in the detail; as a column only when it is the sort key.
          ...(sort.key === 'environment' ? [{ text: x.envName, width: envWidth, tone: 'dim' as const }] : []),
        ],
      }),
    );
}

export { findingBodyRows } from './full-text.js';

/** Detail pane of the findings view. */
export function findingDetailRows(inv: Inventory | null, f: Finding, width: number): Row[] {
  const env = envOfFinding(inv, f);
  const rows: Row[] = [];
  wrapWords(f.title, width).forEach((l, i) => rows.push(textRow(`t${i}`, l, f.severity)));
  rows.push(textRow('sev', `${SEVERITY_BADGE[f.severity]} · rule ${f.rule}`, 'dim'));
  if (env) rows.push(textRow('env', `env: ${env.name} (${env.kind})  ${env.prefix}`, undefined));
  if (f.package) rows.push(textRow('pkg', `package: ${f.package}`));
  rows.push(textRow('h-ev', 'Evidence', 'heading'));
  rows.push(...findingBodyRows(f, 'body', width));
  rows.push(textRow('hint', env ? 'Enter (on the list): go to the environment and package · y: copy the commands' : 'y: copy the commands', 'dim'));
  // The cursor needs a home: the title line is selectable, and opens the whole text.
  rows[0] = { ...rows[0]!, selectable: true, full: findingFull(inv, f, env), commands: f.fix.filter(isCommand) };
  return rows;
}
