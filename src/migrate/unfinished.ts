// Migrations left half-way (stopped with Ctrl-C, killed, waiting for a sudo command): every start of
// the dashboard and of `doctor` names them first, with the commands that resume or undo them.
import type { Env } from '../context/scan-context.js';
import { isResumable, listJournals, stateDir } from './journal.js';

export interface Unfinished {
  id: string;
  /** One line: what, to where, how far. */
  summary: string;
  resume: string;
  undo: string;
}

export async function unfinishedMigrations(env: Env): Promise<Unfinished[]> {
  const all = await listJournals(stateDir(env)).catch(() => []);
  return all.filter(isResumable).map((j) => {
    const done = j.steps.filter((s) => s.state === 'done').length;
    const names = j.plan.packages.map((p) => p.name).join(', ') || 'packages';
    return {
      id: j.id,
      summary: `${names} -> ${j.plan.target.kind}, ${j.status}, ${done}/${j.steps.length} steps done${j.message ? ` (${j.message})` : ''}`,
      resume: `pyenvtui migrate --resume ${j.id}`,
      undo: `pyenvtui undo ${j.id}`,
    };
  });
}

/** The lines `doctor` prints before its report. */
export function unfinishedText(list: readonly Unfinished[]): string {
  if (!list.length) return '';
  const lines = [`Unfinished migration${list.length > 1 ? 's' : ''} (resume or undo before anything else):`];
  for (const u of list) lines.push(`  ${u.id}  ${u.summary}`, `    resume: ${u.resume}`, `    undo:   ${u.undo}`);
  return lines.join('\n') + '\n\n';
}
