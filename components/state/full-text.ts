// The whole text behind a row (Enter opens it): a finding with every evidence line and fix, a
// package with its advice, a PATH entry with its full path. Pure; the commands are kept apart so `y`
// can copy exactly what a shell would run.
import type { Distribution, Environment, Finding, Inventory } from '../../src/model.js';
import { SEVERITY_BADGE, type FullText, type Row } from './rows.js';
import { commandLines, wrapWords } from '../ui/text.js';
import { adviceLabel } from './advice-rows.js';

// A fix is a command when it starts with a program; prose ("Delete line 2 …", "then: …") is not.
const PROGRAM = /^(sudo|pipx|pip3?|python3?(\.\d+)?|pyenv|pyenvtui|apt|apt-get|dnf|uv|conda|rm|mv|exec|\/[^\s]+|~\/[^\s]+)(\s|$)/;

/** Whether a fix line is a shell command (copyable), not an instruction in words. */
export function isCommand(fix: string): boolean {
  return PROGRAM.test(fix.trim());
}

function evidenceText(f: Finding): string[] {
  return f.evidence.map((ev) => {
    const where = ev.path ? `${ev.path}${ev.line !== undefined ? `:${ev.line}` : ''}` : ev.env ? `$${ev.env}` : '';
    return where ? `${where} — ${ev.detail}` : ev.detail;
  });
}

export function findingFull(inv: Inventory | null, f: Finding, env: Environment | undefined): FullText {
  const paragraphs = [`${SEVERITY_BADGE[f.severity]} · rule ${f.rule}`, f.title];
  if (env) paragraphs.push(`environment: ${env.name} (${env.kind}) ${env.prefix}`);
  else if (f.environment) paragraphs.push(`environment: ${f.environment}`);
  if (f.package) paragraphs.push(`package: ${f.package}`);
  if (f.evidence.length) paragraphs.push('', 'Evidence:', ...evidenceText(f).map((e) => `  ${e}`));
  const prose = f.fix.filter((x) => !isCommand(x));
  if (prose.length) paragraphs.push('', 'To fix:', ...prose.map((x) => `  ${x}`));
  void inv;
  return { title: f.title, paragraphs, commands: f.fix.filter(isCommand) };
}

export function packageFull(env: Environment, d: Distribution, findings: readonly Finding[]): FullText {
  const paragraphs = [
    `${d.displayName} ${d.version}`,
    `environment: ${env.name} (${env.kind}) ${env.prefix}`,
    `scope: ${d.scope} site ${d.site}`,
    `installed by: ${d.installer ?? 'unknown'}${d.requested === false ? ' (as a dependency)' : ''}`,
    `metadata: ${d.metadataPath}`,
  ];
  if (d.scripts.length) paragraphs.push(`commands: ${d.scripts.join(', ')}`);
  if (d.requires.length) paragraphs.push(`requires: ${d.requires.join('; ')}`);
  for (const p of d.problems ?? []) paragraphs.push(`problem: ${p}`);
  const commands: string[] = [];
  if (d.advice) {
    const a = d.advice;
    paragraphs.push('', `advice: ${adviceLabel(a)} — ${a.reason}`);
    if (a.distroPackage) paragraphs.push(`  the distribution packages it: ${a.distroPackage.manager} install ${a.distroPackage.name}${a.distroPackage.version ? ` (${a.distroPackage.version})` : ''}`);
    if (a.venv) paragraphs.push(`  a venv already uses it: ${a.venv}`);
    if (a.command && isCommand(a.command)) commands.push(a.command);
    else if (a.command) paragraphs.push(`  ${a.command}`);
  }
  const mine = findings.filter((f) => f.package === d.name);
  for (const f of mine) {
    paragraphs.push('', `${SEVERITY_BADGE[f.severity]} ${f.title}`, ...f.fix.filter((x) => !isCommand(x)).map((x) => `  ${x}`));
    commands.push(...f.fix.filter(isCommand));
  }
  return { title: `${d.displayName} in ${env.name}`, paragraphs, commands: [...new Set(commands)] };
}

/** Rows of a finding's evidence and fixes in a pane of `width`: evidence wrapped, commands whole. */
export function findingBodyRows(f: Finding, keyPrefix: string, width: number): Row[] {
  const rows: Row[] = [];
  const push = (key: string, text: string, tone: Row['cells'][0]['tone']): void => {
    rows.push({ key, selectable: false, search: text.toLowerCase(), cells: [{ text, tone }] });
  };
  evidenceText(f).forEach((text, i) => {
    wrapWords(text, Math.max(8, width - 4)).forEach((line, j) => push(`${keyPrefix}:ev${i}:${j}`, `${j === 0 ? '  - ' : '    '}${line}`, 'dim'));
  });
  f.fix.forEach((fx, i) => {
    const lines = isCommand(fx) ? commandLines(fx, width, '  $ ', '      ') : wrapWords(fx, Math.max(8, width - 7)).map((l, j) => `${j === 0 ? '  fix: ' : '       '}${l}`);
    lines.forEach((line, j) => push(`${keyPrefix}:fix${i}:${j}`, line, 'accent'));
  });
  return rows;
}
