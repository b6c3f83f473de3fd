// The one key router: overlay first, then the filter prompt, then the focused pane, all through
// the binding table. Focus lives in the reducer's state, never in Ink's focus manager (which
// swallows Tab and Esc).
import { useInput } from 'ink';
import type { Dispatch } from 'react';
import { modeOf } from '../dashboard/status-lines.js';
import type { Action } from '../state/dashboard-reducer.js';
import type { DashboardState } from '../state/dashboard-state.js';
import { resolveKey } from '../state/key-bindings.js';

export interface RouterEffects {
  quit(): void;
  rescan(): void;
  redraw(): void;
}

export function useKeyRouter(state: DashboardState, dispatch: Dispatch<Action>, effects: RouterEffects): void {
  useInput((input, key) => {
    // A wizard overlay owns the keyboard (it has its own useInput); only Ctrl-C still quits.
    if (state.overlay === 'wizard') {
      if (key.ctrl && input === 'c') effects.quit();
      return;
    }
    const r = resolveKey(input, key, modeOf(state));
    if (!r) return;
    if (r.type === 'text') return dispatch({ type: 'filter-text', text: r.text });
    dispatch({ type: 'command', command: r.command });
    if (r.command === 'quit') effects.quit();
    else if (r.command === 'rescan') effects.rescan();
    else if (r.command === 'redraw') effects.redraw();
  });
}
