// The one table of key bindings. The router resolves keys with it, the help overlay and the
// hint line are generated from it, so what the screen promises is exactly what the keys do.

export type CommandId =
  | 'up' | 'down' | 'top' | 'bottom' | 'pageUp' | 'pageDown' | 'halfUp' | 'halfDown'
  | 'nextPane' | 'prevPane' | 'view1' | 'view2' | 'view3' | 'view4'
  | 'open' | 'back' | 'tag' | 'tagAll' | 'filter' | 'nextMatch' | 'prevMatch' | 'sort' | 'sortReverse'
  | 'migrate' | 'rescan' | 'redraw' | 'suspend' | 'help' | 'quit' | 'interrupt' | 'copy'
  | 'closeOverlay' | 'filterAccept' | 'filterClear' | 'filterBackspace'
  | 'wizTarget' | 'wizSystemSite' | 'wizPlan' | 'wizRun' | 'wizCancel' | 'wizYes' | 'wizNo' | 'wizToggle'
  | 'wizAnswer' | 'wizUndo' | 'wizClose' | 'resumeMigration' | 'undoMigration'
  | 'repairEnv' | 'cleanUp' | 'exportMachine' | 'sizeAll';

/** The wizard's phases as key modes: its keys live in this table too (one router, one help). */
export const WIZARD_MODES = ['wiz-choose', 'wiz-plan', 'wiz-running', 'wiz-confirm', 'wiz-result', 'wiz-help'] as const;
export type WizardMode = (typeof WIZARD_MODES)[number];
export type Mode = 'normal' | 'filter' | 'help' | 'text' | WizardMode;

/** Modes where the motion keys scroll a text (help, a row's full text, every wizard phase). */
const SCROLLING: Mode[] = ['help', 'text', ...WIZARD_MODES];

/** The subset of Ink's Key the table uses. */
export interface KeyFlags {
  upArrow?: boolean; downArrow?: boolean; leftArrow?: boolean; rightArrow?: boolean;
  pageUp?: boolean; pageDown?: boolean; home?: boolean; end?: boolean;
  return?: boolean; escape?: boolean; tab?: boolean; backspace?: boolean; delete?: boolean;
  ctrl?: boolean; shift?: boolean;
}

type NamedKey = 'upArrow' | 'downArrow' | 'leftArrow' | 'rightArrow' | 'pageUp' | 'pageDown' | 'home' | 'end' | 'return' | 'escape' | 'tab' | 'backspace' | 'delete';

export interface KeySpec {
  /** Printable input ('j', 'G', ' ', '/'). */
  input?: string;
  key?: NamedKey;
  ctrl?: boolean;
  /** Only for named keys (Shift-Tab); letters carry case in `input`. */
  shift?: boolean;
}

export interface Binding {
  command: CommandId;
  keys: KeySpec[];
  description: string;
  modes: Mode[];
  group: 'Move' | 'Panes and views' | 'Act' | 'Screen' | 'Filter' | 'Help' | 'Migration';
  /** Changes the machine: hidden and refused in --readonly. */
  changesMachine?: boolean;
  /** Short text for the hint line, when the binding deserves a place there. */
  hint?: { label?: string; text: string };
}

const k = (input: string, ctrl = false): KeySpec => (ctrl ? { input, ctrl } : { input });
const n = (key: NamedKey, shift?: boolean): KeySpec => (shift === undefined ? { key } : { key, shift });

