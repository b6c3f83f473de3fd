// The one shape every list on screen uses: rows of cells, some selectable, each searchable.
// Views build rows from the inventory (pure); the list pane renders only the visible window.
import type { Severity } from '../../src/model.js';

export type Tone = Severity | 'dim' | 'ok' | 'bad' | 'accent' | 'heading';

export interface Cell {
  text: string;
  /** Fixed width in columns; cells without one share the rest by `flex` weight. */
  width?: number;
  flex?: number;
  align?: 'left' | 'right';
  /** Keep the end of the text when cutting (paths). */
  cut?: 'end' | 'start';
  tone?: Tone;
}

export interface Row {
  key: string;
  cells: Cell[];
  selectable: boolean;
  /** Lowercase text that the filter and n/N match against. */
  search: string;
  /** Environment this row stands for or belongs to. */
  envId?: string;
  /** Package copy this row stands for (tagging and migration). */
  pkg?: { envId: string; name: string };
  /** Commands this row offers (a finding's fixes): `y` copies them. */
  commands?: string[];
  /** The whole text behind the row, opened with Enter (nothing on screen is cut without a way to read it). */
  full?: FullText;
}

export interface FullText {
  title: string;
  paragraphs: string[];
  commands: string[];
}

/** A non-selectable line (section titles, info, evidence). */
export function textRow(key: string, text: string, tone?: Tone, cut: 'end' | 'start' = 'end'): Row {
  return { key, cells: [{ text, tone, cut }], selectable: false, search: text.toLowerCase() };
}

/** Key identifying a tagged package copy. */
export function tagKey(envId: string, name: string): string {
  return `${envId}\u0000${name}`;
}

export { SEVERITY_BADGE } from '../../src/report/badge.js';

/** One-letter severity for tight places (overview strip, env rows). */
export const SEVERITY_LETTER: Record<Severity, string> = {
  critical: 'C',
  high: 'H',
  medium: 'M',
  low: 'L',
  info: 'i',
};
