import React, { lazy, Suspense, useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { useApp } from 'ink';
import { Dashboard } from '../dashboard/dashboard.js';
import { reducer } from '../state/dashboard-reducer.js';
import { initialState, type DashboardOptions } from '../state/dashboard-state.js';
import { useTerminalSize } from './terminal-size.js';
import { useInventory, type InventoryLoader } from './use-inventory.js';
import { wantedSizes } from '../state/size-wants.js';
import { useKeyRouter } from './use-key-router.js';
import { KeyOwnerContext } from './key-owner.js';
import { unfinishedMigrations } from '../../src/migrate/unfinished.js';

// The wizard brings the migration engine (planner, executor, execa): loaded on the first `m`, so
// the dashboard's first frame does not wait for code most sessions never run.
const LifecycleOverlay = lazy(() => import('../lifecycle/lifecycle-overlay.js').then((m) => ({ default: m.LifecycleOverlay })));
const DashboardWizard = lazy(() => import('../wizard/dashboard-wizard.js').then((m) => ({ default: m.DashboardWizard })));

export interface AppProps {
  version: string;
  /** Where the data comes from; without one the screen waits (first-screen tests). */
  loader?: InventoryLoader;
  options?: Partial<DashboardOptions>;
  /** Ctrl-L: repaint the terminal from scratch. */
  onRedraw?: () => void;
  /** Ctrl-Z: hand the terminal back and stop (the launcher restores and redraws on SIGCONT). */
  onSuspend?: () => void;
  /** Told how the session ends (exit status, text for the normal screen) just before Ink exits. */
  onQuit?: (r: QuitResult) => void;
}

export interface QuitResult {
  /** 0 for q, 130 for Ctrl-C (as a shell reports an interrupted program). */
  code: number;
  /** Printed on the normal screen after the alternate screen is left. */
  afterExit: string;
}

/** The copy buffer as a shell-ready block (lazygit prints on exit the same way). */
export function copiedText(commands: readonly string[]): string {
  if (!commands.length) return '';
  return `Commands you copied in pyenvtui (y):\n${commands.map((c) => `  ${c}`).join('\n')}\n`;
}

/** The dashboard root: state in a reducer, one key router, the loader, the screen. */
export function App({ version, loader, options, onRedraw, onQuit, onSuspend }: AppProps): React.JSX.Element {
  const { exit } = useApp();
  const size = useTerminalSize();
  const [state, dispatch] = useReducer(reducer, undefined, () => initialState(size, options));
  const [generation, setGeneration] = useState(0);
  useEffect(() => dispatch({ type: 'resize', columns: size.columns, rows: size.rows }), [size.columns, size.rows]);
  useInventory(loader, generation, dispatch, wantedSizes(state));
  // A migration left half-way is the first thing to show (R resume, U undo).
  useEffect(() => {
    if (!loader) return;
    let live = true;
    void unfinishedMigrations(process.env).then((list) => live && list.length > 0 && dispatch({ type: 'unfinished', list }));
    return () => {
      live = false;
    };
  }, [loader]);
  const rescan = useCallback(() => setGeneration((g) => g + 1), []);
  const copied = useRef(state.copied);
  copied.current = state.copied;
  const quit = useCallback(
    (code: number, extra = '') => {
      onQuit?.({ code, afterExit: extra + copiedText(copied.current) });
      exit();
    },
    [onQuit, exit],
  );
  const route = useKeyRouter(state, dispatch, { quit: () => quit(0), interrupt: () => quit(130), rescan, redraw: onRedraw ?? (() => {}), suspend: onSuspend ?? (() => {}) });
  // `m` opens the migration wizard over the dashboard; it owns the keyboard until it closes.
  if (state.overlay === 'wizard' && (state.inventory || state.job)) {
    // While it loads (a few ms) the dashboard stays on screen.
    return (
      <KeyOwnerContext.Provider value={route}>
      <Suspense fallback={<Dashboard state={state} version={version} />}>
        <DashboardWizard
          state={state}
          onInterrupt={(text) => quit(130, text)}
          onCopy={(commands) => dispatch({ type: 'copied', commands })}
          onExit={(r) => {
            // A finished migration moved the tagged packages: the tags would point at nothing.
            dispatch({ type: 'overlay-closed', message: r.changed ? 'migration finished: rescanning' : 'migration cancelled: nothing changed', clearTags: r.changed });
            if (r.changed) rescan();
          }}
        />
      </Suspense>
      </KeyOwnerContext.Provider>
    );
  }
  // F repair, C clean-up, E export: the lifecycle overlay owns the keyboard until it closes.
  if (state.overlay === 'lifecycle' && state.lifecycle && state.inventory) {
    return (
      <KeyOwnerContext.Provider value={route}>
        <Suspense fallback={<Dashboard state={state} version={version} />}>
          <LifecycleOverlay
            kind={state.lifecycle.kind}
            {...(state.lifecycle.envId ? { envId: state.lifecycle.envId } : {})}
            inventory={state.inventory}
            findings={state.findings}
            rows={state.size.rows}
            columns={state.size.columns}
            onExit={(r) => {
              dispatch({ type: 'overlay-closed', message: r.message });
              if (r.changed) rescan();
            }}
          />
        </Suspense>
      </KeyOwnerContext.Provider>
    );
  }
  return <Dashboard state={state} version={version} />;
}
