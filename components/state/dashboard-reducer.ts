// The pure reducer: every change to the dashboard is an action here, so it is unit-tested
// without rendering, and the key router stays a thin table lookup.
import { severityRank, type Finding, type Inventory } from '../../src/model.js';
import type { Unfinished } from '../../src/migrate/unfinished.js';
import { SORTS, VIEWS, VIEW_TITLES, modeOf, type DashboardState, type ViewId } from './dashboard-state.js';
import { resolveKey, type CommandId, type KeyFlags } from './key-bindings.js';
import { EMPTY_POS, findMatch, jumpTo, move, reanchor, type ListPos, type Motion } from './list-nav.js';
import { tagKey, type Row } from './rows.js';
import { detailRows, envById, layoutOf, mainRows, selectedRow } from './selectors.js';
import { goBack, openRow } from './navigation.js';
import { mouse, parseMouse } from './mouse.js';
import { focusedRow, normalize, setView, withFocusedPos } from './positions.js';

export type Action =
  | { type: 'resize'; columns: number; rows: number }
  | { type: 'scan-start' }
  | { type: 'scan-progress'; inventory: Inventory; findings?: Finding[]; done: number; total: number; active: string[] }
  | { type: 'scan-done'; inventory: Inventory; findings: Finding[] }
  | { type: 'scan-error'; message: string }
  | { type: 'sizes'; sizes: Record<string, number>; sizing: boolean }
  | { type: 'command'; command: CommandId }
  /** A raw keypress: resolved here, against the state it lands on (no stale closures between keys). */
  | { type: 'key'; input: string; key: KeyFlags }
  | { type: 'filter-text'; text: string }
  | { type: 'message'; text: string }
  | { type: 'overlay-closed'; message?: string; clearTags?: boolean }
  /** Commands copied inside the wizard (its plan). */
  | { type: 'copied'; commands: string[] }
  | { type: 'unfinished'; list: Unfinished[] };

const MOTIONS: ReadonlySet<string> = new Set(['up', 'down', 'top', 'bottom', 'pageUp', 'pageDown', 'halfUp', 'halfDown']);

/** Adds commands to the copy buffer (printed after exit), once each. */
export function copyCommands(s: DashboardState, commands: readonly string[]): DashboardState {
  if (!commands.length) return { ...s, message: 'nothing to copy here: y copies the fix commands of a finding or a plan' };
  const copied = [...new Set([...s.copied, ...commands])];
  return { ...s, copied, message: `copied ${commands.length} command${commands.length === 1 ? '' : 's'} (${copied.length} in all): printed when you quit` };
}

function toggleTags(s: DashboardState, keys: string[]): DashboardState {
  const set = new Set(s.tagged);
  const allTagged = keys.every((k) => set.has(k));
  for (const k of keys) if (allTagged) set.delete(k);
  else set.add(k);
  return { ...s, tagged: [...set], message: `${set.size} tagged for migration` };
}

