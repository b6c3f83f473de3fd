// The help overlay's rows, generated from the same binding table the router uses.
import type { DashboardState } from './dashboard-state.js';
import { keyLabel, visibleBindings, type Binding, type Mode } from './key-bindings.js';
import { textRow, type Row } from './rows.js';

const SECTIONS: { mode: Mode; title: string }[] = [
  { mode: 'normal', title: '' },
  { mode: 'filter', title: 'While typing a filter' },
];

function keysOf(b: Binding, ascii: boolean): string {
  return b.keys.map((k) => keyLabel(k, ascii)).join(' ');
}

let cache: { key: string; rows: Row[] } | null = null;

export function helpRows(s: Pick<DashboardState, 'options'>): Row[] {
  const cacheKey = `${s.options.readonly}:${s.options.ascii}`;
  if (cache?.key === cacheKey) return cache.rows;
  const rows: Row[] = [];
  for (const section of SECTIONS) {
    let group = '';
    for (const b of visibleBindings(section.mode, s.options.readonly)) {
      const heading = section.title || b.group;
      if (heading !== group) {
        group = heading;
        rows.push(textRow(`h:${section.mode}:${heading}`, heading, 'heading'));
      }
      rows.push({
        key: `${section.mode}:${b.command}:${rows.length}`,
        selectable: true,
        search: `${keysOf(b, s.options.ascii)} ${b.description}`.toLowerCase(),
        cells: [
          { text: keysOf(b, s.options.ascii), width: 22, tone: 'accent' },
          { text: b.description, flex: 1 },
        ],
      });
    }
  }
  if (s.options.readonly) rows.push(textRow('ro', 'read-only: tagging and migration are hidden', 'dim'));
  cache = { key: cacheKey, rows };
  return rows;
}
