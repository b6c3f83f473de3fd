import { describe, expect, it } from 'vitest';
import { frameDiff, FrameWriter } from '../../components/app/frame-writer.js';
import { hintText } from '../../components/dashboard/status-lines.js';
import { overviewText } from '../../components/dashboard/overview-text.js';
import { helpRows } from '../../components/state/help-rows.js';
import { BINDINGS, keyLabel, resolveKey } from '../../components/state/key-bindings.js';
import { summarizeGroups } from '../../components/state/kinds.js';
import { computeLayout } from '../../components/state/layout.js';
import { cellWidths, renderRow } from '../../components/ui/render-row.js';
import { displayWidth, fit, sanitize, truncate, truncateStart, wrap } from '../../components/ui/text.js';
import { messyInventory } from '../components/inventory-fixture.js';
import { EventEmitter } from 'node:events';

describe('key table and router resolution', () => {
  it('resolves the reference keys in normal mode', () => {
    expect(resolveKey('j', {}, 'normal')).toMatchObject({ command: 'down' });
    expect(resolveKey('', { downArrow: true }, 'normal')).toMatchObject({ command: 'down' });
    expect(resolveKey('G', { shift: true }, 'normal')).toMatchObject({ command: 'bottom' });
    expect(resolveKey('u', { ctrl: true }, 'normal')).toMatchObject({ command: 'halfUp' });
    expect(resolveKey('d', { ctrl: true }, 'normal')).toMatchObject({ command: 'halfDown' });
    expect(resolveKey('', { tab: true }, 'normal')).toMatchObject({ command: 'nextPane' });
    expect(resolveKey('', { tab: true, shift: true }, 'normal')).toMatchObject({ command: 'prevPane' });
    expect(resolveKey('l', { ctrl: true }, 'normal')).toMatchObject({ command: 'redraw' });
    expect(resolveKey('c', { ctrl: true }, 'normal')).toMatchObject({ command: 'interrupt' });
    expect(resolveKey('3', {}, 'normal')).toMatchObject({ command: 'view3' });
    expect(resolveKey(' ', {}, 'normal')).toMatchObject({ command: 'tag' });
    expect(resolveKey('x', {}, 'normal')).toBeNull();
  });

  it('in the filter, letters are text (q and j too), Esc clears, Ctrl-C still quits', () => {
    expect(resolveKey('q', {}, 'filter')).toEqual({ type: 'text', text: 'q' });
    expect(resolveKey('j', {}, 'filter')).toEqual({ type: 'text', text: 'j' });
    expect(resolveKey('', { escape: true }, 'filter')).toMatchObject({ command: 'filterClear' });
    expect(resolveKey('', { delete: true }, 'filter')).toMatchObject({ command: 'filterBackspace' });
    expect(resolveKey('c', { ctrl: true }, 'filter')).toMatchObject({ command: 'interrupt' });
    expect(resolveKey('\x1b[1;5P', {}, 'filter')).toBeNull();
  });

  it('in the help overlay q closes it instead of quitting', () => {
    expect(resolveKey('q', {}, 'help')).toMatchObject({ command: 'closeOverlay' });
    expect(resolveKey('j', {}, 'help')).toMatchObject({ command: 'down' });
    expect(resolveKey('2', {}, 'help')).toBeNull();
  });

  it('the help overlay lists every binding of the table, and hides machine-changing ones in --readonly', () => {
    const rows = helpRows({ options: { readonly: false, ascii: false, color: true } });
    const text = rows.map((r) => r.cells.map((c) => c.text).join(' ')).join('\n');
    for (const b of BINDINGS) if (b.modes.includes('normal')) expect(text).toContain(b.description);
    expect(text).toContain('Ctrl-u');
    expect(text).toContain('Shift-Tab');
    const ro = helpRows({ options: { readonly: true, ascii: true, color: true } }).map((r) => r.search).join('\n');
    expect(ro).not.toContain('migrate');
    expect(ro).not.toContain('tag package');
    expect(ro).toContain('down');
    expect(keyLabel({ key: 'upArrow' }, true)).toBe('Up');
  });

  it('hint line keeps help and quit even when narrow, and drops migrate in --readonly', () => {
    const narrow = hintText('normal', false, 30);
    expect(narrow).toContain('? help');
    expect(narrow).toContain('q quit');
    expect(displayWidth(narrow)).toBeLessThanOrEqual(30);
    expect(hintText('normal', true, 200)).not.toContain('migrate');
    expect(hintText('normal', false, 200)).toContain('m migrate');
    expect(hintText('filter', false, 80)).toContain('Esc clear');
  });
});