function command(s: DashboardState, c: CommandId): DashboardState {
  if (MOTIONS.has(c)) return withFocusedPos(s, (rows, pos, h) => move(rows, pos, c as Motion, h));
  const readonlyRefusal = { ...s, message: 'read-only: actions that change the machine are off (--readonly)' };
  switch (c) {
    case 'nextPane':
    case 'prevPane':
      return { ...s, focus: s.focus === 'list' ? 'detail' : 'list' };
    case 'view1':
    case 'view2':
    case 'view3':
    case 'view4':
      return setView(s, VIEWS[Number(c.slice(4)) - 1]!);
    case 'open':
      return openRow(s);
    case 'back':
      return goBack(s);
    case 'filter':
      return { ...s, editingFilter: true, focus: 'list', message: '' };
    case 'filterAccept': {
      const n = mainRows(s).filter((r) => r.selectable).length;
      return { ...s, editingFilter: false, message: s.filters[s.view] ? `${n} shown for "${s.filters[s.view]}" · n/N next/previous match` : '' };
    }
    case 'filterClear':
      return normalize({ ...s, editingFilter: false, filters: { ...s.filters, [s.view]: '' }, message: 'filter cleared' });
    case 'filterBackspace':
      return normalize({ ...s, filters: { ...s.filters, [s.view]: s.filters[s.view].slice(0, -1) } });
    case 'nextMatch':
    case 'prevMatch': {
      const needle = s.filters[s.view];
      if (!needle) return { ...s, message: 'no filter: press / and type one' };
      const inDetail = s.focus === 'detail';
      const rows = inDetail ? detailRows(s) : mainRows(s);
      const pos = inDetail ? s.detail : s.lists[s.view];
      const i = findMatch(rows, pos.cursor, needle, c === 'nextMatch' ? 1 : -1);
      if (i < 0) return { ...s, message: `no match for "${needle}"` };
      return withFocusedPos(s, (r, p, h) => jumpTo(r, p, i, h));
    }
    case 'sort':
    case 'sortReverse': {
      const cur = s.sorts[s.view];
      const keys = SORTS[s.view];
      const next = c === 'sort' ? { index: (cur.index + 1) % keys.length, reverse: false } : { ...cur, reverse: !cur.reverse };
      const msg = `sort ${VIEW_TITLES[s.view].toLowerCase()} by ${keys[next.index]}${next.reverse ? ', reversed' : ''}`;
      return normalize({ ...s, sorts: { ...s.sorts, [s.view]: next }, message: msg });
    }
    case 'tag': {
      if (s.options.readonly) return readonlyRefusal;
      const row = focusedRow(s);
      if (!row?.pkg) return { ...s, message: 'Space tags a package: open an environment (Enter), then pick a package' };
      const d = envById(s, row.pkg.envId)?.packages.find((p) => p.name === row.pkg!.name);
      if (d && distroOwned(d) && !s.tagged.includes(tagKey(row.pkg.envId, row.pkg.name))) {
        return { ...s, message: `${d.name} belongs to the system package manager: it is never migrated` };
      }
      return withFocusedPos(toggleTags(s, [tagKey(row.pkg.envId, row.pkg.name)]), (r, p, h) => move(r, p, 'down', h));
    }
    case 'tagAll': {
      if (s.options.readonly) return readonlyRefusal;
      const env = envById(s, focusedRow(s)?.envId ?? (s.view === 'envs' ? selectedRow(s)?.envId : undefined));
      if (!env || env.packages.length === 0) return { ...s, message: 'a tags every package of an environment: select one first' };
      // The system package manager's packages are never offered: tagging them would block the batch.
      const movable = env.packages.filter((p) => !distroOwned(p));
      if (movable.length === 0) return { ...s, message: 'every package here belongs to the system package manager: nothing to migrate' };
      return toggleTags(s, movable.map((p) => tagKey(env.id, p.name)));
    }
    case 'migrate': {
      if (s.options.readonly) return readonlyRefusal;
      if (s.tagged.length === 0 && !focusedRow(s)?.pkg) return { ...s, message: 'tag packages with Space first (or select one)' };
      const fr = focusedRow(s)?.pkg;
      const focused = s.tagged.length === 0 && fr ? envById(s, fr.envId)?.packages.find((p) => p.name === fr.name) : undefined;
      if (focused && distroOwned(focused)) return { ...s, message: `${focused.name} belongs to the system package manager: it is never migrated` };
      return { ...s, overlay: 'wizard', job: null };
    }
    case 'resumeMigration':
    case 'undoMigration': {
      if (s.options.readonly) return readonlyRefusal;
      const u = s.unfinished[0];
      if (!u) return { ...s, message: 'no unfinished migration' };
      return { ...s, overlay: 'wizard', job: { kind: c === 'resumeMigration' ? 'resume' : 'undo', id: u.id } };
    }
    case 'repairEnv': {
      if (s.options.readonly) return readonlyRefusal;
      const row = focusedRow(s);
      const env = row?.envId ? envById(s, row.envId) : row?.pkg ? envById(s, row.pkg.envId) : undefined;
      if (!env) return { ...s, message: 'F repairs a broken environment: select one first' };
      if (env.health.cannotRun === undefined) return { ...s, message: `${env.name} is not broken (its interpreter runs): nothing to repair` };
      return { ...s, overlay: 'lifecycle', lifecycle: { kind: 'repair', envId: env.id } };
    }
    case 'cleanUp':
      if (s.options.readonly) return readonlyRefusal;
      return s.inventory ? { ...s, overlay: 'lifecycle', lifecycle: { kind: 'clean' } } : { ...s, message: 'wait for the scan to finish' };
    case 'exportMachine':
      return s.inventory && !s.scan.running ? { ...s, overlay: 'lifecycle', lifecycle: { kind: 'export' } } : { ...s, message: 'wait for the scan to finish' };
    case 'sizeAll':
      if (s.sizeAll) return { ...s, message: 'every environment is being sized already' };
      return { ...s, sizeAll: true, message: 'sizing every environment (in the background)' };
    case 'rescan':
      return { ...s, scan: { ...s.scan, running: true, done: 0, total: 0, active: [], error: null }, message: 'rescanning…' };
    case 'help':
      return { ...s, overlay: 'help', help: EMPTY_POS };
    case 'closeOverlay':
      return { ...s, overlay: null, text: null };
    case 'copy':
      if (s.overlay === 'text' && s.text) return copyCommands(s, s.text.full.commands);
      return copyCommands(s, focusedRow(s)?.commands ?? focusedRow(s)?.full?.commands ?? []);
    case 'redraw':
    case 'suspend':
    case 'quit':
    case 'interrupt':
      return s;
    default:
      return s;
  }
}

const EFFECTS = { quit: 'quit', interrupt: 'interrupt', rescan: 'rescan', redraw: 'redraw', suspend: 'suspend' } as const;

