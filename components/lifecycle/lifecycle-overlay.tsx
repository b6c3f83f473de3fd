// The dashboard's lifecycle overlay: F repairs the broken environment under the cursor, C opens the
// clean-up list (dead and unused environments, caches; ink-select-input picks one), E exports the machine.
// Repair and clean-up show the plan first (nothing runs yet), Enter runs it with live progress and
// verification through the journaled executor, u undoes it, Esc closes (and rescans when something
// changed). The overlay owns the keyboard through the key router; the select list listens only while the
// overlay owns it and the list is showing, so exactly one listener acts on each key.
import React, { useEffect, useRef, useState } from 'react';
import { Box, Text } from 'ink';
import SelectInput from 'ink-select-input';
import type { Env } from '../../src/context/scan-context.js';
import type { Finding, Inventory } from '../../src/model.js';
import type { Plan } from '../../src/migrate/types.js';
import type { CleanItem } from '../../src/lifecycle/cleanup.js';
import { humanBytes } from '../../src/commands/clean.js';
import { useKeyOwner } from '../app/key-owner.js';
import { commandLines, sanitize, truncate, truncateStart, wrapWords } from '../ui/text.js';
import { cleanPlanFor, cleanupFor, exportToFile, liveOnly, planLines, repairPlanFor, runPlan, undoPlan } from './lifecycle-runner.js';

export interface LifecycleOverlayProps {
  kind: 'repair' | 'clean' | 'export';
  envId?: string;
  inventory: Inventory;
  findings: readonly Finding[];
  env?: Env;
  rows: number;
  columns: number;
  onExit: (r: { changed: boolean; message: string }) => void;
}

/** Size, why, then the path (its start cut first: the name at its end is what tells envs apart). */
function itemLabel(it: CleanItem, width: number): string {
  const head = `${humanBytes(it.bytes).padStart(9)} ${it.refused ? 'kept: in use ' : ''}${it.tags.join(',')} `;
  return truncate(head + truncateStart(sanitize(it.path), Math.max(8, width - head.length)), width);
}

type Phase = 'loading' | 'list' | 'plan' | 'running' | 'done' | 'failed' | 'undoing' | 'undone' | 'info';

const TITLES = { repair: 'Repair', clean: 'Clean-up', export: 'Export' } as const;