describe('text on a grid', () => {
  it('truncates with an ellipsis and pads to the exact width', () => {
    expect(truncate('requests', 5)).toBe('requ…');
    expect(truncate('abc', 5)).toBe('abc');
    expect(fit('abc', 5)).toBe('abc  ');
    expect(fit('abc', 5, 'right')).toBe('  abc');
    expect(truncateStart('/home/tester/projects/app', 10)).toBe('…jects/app');
    expect(displayWidth(fit('日本語のパッケージ', 7))).toBe(7);
  });

  it('never lets control characters from disk reach the terminal', () => {
    expect(sanitize('evil\x1b[2Jname\x07')).toBe('evil\\e[2Jname\\a');
    expect(truncate('a\x1bb', 10)).toBe('a\\eb');
  });

  it('wraps at spaces and marks the cut when over the line budget', () => {
    expect(wrap('pip config unset global.break-system-packages', 20)).toEqual(['pip config unset', 'global.break-system-', 'packages']);
    expect(wrap('x'.repeat(50), 20, 2)).toEqual(['x'.repeat(20), 'x'.repeat(19) + '…']);
  });
});

describe('rows and layout', () => {
  it('cell widths fill the line exactly and shrink fixed cells when too narrow', () => {
    const cells = [{ text: 'a', flex: 1 }, { text: 'b', width: 5 }, { text: 'c', width: 4 }];
    expect(cellWidths(cells, 30).reduce((a, b) => a + b, 0) + 2).toBe(30);
    expect(cellWidths(cells, 6).reduce((a, b) => a + b, 0) + 2).toBeLessThanOrEqual(6);
  });

  it('a selected row has a > marker and inverse video even without colour', () => {
    const row = { key: 'x', selectable: true, search: '', cells: [{ text: 'django', flex: 1 }, { text: 'HIGH', width: 4, tone: 'high' as const }] };
    const sel = renderRow(row, 20, { selected: true, focused: true, tagged: true, color: false });
    expect(sel.startsWith('\x1b[1m\x1b[7m>*django')).toBe(true);
    expect(sel).not.toMatch(/\x1b\[3\dm/);
    const plain = renderRow(row, 20, { selected: false, focused: true, tagged: false, color: true });
    expect(plain.replace(/\x1b\[[0-9;]*m/g, '')).toHaveLength(22);
    expect(plain).toContain('\x1b[31m');
  });

  it('stacks panes below 80 columns and keeps the root rows - 1 tall', () => {
    expect(computeLayout({ columns: 80, rows: 24 }, 'envs')).toMatchObject({ wide: true, height: 23, paneRows: 16 });
    const narrow = computeLayout({ columns: 60, rows: 20 }, 'envs');
    expect(narrow).toMatchObject({ wide: false, height: 19, listWidth: 60, detailWidth: 60 });
  });

  it('overview strip shows every kind at 80 columns, shortening labels when needed', () => {
    const { inventory, findings } = messyInventory();
    const groups = summarizeGroups(inventory, findings);
    expect(groups.map((g) => [g.group.label, g.count, g.worst])).toEqual([
      ['System', 1, 'critical'],
      ['User site', 2, 'medium'],
      ['venvs', 3, 'low'],
      ['pipx', 1, null],
      ['conda', 1, null],
      ['pyenv', 1, null],
      ['uv', 1, null],
      ['other', 0, null],
    ]);
    const wide = overviewText(groups, 80);
    expect(wide.text).toContain('User site 2 M');
    const tight = overviewText(groups, 60);
    expect(tight.short).toBe(true);
    expect(displayWidth(tight.text)).toBeLessThanOrEqual(60);
    expect(tight.text).toContain('other 0');
  });
});

describe('frame writer', () => {
  it('rewrites only the lines that changed, at absolute positions', () => {
    const a = ['head', '> one', '  two', 'foot'];
    const b = ['head', '  one', '> two', 'foot'];
    expect(frameDiff(null, a, 24).startsWith('\x1b[H\x1b[2J')).toBe(true);
    expect(frameDiff(a, b, 24)).toBe('\x1b[2;1H\x1b[0m\x1b[K  one\x1b[0m\x1b[3;1H\x1b[0m\x1b[K> two\x1b[0m');
    expect(frameDiff(a, a, 24)).toBe('');
    expect(frameDiff(a, ['head'], 24)).toContain('\x1b[4;1H\x1b[2K');
  });

  it('parses Ink frames (erase prefix + text), passes control sequences through, repaints on demand', () => {
    const out: string[] = [];
    const term = Object.assign(new EventEmitter(), { columns: 80, rows: 24, isTTY: true, write: (s: string) => out.push(s) });
    const w = new FrameWriter(term);
    w.write('\x1b[?25l');
    w.write('a\nb\nc\n');
    w.write('\x1b[2K\x1b[1A\x1b[2K\x1b[1A\x1b[2K\x1b[Ga\nB\nc\n');
    expect(out[0]).toBe('\x1b[?25l');
    expect(out[2]).toBe('\x1b[2;1H\x1b[0m\x1b[KB\x1b[0m');
    w.repaint();
    expect(out[3]).toContain('\x1b[2J');
    expect(out[3]).toContain('\x1b[2;1H\x1b[0m\x1b[KB');
    let resized = 0;
    w.on('resize', () => resized++);
    term.emit('resize');
    w.write('a\nB\nc\n');
    expect(resized).toBe(1);
    expect(out[4]).toContain('\x1b[2J');
    w.dispose();
    expect(term.listenerCount('resize')).toBe(0);
  });
});

describe('blank compression', () => {
  it('turns long blank runs into erase+move, keeps short ones, drops trailing ones, never inside inverse', async () => {
    const { compressBlanks } = await import('../../components/app/frame-writer.js');
    expect(compressBlanks('│ a          b │')).toBe('│ a\x1b[10Cb │');
    expect(compressBlanks('a  b')).toBe('a  b');
    expect(compressBlanks('abc        ')).toBe('abc');
    expect(compressBlanks('\x1b[7m> x          \x1b[27m│')).toBe('\x1b[7m> x          \x1b[27m│');
    expect(compressBlanks('\x1b[1;7mx\x1b[0m        y')).toBe('\x1b[1;7mx\x1b[0m\x1b[8Cy');
  });
});

describe('line diff', () => {
  it('rewrites from the first changed column, recreating the style there', async () => {
    const { lineUpdate } = await import('../../components/app/line-diff.js');
    expect(lineUpdate('│ left │ right', '│ left │ RIGHT', 1)).toEqual({ col: 10, text: 'RIGHT' });
    expect(lineUpdate('ab\x1b[1mcd\x1b[22m', 'ab\x1b[1mcx\x1b[22m', 1)).toEqual({ col: 4, text: '\x1b[0;1mx' });
    expect(lineUpdate('日本x', '日本y', 1)).toEqual({ col: 5, text: 'y' });
    expect(lineUpdate('same', 'same', 1)).toBeNull();
    expect(lineUpdate('a\x1b[7mb\x1b[27m', 'a\x1b[7mb\x1b[27m', 1)).toBeNull();
  });
});

it('classifies a tall frame after a long erase prefix in linear time (no regex backtracking)', async () => {
  const { FrameWriter } = await import('../../components/app/frame-writer.js');
  const { EventEmitter } = await import('node:events');
  const out: string[] = [];
  const term = Object.assign(new EventEmitter(), { columns: 200, rows: 200, isTTY: true, write: (s: string) => out.push(s) });
  const w = new FrameWriter(term);
  const frame = Array.from({ length: 150 }, (_, i) => `line ${i}`).join('\n') + '\n';
  w.write(frame);
  // 150 "erase line, cursor up" pairs, then the frame: exponential with overlapping alternatives.
  w.write('\x1b[2K\x1b[1A'.repeat(149) + '\x1b[2K\x1b[G' + frame.replace('line 7', 'LINE 7'));
  expect(out.at(-1)).toBe('\x1b[8;1H\x1b[0m\x1b[KLINE 7\x1b[0m');
});