export const BINDINGS: readonly Binding[] = [
  { command: 'up', keys: [k('k'), n('upArrow')], description: 'move up', modes: ['normal', ...SCROLLING], group: 'Move' },
  { command: 'down', keys: [k('j'), n('downArrow')], description: 'move down', modes: ['normal', ...SCROLLING], group: 'Move', hint: { label: 'j/k', text: 'move' } },
  { command: 'top', keys: [k('g'), n('home')], description: 'first row', modes: ['normal', ...SCROLLING], group: 'Move' },
  { command: 'bottom', keys: [k('G'), n('end')], description: 'last row', modes: ['normal', ...SCROLLING], group: 'Move' },
  { command: 'pageUp', keys: [n('pageUp')], description: 'page up', modes: ['normal', ...SCROLLING], group: 'Move' },
  { command: 'pageDown', keys: [n('pageDown')], description: 'page down', modes: ['normal', ...SCROLLING], group: 'Move' },
  { command: 'halfUp', keys: [k('u', true)], description: 'half page up', modes: ['normal', ...SCROLLING], group: 'Move' },
  { command: 'halfDown', keys: [k('d', true)], description: 'half page down', modes: ['normal', ...SCROLLING], group: 'Move' },
  { command: 'nextPane', keys: [n('tab', false), k('l'), n('rightArrow')], description: 'next pane', modes: ['normal'], group: 'Panes and views', hint: { label: 'Tab', text: 'pane' } },
  { command: 'prevPane', keys: [n('tab', true), k('h'), n('leftArrow')], description: 'previous pane', modes: ['normal'], group: 'Panes and views' },
  { command: 'view1', keys: [k('1')], description: 'environments view', modes: ['normal'], group: 'Panes and views', hint: { label: '1-4', text: 'views' } },
  { command: 'view2', keys: [k('2')], description: 'findings view (worst first)', modes: ['normal'], group: 'Panes and views' },
  { command: 'view3', keys: [k('3')], description: 'packages across the machine', modes: ['normal'], group: 'Panes and views' },
  { command: 'view4', keys: [k('4')], description: 'PATH: what wins, what it shadows', modes: ['normal'], group: 'Panes and views' },
  { command: 'open', keys: [n('return')], description: 'open / jump to environment', modes: ['normal'], group: 'Panes and views', hint: { text: 'open' } },
  { command: 'back', keys: [n('escape')], description: 'back, clear filter', modes: ['normal'], group: 'Panes and views', hint: { label: 'Esc', text: 'back' } },
  { command: 'filter', keys: [k('/')], description: 'filter the list', modes: ['normal'], group: 'Act', hint: { text: 'filter' } },
  { command: 'nextMatch', keys: [k('n')], description: 'next match of the filter', modes: ['normal'], group: 'Act' },
  { command: 'prevMatch', keys: [k('N')], description: 'previous match', modes: ['normal'], group: 'Act' },
  { command: 'sort', keys: [k('s')], description: 'cycle sort key', modes: ['normal'], group: 'Act', hint: { label: 's/S', text: 'sort' } },
  { command: 'sortReverse', keys: [k('S')], description: 'reverse sort', modes: ['normal'], group: 'Act' },
  { command: 'tag', keys: [k(' ')], description: 'tag package for migration', modes: ['normal'], group: 'Act', changesMachine: true, hint: { label: 'Space', text: 'tag' } },
  { command: 'tagAll', keys: [k('a')], description: 'tag all packages of the env', modes: ['normal'], group: 'Act', changesMachine: true, hint: { label: 'a', text: 'tag all' } },
  { command: 'migrate', keys: [k('m')], description: 'migrate tagged packages', modes: ['normal'], group: 'Act', changesMachine: true, hint: { text: 'migrate' } },
  { command: 'resumeMigration', keys: [k('R')], description: 'resume the unfinished migration', modes: ['normal'], group: 'Act', changesMachine: true },
  { command: 'undoMigration', keys: [k('U')], description: 'undo the unfinished migration', modes: ['normal'], group: 'Act', changesMachine: true },
  { command: 'repairEnv', keys: [k('F')], description: 'repair the broken environment under the cursor (plan, run, undo)', modes: ['normal'], group: 'Act', changesMachine: true },
  { command: 'cleanUp', keys: [k('C')], description: 'clean-up: dead and unused environments to the trash', modes: ['normal'], group: 'Act', changesMachine: true },
  { command: 'exportMachine', keys: [k('E')], description: 'export tools and venvs to a file for pyenvtui restore', modes: ['normal'], group: 'Act' },
  { command: 'sizeAll', keys: [k('D')], description: 'size every environment (by default only the visible ones are sized)', modes: ['normal'], group: 'Screen' },
  { command: 'rescan', keys: [k('r')], description: 'rescan the machine', modes: ['normal'], group: 'Screen', hint: { text: 'rescan' } },
  { command: 'suspend', keys: [k('z', true)], description: 'suspend to the shell (fg resumes)', modes: ['normal', 'help', 'text'], group: 'Screen' },
  { command: 'redraw', keys: [k('l', true)], description: 'redraw the screen', modes: ['normal', 'help', 'filter'], group: 'Screen' },
  { command: 'help', keys: [k('?')], description: 'this help', modes: ['normal'], group: 'Screen', hint: { text: 'help' } },
  { command: 'copy', keys: [k('y')], description: 'copy the commands of this row (printed on exit)', modes: ['normal', 'text', 'wiz-plan', 'wiz-result'], group: 'Act', hint: { text: 'copy' } },
  { command: 'quit', keys: [k('q')], description: 'quit', modes: ['normal'], group: 'Screen', hint: { text: 'quit' } },
  { command: 'interrupt', keys: [k('c', true)], description: 'quit (exit status 130)', modes: ['normal', 'help', 'filter', 'text', 'wiz-choose', 'wiz-plan', 'wiz-result', 'wiz-help'], group: 'Screen' },
  { command: 'interrupt', keys: [k('c', true)], description: 'stop at the next safe point, then quit', modes: ['wiz-running', 'wiz-confirm'], group: 'Migration' },
  { command: 'closeOverlay', keys: [n('escape'), k('q'), k('?')], description: 'close help', modes: ['help', 'wiz-help'], group: 'Help', hint: { label: 'Esc/q', text: 'close' } },
  { command: 'closeOverlay', keys: [n('escape'), k('q'), n('return')], description: 'close the full text', modes: ['text'], group: 'Help', hint: { label: 'Esc', text: 'close' } },
  { command: 'wizTarget', keys: [k('t'), k(' '), n('rightArrow')], description: 'next target (pipx, uv, venv)', modes: ['wiz-choose'], group: 'Migration', hint: { label: 't', text: 'target' } },
  { command: 'wizSystemSite', keys: [k('s')], description: 'toggle system site-packages', modes: ['wiz-choose'], group: 'Migration', hint: { text: 'system site' } },
  { command: 'wizPlan', keys: [n('return')], description: 'show the plan (nothing runs yet)', modes: ['wiz-choose'], group: 'Migration', hint: { text: 'plan' } },
  { command: 'wizRun', keys: [n('return')], description: 'run the plan', modes: ['wiz-plan'], group: 'Migration', hint: { text: 'run' } },
  { command: 'wizCancel', keys: [n('escape')], description: 'cancel (nothing changed)', modes: ['wiz-choose', 'wiz-plan'], group: 'Migration', hint: { label: 'Esc', text: 'cancel' } },
  { command: 'wizYes', keys: [k('y')], description: 'answer yes', modes: ['wiz-confirm'], group: 'Migration', hint: { label: 'y/n', text: 'choose' } },
  { command: 'wizNo', keys: [k('n')], description: 'answer no', modes: ['wiz-confirm'], group: 'Migration' },
  { command: 'wizToggle', keys: [n('leftArrow'), n('rightArrow')], description: 'switch the answer', modes: ['wiz-confirm'], group: 'Migration' },
  { command: 'wizAnswer', keys: [n('return')], description: 'answer (a backup is kept either way)', modes: ['wiz-confirm'], group: 'Migration', hint: { text: 'answer' } },
  { command: 'wizUndo', keys: [k('u')], description: 'undo this migration', modes: ['wiz-result'], group: 'Migration', hint: { text: 'undo' } },
  { command: 'wizClose', keys: [n('return'), n('escape'), k('q')], description: 'close (rescans)', modes: ['wiz-result'], group: 'Migration', hint: { text: 'close' } },
  { command: 'help', keys: [k('?')], description: 'keys of this screen', modes: ['wiz-choose', 'wiz-plan', 'wiz-running', 'wiz-confirm', 'wiz-result'], group: 'Help', hint: { text: 'help' } },
  { command: 'filterAccept', keys: [n('return')], description: 'keep filter, back to list', modes: ['filter'], group: 'Filter', hint: { text: 'keep' } },
  { command: 'filterClear', keys: [n('escape')], description: 'clear filter', modes: ['filter'], group: 'Filter', hint: { label: 'Esc', text: 'clear' } },
  { command: 'filterBackspace', keys: [n('backspace'), n('delete')], description: 'delete a character', modes: ['filter'], group: 'Filter' },
  { command: 'up', keys: [n('upArrow')], description: 'move up', modes: ['filter'], group: 'Filter' },
  { command: 'down', keys: [n('downArrow')], description: 'move down', modes: ['filter'], group: 'Filter', hint: { label: '↑/↓', text: 'move' } },
];

