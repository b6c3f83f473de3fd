// Ink's Key reduced to the flags the key table matches on (shared by the dashboard and the wizard).
import type { Key } from 'ink';
import type { KeyFlags } from '../state/key-bindings.js';

export function flags(k: Key): KeyFlags {
  return {
    upArrow: k.upArrow, downArrow: k.downArrow, leftArrow: k.leftArrow, rightArrow: k.rightArrow,
    pageUp: k.pageUp, pageDown: k.pageDown, home: k.home, end: k.end,
    return: k.return, escape: k.escape, tab: k.tab, backspace: k.backspace, delete: k.delete,
    ctrl: k.ctrl, shift: k.shift,
  };
}
