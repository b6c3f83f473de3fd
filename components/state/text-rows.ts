// The full text of a row as lines of a width: paragraphs wrapped at word boundaries, commands laid
// out so that the lines, copied as shown, run (see commandLines). Nothing is cut.
import { commandLines, wrapWords } from '../ui/text.js';
import { textRow, type FullText, type Row } from './rows.js';

let cache: { full: FullText; width: number; rows: Row[] } | null = null;

export function textRows(full: FullText, width: number): Row[] {
  if (cache && cache.full === full && cache.width === width) return cache.rows;
  const rows: Row[] = [];
  const add = (text: string, tone?: Row['cells'][0]['tone']): void => {
    // Every line takes the cursor, so j/k scroll one line at a time.
    rows.push({ ...textRow(`t${rows.length}`, text, tone), selectable: true });
  };
  full.paragraphs.forEach((p) => {
    if (p === '') add('');
    else for (const l of wrapWords(p, width)) add(l);
  });
  if (full.commands.length) {
    add('');
    add(`Commands (y copies them; printed when you quit):`, 'heading');
    for (const c of full.commands) for (const l of commandLines(c, width)) add(l, 'accent');
  }
  cache = { full, width, rows };
  return rows;
}