function matches(spec: KeySpec, input: string, key: KeyFlags): boolean {
  if ((spec.ctrl ?? false) !== (key.ctrl ?? false)) return false;
  if (spec.key) {
    if (!key[spec.key]) return false;
    return spec.shift === undefined || (key.shift ?? false) === spec.shift;
  }
  return spec.input === input;
}

export type Resolved = { type: 'command'; command: CommandId; binding: Binding } | { type: 'text'; text: string } | null;

/** What a keypress means in a mode; in the filter, printable input is text. */
export function resolveKey(input: string, key: KeyFlags, mode: Mode): Resolved {
  for (const b of BINDINGS) {
    if (!b.modes.includes(mode)) continue;
    if (b.keys.some((s) => matches(s, input, key))) return { type: 'command', command: b.command, binding: b };
  }
  // Control characters and escape sequences never become filter text.
  if (mode === 'filter' && !key.ctrl && input.length > 0 && !/[\u0000-\u001f\u007f]/.test(input)) return { type: 'text', text: input };
  return null;
}

const NAMED_LABEL: Record<NamedKey, [string, string]> = {
  upArrow: ['↑', 'Up'], downArrow: ['↓', 'Down'], leftArrow: ['←', 'Left'], rightArrow: ['→', 'Right'],
  pageUp: ['PgUp', 'PgUp'], pageDown: ['PgDn', 'PgDn'], home: ['Home', 'Home'], end: ['End', 'End'],
  return: ['Enter', 'Enter'], escape: ['Esc', 'Esc'], tab: ['Tab', 'Tab'], backspace: ['Bksp', 'Bksp'], delete: ['Del', 'Del'],
};