export function LifecycleOverlay({ kind, envId, inventory, findings, env = process.env, rows, columns, onExit }: LifecycleOverlayProps): React.JSX.Element {
  const [phase, setPhase] = useState<Phase>('loading');
  const [lines, setLines] = useState<string[]>([]);
  const [offset, setOffset] = useState(0);
  const [items, setItems] = useState<CleanItem[]>([]);
  const plan = useRef<Plan | null>(null);
  const changed = useRef(false);
  const wrappedLen = useRef(0);
  const live = useRef(phase);
  const [cursor, setCursor] = useState(0);
  live.current = phase;
  // rows - 1 tall, as the dashboard: at full height Ink clears the whole screen on every frame.
  const body = Math.max(3, rows - 4);

  const show = (p: Phase, l: string[]): void => {
    setPhase(p);
    setLines(l);
    setOffset(0);
  };
  const append = (l: string): void => setLines((prev) => [...prev, l].slice(-500));

  useEffect(() => {
    const refuse = kind === 'export' ? null : liveOnly(inventory);
    if (refuse) return show('info', [refuse]);
    if (kind === 'export') {
      exportToFile(inventory, findings, env).then(
        (r) => show('info', [`exported ${r.summary} to`, r.file, '', 'restore it on another machine with:', `$ pyenvtui restore ${r.file}`]),
        (e: unknown) => show('info', [`export failed: ${e instanceof Error ? e.message : String(e)}`]),
      );
    } else if (kind === 'repair') {
      repairPlanFor(inventory, envId ?? '', env).then(
        (p) => {
          plan.current = p;
          show(p.steps.length && !p.blockers.length ? 'plan' : 'info', planLines(p));
        },
        (e: unknown) => show('info', [e instanceof Error ? e.message : String(e)]),
      );
    } else {
      cleanupFor(inventory, env).then(
        (all) => {
          setItems(all.filter((i) => i.tags.length));
          show('list', []);
        },
        (e: unknown) => show('info', [String(e)]),
      );
    }
  }, []); // once, when the overlay opens: the plan is fixed then (later renders must not re-plan)

  const pick = (it: CleanItem): void => {
    const p = cleanPlanFor([it], env, env.HOME ?? inventory.home);
    plan.current = p;
    show(p.steps.length ? 'plan' : 'info', planLines(p));
  };

  const start = (): void => {
    const p = plan.current;
    if (!p) return;
    show('running', []);
    runPlan(p, env, append).then(
      (r) => {
        changed.current = true;
        append(r.ok ? `${kind === 'repair' ? 'repaired' : 'moved to the trash'}; undo with u, or later: pyenvtui undo ${p.id}` : r.message);
        setPhase(r.ok ? 'done' : 'failed');
      },
      (e: unknown) => {
        append(`refused: ${e instanceof Error ? e.message : String(e)}`);
        setPhase('failed');
      },
    );
  };

  const undo = (): void => {
    const p = plan.current;
    if (!p) return;
    setPhase('undoing');
    append('undoing…');
    undoPlan(p.id, env, append).then(
      (r) => {
        append(r.ok ? 'undone: the machine is as it was' : `undo incomplete: ${r.message}`);
        setPhase('undone');
      },
      (e: unknown) => {
        append(`undo failed: ${String(e)}`);
        setPhase('undone');
      },
    );
  };

  const close = (): void => onExit({ changed: changed.current, message: changed.current ? `${TITLES[kind].toLowerCase()} finished: rescanning` : `${TITLES[kind].toLowerCase()}: nothing changed` });

  useKeyOwner((input, key) => {
    const p = live.current;
    if (p === 'running' || p === 'undoing') return;
    if (key.escape || input === 'q') return close();
    // The list: the one key router moves the cursor and chooses; ink-select-input only draws it (unfocused,
    // so its own listener is never live: exactly one listener for every key).
    if (p === 'list') {
      // useKeyOwner always runs this render's handler: items and cursor are current.
      const last = items.length - 1;
      if (input === 'j' || key.downArrow) setCursor((c) => Math.min(last, c + 1));
      else if (input === 'k' || key.upArrow) setCursor((c) => Math.max(0, c - 1));
      else if (input === 'G' || key.end) setCursor(Math.max(0, last));
      else if (input === 'g' || key.home) setCursor(0);
      else if (key.return && last >= 0) pick(items[Math.min(cursor, last)]!);
      return;
    }
    if (p === 'plan' && key.return) return start();
    if (p === 'done' && input === 'u') return undo();
    if ((p === 'done' || p === 'failed' || p === 'undone' || p === 'info') && key.return) return close();
    if (input === 'j' || key.downArrow) setOffset((o) => Math.min(Math.max(0, wrappedLen.current - body), o + 1));
    if (input === 'k' || key.upArrow) setOffset((o) => Math.max(0, o - 1));
    if (input === 'G' || key.end) setOffset(Math.max(0, wrappedLen.current - body));
    if (input === 'g' || key.home) setOffset(0);
  });

  // One column short of the edge: a line filling the last column would make the terminal wrap it.
  const w = Math.max(10, columns - 1);
  const hint =
    phase === 'list' ? 'j/k move · Enter plan · Esc close'
    : phase === 'plan' ? 'Enter run · j/k scroll · Esc cancel (nothing changed)'
    : phase === 'running' || phase === 'undoing' ? 'running…'
    : phase === 'done' ? 'u undo · Enter/Esc close (rescans)'
    : 'Enter/Esc close';
  // Running: the newest lines; otherwise from the scroll offset.
  // Nothing is cut: prose wraps at words, commands wrap as commandLines (they run when pasted).
  const wrapped = lines.flatMap((l) => {
    const m = /^( *)\$ (.*)$/.exec(l);
    return m ? commandLines(m[2]!, w, `${m[1]}$ `, `${m[1]}    `) : wrapWords(l, w);
  });
  wrappedLen.current = wrapped.length;
  const shown = phase === 'running' || phase === 'undoing' || phase === 'done' || phase === 'failed' || phase === 'undone' ? wrapped.slice(-body) : wrapped.slice(offset, offset + body);
  return (
    <Box flexDirection="column" width={w} height={rows - 1}>
      <Text bold>{truncate(`${TITLES[kind]}${phase === 'list' ? `: ${items.length} environment(s) or cache(s) that may go, biggest first` : ''}`, w)}</Text>
      {phase === 'list' ? (
        items.length ? (
          <SelectInput
            key={cursor}
            isFocused={false}
            initialIndex={Math.min(cursor, items.length - 1)}
            limit={body - 1}
            items={items.map((it, i) => ({ key: String(i), value: i, label: itemLabel(it, w - 3) }))}
            onSelect={(x) => pick(items[x.value]!)}
          />
        ) : (
          <Text>nothing dead or unused found</Text>
        )
      ) : (
        <Box flexDirection="column" height={body}>
          {shown.map((l, i) => (
            <Text key={i} wrap="truncate-end">{l}</Text>
          ))}
        </Box>
      )}
      <Box flexGrow={1} />
      <Text dimColor wrap="truncate-end">{truncate(hint, w)}</Text>
    </Box>
  );
}
