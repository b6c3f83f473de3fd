// The fleet dashboard: hosts, findings by rule, packages across hosts, at any terminal size from 80x24.
// Keyboard only; state in fleet-state.ts, rows in fleet-rows.ts, the list drawn by the shared ListPane.
import React, { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Box, Text, useInput } from 'ink';
import type { Fleet } from '../../src/fleet/model.js';
import { fleetSummary } from '../../src/fleet/report.js';
import { useTerminalSize } from '../app/terminal-size.js';
import { ListPane } from '../dashboard/list-pane.js';
import { paint } from '../ui/style.js';
import { fit, wrap } from '../ui/text.js';
import { fleetRows, type Described, type FleetDetail, type FleetView } from './fleet-rows.js';
import { prefetchPackages } from './prefetch.js';
import { VIEW_TITLE, VIEWS, filterRows, fleetKey, initialFleetState, settle, type FleetState, type KeyIn } from './fleet-state.js';

export interface FleetAppProps {
  fleet: Fleet;
  version: string;
  color: boolean;
  ascii: boolean;
  initial?: { view?: FleetView; detail?: FleetDetail | null };
  onQuit?: () => void;
  onRedraw?: () => void;
  /** Build package tables in the background after the first screen (default on). */
  prefetch?: boolean;
}

/** Lines around the list: header, tabs, pane border and title (3), detail (2), hints. */
const CHROME = 1 + 1 + 3 + 2 + 1;

function asKey(ch: string): KeyIn {
  if (ch === '\r' || ch === '\n') return { input: '', return: true };
  if (ch === '\x7f' || ch === '\b') return { input: '', backspace: true };
  if (ch === '\t') return { input: '', tab: true };
  return { input: ch };
}

function detailTitle(d: FleetDetail): string {
  return d.kind === 'host' ? `Host ${d.name}` : d.kind === 'rule' ? `Rule ${d.rule} across hosts` : `Package ${d.name} on every host`;
}

export function FleetApp(p: FleetAppProps): React.JSX.Element {
  const { columns, rows } = useTerminalSize();
  // Leave the last terminal row free (Ink clears the screen on every frame at full height).
  const height = Math.max(1, rows - 1 - CHROME);
  const cache = useRef(new Map<string, Described[]>());
  const rowsFor = useCallback(
    (view: FleetView, detail: FleetDetail | null): Described[] => {
      const key = detail ? `${detail.kind}\u0000${'name' in detail ? detail.name : detail.rule}` : view;
      let r = cache.current.get(key);
      if (!r) cache.current.set(key, (r = fleetRows(p.fleet, view, detail)));
      return r;
    },
    [p.fleet],
  );
  const [state, setState] = useState<FleetState>(() => {
    const s = initialFleetState(p.initial);
    return settle(s, rowsFor(s.view, s.detail), height);
  });
  useInput((input, key) => {
    if (key.ctrl && input === 'l') {
      p.onRedraw?.();
      return;
    }
    // Keys typed faster than a frame (or pasted) arrive as one chunk: one key each.
    const keys = input.length > 1 && !key.ctrl && !key.meta && !input.startsWith('\x1b') ? [...input].map(asKey) : [{ ...key, input }];
    setState((s0) => {
      let s = s0;
      for (const k of keys) {
        const next = fleetKey(s, k, rowsFor(s.view, s.detail), height);
        s = next === s ? s : settle(next, rowsFor(next.view, next.detail), height);
      }
      return s;
    });
  });
  useEffect(() => {
    if (state.quit) p.onQuit?.();
  }, [state.quit, p.onQuit]);
  // Package tables (and the package list) are built after the first screen, in slices.
  useEffect(() => (p.prefetch === false ? undefined : prefetchPackages(p.fleet, () => void rowsFor('packages', null))), [p.fleet, p.prefetch, rowsFor]);

  const summary = useMemo(() => fleetSummary(p.fleet) as { hosts: number; ok: number; unreachable: number; failed: number; noFacts: number; invalid: number; stale: number }, [p.fleet]);
  // The package list (every name on every host) is built on first visit, not before the first screen.
  const counts: Record<FleetView, number | undefined> = { hosts: rowsFor('hosts', null).length, rules: rowsFor('rules', null).length, packages: cache.current.get('packages')?.length };
  const list = filterRows(rowsFor(state.view, state.detail), state.filter);
  const selected = list[state.pos.cursor];
  const silent = summary.hosts - summary.ok;
  const header = `pyenvtui fleet ${p.version} · ${summary.hosts} hosts · ${summary.ok} reporting · ${silent} not reporting · ${summary.stale} stale`;
  const tabs = VIEWS.map((v, i) => {
    // Brackets as well as inverse: the current view must not depend on how the terminal shows styles.
    const n = counts[v] === undefined ? '' : ` (${counts[v]})`;
    const label = `${v === state.view ? '[' : ' '}${i + 1} ${VIEW_TITLE[v]}${n}${v === state.view ? ']' : ' '}`;
    return v === state.view ? paint(label, { inverse: true, bold: true }, p.color) : label;
  }).join(' ');
  const filter = state.filtering || state.filter ? `  /${state.filter}${state.filtering ? '_' : ''}` : '';
  const title = state.detail ? detailTitle(state.detail) : VIEW_TITLE[state.view];
  const selectable = list.filter((r) => r.selectable).length;
  const index = list.slice(0, state.pos.cursor + 1).filter((r) => r.selectable).length;
  const detailLines = wrap(selected?.detail ?? '', Math.max(1, columns - 2), 2);
  while (detailLines.length < 2) detailLines.push('');
  const hints = state.filtering
    ? 'type to filter · Enter keep · Esc clear'
    : state.detail
      ? 'j/k move · Esc back · / filter · Tab/1-3 views · q quit'
      : 'j/k move · Tab/1-3 views · Enter open · / filter · q quit';
  return (
    <Box flexDirection="column" width={columns} height={rows - 1}>
      <Text wrap="truncate-end">{paint(fit(header, columns), { bold: true }, p.color)}</Text>
      <Text wrap="truncate-end">{tabs}{filter}</Text>
      <ListPane
        title={title}
        status={`${index}/${selectable}`}
        rows={list}
        pos={state.pos}
        width={columns}
        height={height}
        focused
        ascii={p.ascii}
        color={p.color}
        empty={state.filter ? `nothing matches '${state.filter}'` : 'nothing here'}
      />
      <Text wrap="truncate-end">{detailLines.map((l) => ' ' + fit(l, columns - 2)).join('\n')}</Text>
      <Text wrap="truncate-end">{paint(fit(hints, columns), { dim: true }, p.color)}</Text>
    </Box>
  );
}
