// The migration wizard's screens as plain lines, already wrapped to the width: pure, so a test can
// check at any size that every plan step, command and question is there. The frame (wizard-frame.tsx)
// windows them into the rows the terminal has and keeps the key line below.
import { installSourceText } from '../../src/migrate/install-source.js';
import { otherNotes, prerequisiteLines } from '../../src/migrate/prerequisites.js';
import type { Plan } from '../../src/migrate/types.js';
import { commandLines, wrapWords } from '../ui/text.js';
import type { WizardItem, WizardState } from './use-wizard-state.js';
import { usageLines } from './usage-lines.js';
import type { Line, WizardScreen } from './line.js';


const MARK: Record<string, [string, string]> = {
  pending: [' ', ' '], started: ['>', '>'], done: ['✓', 'x'], failed: ['✗', '!'], skipped: ['-', '-'], manual: ['!', '!'],
};

function wrapped(text: string, width: number, indent: string, look: Omit<Line, 'text'> = {}): Line[] {
  return wrapWords(text, Math.max(1, width - indent.length)).map((l) => ({ text: indent + l, ...look }));
}

function chooseLines(items: WizardItem[], cursor: number, width: number, ascii: boolean, note?: string): { lines: Line[]; anchor?: { start: number; end: number } } {
  const lines: Line[] = [];
  let anchor: { start: number; end: number } | undefined;
  const arrow = ascii ? '->' : '→';
  items.forEach((it, i) => {
    const start = lines.length;
    if (it.removeCopy) {
      // Not a migration: pipx already has it. The plan shows the removal command.
      lines.push(...wrapped(`${i === cursor ? '>' : ' '} ${it.displayName} ${it.version} ${arrow} remove this copy`, width, '', i === cursor ? { style: { inverse: true } } : {}));
      lines.push(...wrapped(it.removeCopy.reason, width, '    ', { tone: 'dim' }));
      if (i === cursor) anchor = { start, end: lines.length };
      return;
    }
    const head = `${i === cursor ? '>' : ' '} ${it.displayName} ${it.version} ${arrow} ${it.target}${it.target === it.suggested ? ' (suggested)' : ''}`;
    lines.push(...wrapped(head, width, '', i === cursor ? { style: { inverse: true } } : {}));
    if (it.note) lines.push(...wrapped(it.note, width, '    ', { tone: 'dim' }));
    if (it.target !== 'uv') {
      const site = `[${it.systemSite ? 'x' : ' '}] system site-packages${it.aptOnly.length ? ` (needs ${it.aptOnly.join(', ')}, apt only)` : ''}`;
      lines.push(...wrapped(site, width, '    ', it.systemSite ? {} : { tone: 'dim' }));
    }
    if (i === cursor) anchor = { start, end: lines.length };
  });
  if (note) lines.push(...wrapped(note, width, ''));
  return { lines, ...(anchor ? { anchor } : {}) };
}

/** Every step of every plan with its whole command; destructive steps marked. */
export function planLines(plans: Plan[], width: number): Line[] {
  const lines: Line[] = [];
  for (const p of plans) {
    if (p.packages.length) lines.push(...wrapped(installSourceText(p.offline, `${p.backupDir}/wheels`), width, '', { tone: 'dim' }));
    for (const pre of p.prerequisites ?? []) {
      prerequisiteLines(pre).forEach((l, i) => lines.push(...wrapped(l, width, '', i === 0 && pre.blocking ? { style: { bold: true } } : { tone: 'dim' })));
    }
    const notes = otherNotes(p);
    for (const b of notes.blockers) lines.push(...wrapped(`BLOCKED: ${b}`, width, '', { tone: 'bad' }));
    for (const w of notes.warnings) lines.push(...wrapped(`warning: ${w}`, width, '', { tone: 'dim' }));
    for (const s of p.steps) {
      const head = `${s.id}. ${s.purpose}${s.destructive ? ' [asks first]' : ''}${s.needsRoot ? ' [needs root]' : ''}`;
      const first = lines.length;
      lines.push(...wrapped(head, width, '', s.destructive ? { tone: 'medium' } : {}));
      if (s.destructive) lines[first] = { ...lines[first]!, destructiveStep: s.id };
      for (const l of commandLines(s.display, width, '   $ ', '       ')) lines.push({ text: l, tone: 'dim' });
    }
  }
  return lines;
}

