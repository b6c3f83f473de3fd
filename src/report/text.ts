// Plain-text summary of an inventory for `pyenvtui scan`: no colour, grouped by kind, with counts.
import { visibleLines } from '../text/safe.js';
import { ENV_KINDS, SEVERITIES, type Environment, type Inventory, type PathCommand, type Scope } from '../model.js';

const SCOPES: Scope[] = ['user', 'local', 'distro', 'env'];

export function inventoryText(inv: Inventory): string {
  const out: string[] = [];
  const envs = inv.environments;
  const pkgCount = envs.reduce((n, e) => n + e.packages.length, 0);
  const broken = envs.filter((e) => !e.health.ok).length;
  out.push(`pyenvtui scan of ${inv.host} (root ${inv.root}, home ${inv.home})`);
  out.push(`${envs.length} environment${envs.length === 1 ? '' : 's'}, ${pkgCount} package${pkgCount === 1 ? '' : 's'}` +
    (broken ? `, ${broken} with problems` : ''));
  for (const kind of ENV_KINDS) {
    const group = envs.filter((e) => e.kind === kind);
    if (!group.length) continue;
    out.push('', `${kind} (${group.length})`);
    for (const e of group) out.push(...envLines(e));
  }
  out.push('', 'PATH');
  for (const c of [inv.path.python, inv.path.python3, inv.path.pip, inv.path.pip3]) if (c) out.push(cmdLine(c));
  const shadowed = inv.path.commands.filter((c) => c.shadows.length);
  if (shadowed.length) {
    out.push(`  ${shadowed.length} command${shadowed.length === 1 ? '' : 's'} found more than once on PATH:`);
    for (const c of shadowed) out.push(cmdLine(c));
  }
  if (inv.findings) {
    const counts = SEVERITIES.map((s) => [s, inv.findings!.filter((f) => f.severity === s).length] as const).filter(([, n]) => n);
    out.push('', counts.length ? `Findings: ${counts.map(([s, n]) => `${n} ${s}`).join(', ')} (details: pyenvtui doctor)` : 'Findings: none');
  }
  if (inv.problems.length) {
    out.push('', `Scan problems (${inv.problems.length})`);
    for (const p of inv.problems) out.push(`  [${p.locator}] ${p.path ? `${p.path}: ` : ''}${p.message}`);
  }
  // Each entry is one line; names and paths from disk are shown with their control characters visible.
  return visibleLines(out) + '\n';
}

function envLines(e: Environment): string[] {
  const flags: string[] = [];
  if (e.externallyManaged) flags.push('externally-managed');
  if (e.systemSitePackages) flags.push('system-site-packages');
  if (!e.health.ok) flags.push('PROBLEMS');
  const byScope = SCOPES.map((s) => [s, e.packages.filter((p) => p.scope === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => (s === 'env' ? `${n}` : `${n} ${s}`));
  const lines = [
    `  ${e.name}  python ${e.python.version ?? '?'}  ${e.prefix}` +
      `  [${byScope.length ? byScope.join(', ') : '0'} pkg${e.packages.length === 1 ? '' : 's'}]` +
      (flags.length ? `  ${flags.join(' ')}` : ''),
  ];
  for (const p of e.health.problems.slice(0, 5)) lines.push(`      ! ${p}`);
  if (e.health.problems.length > 5) lines.push(`      ! ... ${e.health.problems.length - 5} more`);
  return lines;
}

function cmdLine(c: PathCommand): string {
  const t = c.target ? ` -> ${c.target}` : '';
  if (c.pyenv) {
    // A pyenv shim: say what it runs, not where the shim is.
    const via = `pyenv ${c.pyenv.version}${c.pyenv.source ? ` (${c.pyenv.source})` : ''}`;
    const runs = c.pyenv.runs ? ` -> ${via} -> ${c.pyenv.runs}` : ` -> ${via}: ${c.pyenv.problem ?? 'runs nothing'}`;
    return `  ${c.name}: ${c.path}${runs}${c.shadows.length ? `  (shadows ${c.shadows.join(', ')})` : ''}`;
  }
  const s = c.shadows.length ? `  (shadows ${c.shadows.join(', ')})` : '';
  return `  ${c.name}: ${c.path}${t}${s}`;
}
