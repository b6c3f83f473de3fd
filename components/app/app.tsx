import React, { lazy, Suspense, useCallback, useEffect, useReducer, useState } from 'react';
import { useApp } from 'ink';
import { Dashboard } from '../dashboard/dashboard.js';
import { reducer } from '../state/dashboard-reducer.js';
import { initialState, type DashboardOptions } from '../state/dashboard-state.js';
import { useTerminalSize } from './terminal-size.js';
import { useInventory, type InventoryLoader } from './use-inventory.js';
import { useKeyRouter } from './use-key-router.js';

// The wizard brings the migration engine (planner, executor, execa): loaded on the first `m`, so
// the dashboard's first frame does not wait for code most sessions never run.
const DashboardWizard = lazy(() => import('../wizard/dashboard-wizard.js').then((m) => ({ default: m.DashboardWizard })));

export interface AppProps {
  version: string;
  /** Where the data comes from; without one the screen waits (first-screen tests). */
  loader?: InventoryLoader;
  options?: Partial<DashboardOptions>;
  /** Ctrl-L: repaint the terminal from scratch. */
  onRedraw?: () => void;
}

/** The dashboard root: state in a reducer, one key router, the loader, the screen. */
export function App({ version, loader, options, onRedraw }: AppProps): React.JSX.Element {
  const { exit } = useApp();
  const size = useTerminalSize();
  const [state, dispatch] = useReducer(reducer, undefined, () => initialState(size, options));
  const [generation, setGeneration] = useState(0);
  useEffect(() => dispatch({ type: 'resize', columns: size.columns, rows: size.rows }), [size.columns, size.rows]);
  useInventory(loader, generation, dispatch);
  const rescan = useCallback(() => setGeneration((g) => g + 1), []);
  useKeyRouter(state, dispatch, { quit: exit, rescan, redraw: onRedraw ?? (() => {}) });
  // `m` opens the migration wizard over the dashboard; it owns the keyboard until it closes.
  if (state.overlay === 'wizard' && state.inventory) {
    // While it loads (a few ms) the dashboard stays on screen.
    return (
      <Suspense fallback={<Dashboard state={state} version={version} />}>
        <DashboardWizard
          state={state}
          onExit={(r) => {
            // A finished migration moved the tagged packages: the tags would point at nothing.
            dispatch({ type: 'overlay-closed', message: r.changed ? 'migration finished: rescanning' : 'migration cancelled: nothing changed', clearTags: r.changed });
            if (r.changed) rescan();
          }}
        />
      </Suspense>
    );
  }
  return <Dashboard state={state} version={version} />;
}
