// Feeds raw keys to the reducer, which resolves them through the one binding table against the
// state they land on; performs the side effects (quit, rescan, redraw) the reducer asks for.
// Focus lives in the reducer's state, never in Ink's focus manager (which swallows Tab and Esc).
import { useInput, type Key } from 'ink';
import { useCallback, useEffect, useMemo, useRef, type Dispatch } from 'react';
import { KeyRoute } from './key-owner.js';
import type { Action } from '../state/dashboard-reducer.js';
import type { DashboardState } from '../state/dashboard-state.js';
import { flags } from './key-flags.js';

export interface RouterEffects {
  quit(): void;
  /** Ctrl-C: quit with exit status 130. */
  interrupt(): void;
  rescan(): void;
  redraw(): void;
  /** Ctrl-Z. */
  suspend(): void;
}

/** The one Ink listener: each key goes to exactly one owner (the dashboard, or the open wizard). */
export function useKeyRouter(state: DashboardState, dispatch: Dispatch<Action>, effects: RouterEffects): KeyRoute {
  const route = useMemo(() => new KeyRoute(), []);
  const wizardOpen = useRef(false);
  // The wizard and the lifecycle overlay (repair, clean-up, export) each own the keyboard while open.
  wizardOpen.current = state.overlay === 'wizard' || state.overlay === 'lifecycle';
  useEffect(() => {
    if (state.overlay !== 'wizard' && state.overlay !== 'lifecycle') route.reset();
  }, [state.overlay, route]);
  const onKey = useCallback(
    (input: string, key: Key) => {
      if (wizardOpen.current) route.deliver(input, flags(key));
      else dispatch({ type: 'key', input, key: flags(key) });
    },
    [dispatch, route],
  );
  useInput(onKey);
  const seen = useRef(state.effects);
  useEffect(() => {
    const prev = seen.current;
    seen.current = state.effects;
    if (state.effects.redraw !== prev.redraw) effects.redraw();
    if (state.effects.suspend !== prev.suspend) effects.suspend();
    if (state.effects.rescan !== prev.rescan) effects.rescan();
    if (state.effects.quit !== prev.quit) effects.quit();
    if (state.effects.interrupt !== prev.interrupt) effects.interrupt();
  }, [state.effects, effects]);
  return route;
}
