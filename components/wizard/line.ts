// One line of the wizard's screen, shared by the screen builders (wizard-lines, usage-lines) and the frame.
import type { Tone } from '../state/rows.js';
import type { Style } from '../ui/style.js';

export interface Line {
  text: string;
  tone?: Tone;
  style?: Style;
  /** A destructive plan step's first line: the frame says where it is when it is scrolled away. */
  destructiveStep?: number;
}