/** remove-copy items: not migrated; the command that removes each copy, to copy and run. */
function removalLines(items: WizardItem[], width: number): Line[] {
  const rm = items.filter((it) => it.removeCopy);
  if (!rm.length) return [];
  const lines: Line[] = [{ text: `Not migrated — remove ${rm.length === 1 ? 'this copy' : 'these copies'} instead (y copies the commands)`, style: { bold: true } }];
  for (const it of rm) {
    lines.push(...wrapped(`${it.displayName} ${it.version}: ${it.removeCopy!.reason}`, width, ''));
    if (it.removeCopy!.command) for (const l of commandLines(it.removeCopy!.command, width, '   $ ', '       ')) lines.push({ text: l, tone: 'dim' });
    else lines.push(...wrapped('no safe command could be written for this copy; remove it with the pip of the interpreter that owns it', width, '   ', { tone: 'dim' }));
  }
  return lines;
}

function progressLines(s: WizardState, width: number, ascii: boolean): Line[] {
  const lines: Line[] = [];
  for (const p of s.plans) {
    for (const st of p.steps) {
      const mark = MARK[s.steps[`${p.id}:${st.id}`] ?? 'pending'] ?? [' ', ' '];
      lines.push(...wrapped(`[${mark[ascii ? 1 : 0]}] ${st.id}. ${st.purpose}`, width, ''));
    }
  }
  if (s.output.length) {
    lines.push({ text: 'Output', style: { bold: true } });
    for (const o of s.output) lines.push(...wrapped(o, width, '  ', { tone: 'dim' }));
  }
  return lines;
}

function checkLines(s: WizardState, width: number): Line[] {
  if (!s.checks.length) return [];
  return [
    { text: 'Verification', style: { bold: true } },
    ...s.checks.flatMap((c) => wrapped(`${c.ok ? 'ok  ' : c.soft ? 'warn' : 'FAIL'} ${c.label}`, width, '', c.ok ? {} : { tone: c.soft ? 'medium' : 'bad' })),
  ];
}

function confirmLines(c: NonNullable<WizardState['confirm']>, width: number): Line[] {
  return [
    { text: 'Remove the old copy?', style: { bold: true } },
    ...wrapped(`${c.purpose}. This will run:`, width, ''),
    ...commandLines(c.display, width, '  $ ', '      ').map((text) => ({ text })),
    { text: `${c.answer === 'no' ? '> No, keep it ' : '  No, keep it '}   ${c.answer === 'yes' ? '> Yes, remove ' : '  Yes, remove '}` },
  ];
}

const RESULT_TITLE: Partial<Record<WizardState['phase'], string>> = { done: 'Done', failed: 'Failed — rolled back', undoing: 'Undoing…', undone: 'Undone', stopped: 'Stopped' };

/** What the wizard shows in its current phase, at a width. */
export function wizardScreen(s: WizardState, width: number, opts: { ascii: boolean; note?: string }): WizardScreen {
  const { ascii } = opts;
  switch (s.phase) {
    case 'choose':
    case 'planning': {
      const n = s.items.length;
      const { lines, anchor } = chooseLines(s.items, s.cursor, width, ascii, opts.note);
      const title = s.phase === 'planning' ? 'Planning…' : `Migrate ${n} package${n === 1 ? '' : 's'} — choose a target for each`;
      return { title, lines, ...(anchor ? { anchor } : {}), pinned: [] };
    }
    case 'plan': {
      const blocked = s.plans.some((p) => p.blockers.length);
      const lines = [...planLines(s.plans, width), ...removalLines(s.items, width)];
      const pinned: Line[] = blocked
        ? [{ text: 'blocked: nothing will run · Esc back', style: { bold: true } }]
        : !s.plans.length ? [{ text: 'nothing to migrate: y copies the removal commands · Esc back', style: { bold: true } }] : [];
      return { title: 'Plan — nothing has changed yet', lines, pinned };
    }
    case 'running':
    case 'confirm': {
      const lines = [...progressLines(s, width, ascii), ...checkLines(s, width)];
      if (s.message && s.stopping) lines.push(...wrapped(s.message, width, '', { style: { bold: true } }));
      const pinned = s.phase === 'confirm' && s.confirm ? confirmLines(s.confirm, width) : [];
      return { title: s.stopping ? 'Stopping…' : 'Migrating…', lines, pinned };
    }
    default: {
      const lines: Line[] = [];
      if (s.message) lines.push(...wrapped(s.message, width, ''));
      if (s.journalIds.length) lines.push(...wrapped(`journal: ${s.journalIds.join(', ')}`, width, '', { tone: 'dim' }));
      if (s.phase === 'done') lines.push(...usageLines(s.plans, width));
      lines.push(...checkLines(s, width));
      return { title: RESULT_TITLE[s.phase] ?? s.phase, lines, pinned: [] };
    }
  }
}
