// Presentational views of the migration wizard: props in, JSX out. No state, no effects.
import React from 'react';
import { Box, Text } from 'ink';
import { installSourceText } from '../../src/migrate/install-source.js';
import { otherNotes, prerequisiteLines } from '../../src/migrate/prerequisites.js';
import type { Plan } from '../../src/migrate/types.js';
import type { WizardCheck, WizardItem, WizardState } from './use-wizard-state.js';

const MARK: Record<string, string> = { pending: ' ', started: '>', done: '✓', failed: '✗', skipped: '-', manual: '!' };

export function ChooseView({ items, cursor, note }: { items: WizardItem[]; cursor: number; note?: string }): React.JSX.Element {
  return (
    <Box flexDirection="column">
      <Text bold>Migrate {items.length} package{items.length === 1 ? '' : 's'} — choose a target for each</Text>
      {items.map((it, i) => (
        <Box key={it.name} flexDirection="column">
          <Text inverse={i === cursor}>
            {i === cursor ? '>' : ' '} {it.displayName} {it.version} → {it.target}
            {it.target === it.suggested ? ' (suggested)' : ''}
          </Text>
          {it.note ? <Text dimColor>    {it.note}</Text> : null}
          {it.target !== 'uv' ? (
            <Text dimColor={!it.systemSite}>
              {'    ['}
              {it.systemSite ? 'x' : ' '}] system site-packages{it.aptOnly.length ? ` (needs ${it.aptOnly.join(', ')}, apt only)` : ''}
            </Text>
          ) : null}
        </Box>
      ))}
      {note ? <Text>{note}</Text> : null}
      <Text dimColor>j/k move · t target · s system site · Enter plan · Esc cancel</Text>
    </Box>
  );
}

export function PlanView({ plans, width }: { plans: Plan[]; width: number }): React.JSX.Element {
  const blocked = plans.some((p) => p.blockers.length);
  return (
    <Box flexDirection="column">
      <Text bold>Plan — nothing has changed yet</Text>
      {plans.map((p) => (
        <Box key={p.id} flexDirection="column">
          {p.packages.length ? <Text dimColor>{installSourceText(p.offline, `${p.backupDir}/wheels`)}</Text> : null}
          {/* A missing tool comes first, with the command that installs it: the plan does not start. */}
          {(p.prerequisites ?? []).map((pre) =>
            prerequisiteLines(pre).map((l, i) => (
              <Text key={`${pre.rule}:${i}`} bold={i === 0 && pre.blocking} dimColor={!pre.blocking}>
                {l}
              </Text>
            )),
          )}
          {otherNotes(p).blockers.map((b) => (
            <Text key={b}>BLOCKED: {b}</Text>
          ))}
          {otherNotes(p).warnings.map((w) => (
            <Text key={w} dimColor>
              warning: {w}
            </Text>
          ))}
          {p.steps.map((s) => (
            <Box key={s.id} flexDirection="column">
              <Text>
                {s.id}. {s.purpose}
                {s.destructive ? ' [asks first]' : ''}
                {s.needsRoot ? ' [needs root]' : ''}
              </Text>
              <Text dimColor wrap="truncate-end">
                {'   $ '}
                {s.display.slice(0, Math.max(20, width * 2))}
              </Text>
            </Box>
          ))}
        </Box>
      ))}
      <Text dimColor>{blocked ? 'blocked: nothing will run · Esc back' : 'Enter run · Esc cancel (nothing changed)'}</Text>
    </Box>
  );
}

/** Lines the confirmation box, the checks and the result take below the progress (keeps 80x24 whole). */
export function reservedBelow(state: WizardState, columns = 80): number {
  const inner = Math.max(20, columns - 4);
  const wrap = (text: string) => Math.ceil(Math.max(1, text.length) / inner);
  // Box borders, title, buttons and hint, plus the wrapped purpose and command.
  const confirm = state.phase === 'confirm' && state.confirm ? 5 + wrap(`${state.confirm.purpose}. This will run:`) + wrap(`  ${state.confirm.display}`) : 0;
  const checks = state.checks.length ? state.checks.length + 1 : 0;
  const result = ['done', 'failed', 'undoing', 'undone'].includes(state.phase) ? 4 : 0;
  return confirm + checks + result;
}

export function ProgressView({ state, rows, columns = 80 }: { state: WizardState; rows: number; columns?: number }): React.JSX.Element {
  // rows - 1 (Ink's last row) - title - box borders - step lines - what sits below (one spare for wrapping).
  const budget = rows - 1 - 3 - state.plans.reduce((n, p) => n + p.steps.length, 0) - reservedBelow(state, columns) - 1;
  const tail = budget >= 1 ? state.output.slice(-budget) : [];
  return (
    <Box flexDirection="column">
      <Text bold>Migrating…</Text>
      {state.plans.flatMap((p) =>
        p.steps.map((s) => (
          <Text key={`${p.id}:${s.id}`} wrap="truncate-end">
            [{MARK[state.steps[`${p.id}:${s.id}`] ?? 'pending']}] {s.id}. {s.purpose}
          </Text>
        )),
      )}
      {tail.length ? (
        <Box flexDirection="column" borderStyle="single" paddingX={1}>
          {tail.map((l, i) => (
            <Text key={i} dimColor wrap="truncate-end">
              {l}
            </Text>
          ))}
        </Box>
      ) : null}
    </Box>
  );
}

export function ChecksView({ checks }: { checks: WizardCheck[] }): React.JSX.Element | null {
  if (!checks.length) return null;
  return (
    <Box flexDirection="column">
      <Text bold>Verification</Text>
      {checks.map((c, i) => (
        <Text key={i}>
          {c.ok ? 'ok  ' : c.soft ? 'warn' : 'FAIL'} {c.label}
        </Text>
      ))}
    </Box>
  );
}

export function ConfirmView({ display, purpose, answer }: { display: string; purpose: string; answer: 'no' | 'yes' }): React.JSX.Element {
  return (
    <Box flexDirection="column" borderStyle="double" paddingX={1}>
      <Text bold>Remove the old copy?</Text>
      <Text>{purpose}. This will run:</Text>
      <Text>  {display}</Text>
      <Text>
        <Text inverse={answer === 'no'}>{answer === 'no' ? '>' : ' '} No, keep it </Text>
        {'   '}
        <Text inverse={answer === 'yes'}>{answer === 'yes' ? '>' : ' '} Yes, remove </Text>
      </Text>
      <Text dimColor>y/n or ←/→ choose · Enter answer (a backup is kept either way)</Text>
    </Box>
  );
}

export function ResultView({ state }: { state: WizardState }): React.JSX.Element {
  const title = { done: 'Done', failed: 'Failed — rolled back', undoing: 'Undoing…', undone: 'Undone' }[state.phase as 'done'] ?? state.phase;
  return (
    <Box flexDirection="column">
      <Text bold>{title}</Text>
      {state.message ? <Text>{state.message}</Text> : null}
      {state.journalIds.length ? <Text dimColor>journal: {state.journalIds.join(', ')}</Text> : null}
      <Text dimColor>{state.phase === 'done' ? 'u undo · Enter close (rescans)' : 'Enter close'}</Text>
    </Box>
  );
}