/** How a key is written on screen ("Ctrl-u", "Shift-Tab", "Space", "↑" or "Up" in ASCII). */
export function keyLabel(spec: KeySpec, ascii = false): string {
  const base = spec.key ? NAMED_LABEL[spec.key][ascii ? 1 : 0] : spec.input === ' ' ? 'Space' : (spec.input ?? '');
  const shifted = spec.key && spec.shift ? `Shift-${base}` : base;
  return spec.ctrl ? `Ctrl-${shifted}` : shifted;
}

/** Bindings shown for a mode: --readonly hides those that change the machine. */
export function visibleBindings(mode: Mode, readonly: boolean): Binding[] {
  return BINDINGS.filter((b) => b.modes.includes(mode) && !(readonly && b.changesMachine));
}

/** Hints kept whatever the width: how to get help, how to leave, and the step the screen is for. */
const ESSENTIAL: ReadonlySet<CommandId> = new Set<CommandId>(['help', 'quit', 'closeOverlay', 'filterClear', 'wizPlan', 'wizRun', 'wizCancel', 'wizAnswer', 'wizClose']);

/** Hint line items for a mode, in table order; "? help" and "q quit" are kept when space runs out. */
export function hintItems(mode: Mode, readonly: boolean, ascii = false, first: readonly CommandId[] = []): { label: string; text: string; essential: boolean }[] {
  const rank = (b: Binding): number => (first.includes(b.command) ? first.indexOf(b.command) : first.length);
  return visibleBindings(mode, readonly)
    .filter((b) => b.hint)
    .map((b, i) => ({ b, i }))
    .sort((x, y) => rank(x.b) - rank(y.b) || x.i - y.i)
    .map(({ b }) => b)
    .map((b) => ({
      label: b.hint!.label ?? keyLabel(b.keys[0]!, ascii),
      text: b.hint!.text,
      essential: ESSENTIAL.has(b.command),
    }));
}
