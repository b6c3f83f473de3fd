// Scroll arithmetic for the wizard's text region: pure, so "every plan step is reachable" is a unit
// test. An offset of 'end' follows the bottom (live output while a migration runs).
import type { Motion } from '../state/list-nav.js';

export type Offset = number | 'end';

export function clampOffset(offset: Offset, total: number, height: number): number {
  const max = Math.max(0, total - Math.max(1, height));
  return offset === 'end' ? max : Math.max(0, Math.min(offset, max));
}

/** The offset that shows lines [start, end) moving as little as possible from `offset`. */
export function reveal(offset: number, range: { start: number; end: number } | undefined, height: number, total: number): number {
  let o = offset;
  if (range) {
    if (range.end > o + height) o = range.end - height;
    if (range.start < o) o = range.start;
  }
  return clampOffset(o, total, height);
}

/** Where a motion key takes the view. */
export function scrollBy(offset: number, motion: Motion, height: number, total: number): Offset {
  const page = Math.max(1, height - 1);
  const half = Math.max(1, Math.floor(height / 2));
  const delta: Record<Motion, number> = { up: -1, down: 1, pageUp: -page, pageDown: page, halfUp: -half, halfDown: half, top: -Infinity, bottom: Infinity };
  if (motion === 'bottom') return 'end';
  if (motion === 'top') return 0;
  return clampOffset(offset + delta[motion], total, height);
}
