// Plain-text renderings of plans, events and journals for the CLI (and for logs). Pure.
import type { ExecEvent } from './events.js';
import { installSourceText } from './install-source.js';
import { otherNotes, prerequisiteLines } from './prerequisites.js';
import type { Journal, Plan } from './types.js';
import { visible, visibleLines } from '../text/safe.js';

export function planText(plan: Plan): string {
  const lines: string[] = [];
  if (plan.purpose === 'restore') lines.push(`Restore ${plan.id}${plan.offline ? ', offline' : ''}`);
  else if (plan.purpose === 'repair') lines.push(`Repair ${plan.id} (offline, from the environments' own files)`);
  else if (plan.purpose === 'clean') lines.push(`Clean-up ${plan.id}: move to the trash`);
  else lines.push(`Migration ${plan.id} → ${plan.target.kind}${plan.target.dir ? ` (${plan.target.dir})` : ''}${plan.offline ? ', offline' : ''}`);
  for (const p of plan.purpose === 'clean' ? [] : plan.packages) {
    lines.push(`  ${p.displayName} ${p.version} (${p.scope})  install as ${p.requirement}${p.injectInto ? `, injected into ${p.injectInto.join(', ')}` : ''}`);
    if (p.scripts.length) lines.push(`    commands: ${p.scripts.join(', ')}`);
  }
  const deps = plan.packages[0]?.removableDeps ?? [];
  if (deps.length) lines.push(`  dependencies removed with it: ${deps.join(', ')}`);
  for (const k of plan.packages[0]?.keptDeps ?? []) lines.push(`  keeps ${k.name}: ${k.reason}`);
  if (plan.packages.length && (plan.purpose ?? 'migrate') === 'migrate') lines.push(`  ${installSourceText(plan.offline, `${plan.backupDir}/wheels`)}`);
  // Prerequisites first, each with the commands that fix it; then the planner's own notes.
  for (const p of plan.prerequisites ?? []) lines.push(...prerequisiteLines(p).map((l) => `  ${l}`));
  const notes = otherNotes(plan);
  for (const b of notes.blockers) lines.push(`  BLOCKED: ${b}`);
  for (const w of notes.warnings) lines.push(`  warning: ${w}`);
  if (plan.steps.length) lines.push('Steps:');
  for (const s of plan.steps) {
    const tags = [s.destructive ? 'asks first' : '', s.needsRoot ? 'needs root' : ''].filter(Boolean).join(', ');
    lines.push(`  ${s.id}. ${s.purpose}${tags ? `  [${tags}]` : ''}`);
    lines.push(`     $ ${s.display}`);
    lines.push(`     undo: ${s.undo.description}`);
  }
  // Names, paths and commands come from disk: every line shown with its control characters visible.
  return visibleLines(lines) + '\n';
}

export function eventText(e: ExecEvent): string | null {
  const t = rawEventText(e);
  return t === null ? null : visibleLines(t);
}

/** Lines of an event (each element one line; made visible by eventText). */
function rawEventText(e: ExecEvent): string[] | null {
  const one = (s: string): string[] => [s];
  switch (e.type) {
    case 'step-start':
      return one(`==> [${e.step.id}] ${e.step.purpose}`);
    case 'output':
      return one(`    ${e.line}`);
    case 'check':
      return one(`    ${e.ok ? 'ok  ' : e.check.soft ? 'warn' : 'FAIL'} ${e.check.label}${e.ok ? '' : `: ${e.detail.split('\n').pop() ?? ''}`}`);
    case 'step-end':
      return e.state === 'done' ? null : one(`    step ${e.step.id} ${e.state}${e.error ? `: ${e.error}` : ''}`);
    case 'manual':
      return ['!!  needs root; run this yourself:', `    sudo ${e.command.replace(/^sudo /, '')}`];
    case 'status':
      return one(`${e.status}${e.message ? `: ${e.message}` : ''}`);
  }
}

export function journalLine(j: Journal): string {
  const names = j.plan.packages.map((p) => p.name).join(', ');
  const done = j.steps.filter((s) => s.state === 'done').length;
  const what = j.plan.purpose === 'repair' || j.plan.purpose === 'clean' ? `${j.plan.purpose}: ${j.plan.steps.filter((s) => s.action.type === 'set-aside').map((s) => (s.action.type === 'set-aside' ? s.action.from : '')).join(', ')}` : `${names} → ${j.plan.target.kind}`;
  return visible(`${j.id}  ${j.status.padEnd(11)} ${what}  (${done}/${j.steps.length} steps done)`);
}
