// The keyboard has exactly one owner. The app's single Ink listener (use-key-router.ts) hands each
// key to the dashboard's reducer, or, while an overlay such as the migration wizard is open, to the
// handler that overlay claimed. Keys that arrive after the overlay opened but before it claimed the
// keyboard (its chunk is still loading) are kept and replayed, so a fast typist loses nothing.
import { createContext, useContext, useLayoutEffect, useRef } from 'react';
import { useInput } from 'ink';
import type { KeyFlags } from '../state/key-bindings.js';
import { flags } from './key-flags.js';

export type KeyHandler = (input: string, key: KeyFlags) => void;

export interface KeyOwner {
  claim(handler: KeyHandler): () => void;
}

export const KeyOwnerContext = createContext<KeyOwner | null>(null);

/** Routing state: the claimed handler and the keys waiting for one. */
export class KeyRoute implements KeyOwner {
  private handler: KeyHandler | null = null;
  private pending: [string, KeyFlags][] = [];

  claim(handler: KeyHandler): () => void {
    this.handler = handler;
    const queued = this.pending;
    this.pending = [];
    for (const [i, k] of queued) handler(i, k);
    return () => {
      if (this.handler === handler) this.handler = null;
    };
  }

  /** Delivers to the overlay's handler, or keeps the key until one claims the keyboard. */
  deliver(input: string, key: KeyFlags): void {
    if (this.handler) this.handler(input, key);
    else this.pending.push([input, key]);
  }

  /** The overlay closed: nothing waits for it any more. */
  reset(): void {
    this.pending = [];
  }
}

/**
 * An overlay takes the keyboard for as long as it is mounted; the latest handler always runs.
 * Mounted on its own (no app around it, as in component tests) it listens to Ink directly.
 */
export function useKeyOwner(handler: KeyHandler): void {
  const owner = useContext(KeyOwnerContext);
  const latest = useRef(handler);
  latest.current = handler;
  useLayoutEffect(() => owner?.claim((i, k) => latest.current(i, k)), [owner]);
  useInput((i, k) => latest.current(i, flags(k)), { isActive: owner === null });
}
