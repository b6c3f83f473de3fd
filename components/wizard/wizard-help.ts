// `?` inside the wizard: the keys of the screen it was opened on, from the one key table.
import { keyLabel, visibleBindings, type Mode } from '../state/key-bindings.js';
import { wrapWords } from '../ui/text.js';
import type { Line, WizardScreen } from './line.js';

export function wizardHelpScreen(mode: Mode, width: number, ascii: boolean): WizardScreen {
  const lines: Line[] = [];
  for (const b of visibleBindings(mode, false)) {
    const keys = b.keys.map((k) => keyLabel(k, ascii)).join(' ');
    const text = `${keys.padEnd(20)} ${b.description}`;
    lines.push(...wrapWords(text, width).map((l, i) => ({ text: i ? `${' '.repeat(21)}${l}` : l })));
  }
  return { title: 'Keys of this screen (j/k scroll)', lines, pinned: [] };
}