/** A character from a chunk, as Ink would have reported it alone. */
function charKey(ch: string): [string, KeyFlags] {
  if (ch === '\r') return ['', { return: true }];
  if (ch === '\t') return ['', { tab: true }];
  if (ch === '\x7f') return ['', { delete: true }];
  if (ch === '\b') return ['', { backspace: true }];
  return [ch, {}];
}

/** The one key router: the table decides, in the mode the state is in right now. */
function key(s: DashboardState, input: string, flags: KeyFlags): DashboardState {
  // The wizard owns the keyboard (its keys are the wiz-* modes of the same table); nothing here.
  if (s.overlay === 'wizard') return s;
  const me = parseMouse(input);
  if (me) return mouse(s, me);
  // The rest of an escape sequence Ink does not know (F-keys, other mouse modes): never replay it as
  // typed characters ("[15~" would switch to view 1, then 5...).
  if (/^(?:\[|O)[\d;<?]*[A-Za-z~]$/.test(input) && input.length > 1) return s;
  // Keys typed faster than a frame arrive as one chunk ("jj", "/demo-lib\r"): replay them one by
  // one, each in the mode the previous one left.
  if ([...input].length > 1 && !flags.ctrl) return [...input].reduce((acc, ch) => key(acc, ...charKey(ch)), s);
  const r = resolveKey(input, flags, modeOf(s));
  if (r === null) return s;
  if (r.type === 'text') return reducer(s, { type: 'filter-text', text: r.text });
  const next = command(s, r.command);
  const effect = (EFFECTS as Record<string, keyof DashboardState['effects'] | undefined>)[r.command];
  return effect ? { ...next, effects: { ...next.effects, [effect]: next.effects[effect] + 1 } } : next;
}

/** Before the first keypress, a scan that fills in keeps the cursor on the first row. */
function untouched(s: DashboardState): DashboardState {
  if (s.touched) return s;
  return { ...s, lists: { envs: EMPTY_POS, findings: EMPTY_POS, packages: EMPTY_POS, path: EMPTY_POS } };
}

export function reducer(s: DashboardState, a: Action): DashboardState {
  switch (a.type) {
    case 'resize':
      if (s.size.columns === a.columns && s.size.rows === a.rows) return s;
      return normalize({ ...s, size: { columns: a.columns, rows: a.rows } });
    case 'scan-start': {
      const c = s.scan;
      // The first scan starts in the state the screen opened with: the same object means no render,
      // and no render means Ink's frame throttle is free when the results arrive.
      if (c.running && c.done === 0 && c.total === 0 && c.active.length === 0 && c.error === null) return s;
      return { ...s, scan: { ...c, running: true, done: 0, total: 0, active: [], error: null } };
    }
    case 'scan-progress':
      return normalize({
        ...untouched(s),
        inventory: a.inventory,
        findings: a.findings ?? s.findings,
        scan: { ...s.scan, running: true, done: a.done, total: a.total, active: a.active },
      });
    case 'scan-done': {
      const n = a.inventory.environments.length;
      const msg = s.message === 'rescanning…' || s.message === '' ? `found ${n} environment${n === 1 ? '' : 's'}, ${a.findings.length} finding${a.findings.length === 1 ? '' : 's'}` : s.message;
      // The first screen opens on what needs attention: the findings, worst first.
      const attention = !s.touched && a.findings.some((f) => severityRank(f.severity) <= severityRank('medium'));
      const view = attention ? 'findings' : s.view;
      return normalize({ ...untouched(s), view, inventory: a.inventory, findings: a.findings, scan: { ...s.scan, running: false, done: s.scan.total, active: [] }, message: msg });
    }
    case 'scan-error':
      return { ...s, scan: { ...s.scan, running: false, active: [], error: a.message }, message: `scan failed: ${a.message}` };
    case 'sizes':
      return normalize({ ...s, sizes: { ...s.sizes, ...a.sizes }, scan: { ...s.scan, sizing: a.sizing } });
    case 'command':
      return command(s.touched ? s : { ...s, touched: true }, a.command);
    case 'key':
      return key(s.touched ? s : { ...s, touched: true }, a.input, a.key);
    case 'filter-text':
      return normalize({ ...s, filters: { ...s.filters, [s.view]: s.filters[s.view] + a.text } });
    case 'message':
      return { ...s, message: a.text };
    case 'overlay-closed':
      return { ...s, overlay: null, job: null, unfinished: s.job ? s.unfinished.filter((u) => u.id !== s.job!.id) : s.unfinished, message: a.message ?? s.message, tagged: a.clearTags ? [] : s.tagged };
    case 'copied':
      return copyCommands(s, a.commands);
    case 'unfinished':
      return { ...s, unfinished: a.list };
  }
}

/** Installed by apt/dnf (dpkg owner, installer, or the guidance's `keep`): never tagged for migration. */
function distroOwned(d: { dpkgPackage?: string; installer: string | null; advice?: { action: string } }): boolean {
  return !!d.dpkgPackage || d.installer === 'debian' || d.installer === 'rpm' || d.advice?.action === 'keep';
}
