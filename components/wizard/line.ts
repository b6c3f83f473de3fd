// One line of a wizard screen and a whole screen: shared by the screen builders (wizard-lines.ts,
// usage-lines.ts, wizard-help.ts) and the frame, in a file of their own so they do not import each other.
import type { Tone } from '../state/rows.js';
import type { Style } from '../ui/style.js';

export interface Line {
  text: string;
  tone?: Tone;
  style?: Style;
  /** A destructive plan step's first line: the frame says where it is when it is scrolled away. */
  destructiveStep?: number;
}

export interface WizardScreen {
  title: string;
  lines: Line[];
  /** Lines [start, end) that must stay in view (the item under the cursor). */
  anchor?: { start: number; end: number };
  /** Lines that stay below the scrolling region (the removal question). */
  pinned: Line[];
}
