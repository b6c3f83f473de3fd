// Feeds raw keys to the reducer, which resolves them through the one binding table against the
// state they land on; performs the side effects (quit, rescan, redraw) the reducer asks for.
// Focus lives in the reducer's state, never in Ink's focus manager (which swallows Tab and Esc).
import { useInput, type Key } from 'ink';
import { useCallback, useEffect, useRef, type Dispatch } from 'react';
import type { Action } from '../state/dashboard-reducer.js';
import type { DashboardState } from '../state/dashboard-state.js';
import type { KeyFlags } from '../state/key-bindings.js';

export interface RouterEffects {
  quit(): void;
  rescan(): void;
  redraw(): void;
}

function flags(k: Key): KeyFlags {
  return {
    upArrow: k.upArrow, downArrow: k.downArrow, leftArrow: k.leftArrow, rightArrow: k.rightArrow,
    pageUp: k.pageUp, pageDown: k.pageDown, home: k.home, end: k.end,
    return: k.return, escape: k.escape, tab: k.tab, backspace: k.backspace, delete: k.delete,
    ctrl: k.ctrl, shift: k.shift,
  };
}

export function useKeyRouter(state: DashboardState, dispatch: Dispatch<Action>, effects: RouterEffects): void {
  // A stable handler keeps this listener first in Ink's input order: a key that closes the wizard
  // (Esc) reaches the reducer while the wizard is still open, so it is not handled twice.
  const onKey = useCallback((input: string, key: Key) => dispatch({ type: 'key', input, key: flags(key) }), [dispatch]);
  useInput(onKey);
  const seen = useRef(state.effects);
  useEffect(() => {
    const prev = seen.current;
    seen.current = state.effects;
    if (state.effects.redraw !== prev.redraw) effects.redraw();
    if (state.effects.rescan !== prev.rescan) effects.rescan();
    if (state.effects.quit !== prev.quit) effects.quit();
  }, [state.effects, effects]);
}
