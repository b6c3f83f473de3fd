// The dashboard's whole state, in one plain object: the reducer is the only thing that changes it.
import type { Finding, Inventory } from '../../src/model.js';
import { EMPTY_POS, type ListPos } from './list-nav.js';
import type { FullText } from './rows.js';
import type { Unfinished } from '../../src/migrate/unfinished.js';

export const VIEWS = ['envs', 'findings', 'packages', 'path'] as const;
export type ViewId = (typeof VIEWS)[number];
export type PaneId = 'list' | 'detail';

export const VIEW_TITLES: Record<ViewId, string> = {
  envs: 'Environments',
  findings: 'Findings',
  packages: 'Packages',
  path: 'PATH',
};

/** Sort keys per view; the first is the default. */
export const SORTS: Record<ViewId, readonly string[]> = {
  envs: ['name', 'packages', 'size', 'python'],
  findings: ['severity', 'rule', 'environment'],
  packages: ['name', 'copies', 'versions'],
  path: ['PATH order', 'name', 'shadows'],
};

export interface ScanStatus {
  running: boolean;
  /** Locators finished / started. */
  done: number;
  total: number;
  /** Locators still running (for the header). */
  active: string[];
  error: string | null;
  /** Sizes are computed after the scan, in the background (the visible environments, or all on request). */
  sizing: boolean;
}

export interface DashboardOptions {
  readonly: boolean;
  ascii: boolean;
  color: boolean;
}

export interface DashboardState {
  inventory: Inventory | null;
  findings: Finding[];
  /** Bytes on disk per environment id, filled in the background. */
  sizes: Record<string, number>;
  /** The size-all key was pressed: every environment is sized, not only the visible ones. */
  sizeAll: boolean;
  scan: ScanStatus;
  size: { columns: number; rows: number };
  view: ViewId;
  focus: PaneId;
  overlay: 'help' | 'wizard' | 'text' | 'lifecycle' | null;
  /** What the lifecycle overlay does (F repair, C clean-up, E export). */
  lifecycle?: { kind: 'repair' | 'clean' | 'export'; envId?: string };
  /** The full text of a row, opened with Enter (overlay 'text'). */
  text: { full: FullText; pos: ListPos } | null;
  /** Places to return to with Esc after a jump (finding → environment and package). */
  back: Array<Pick<DashboardState, 'view' | 'focus' | 'lists' | 'detail' | 'detailOwner'>>;
  help: ListPos;
  editingFilter: boolean;
  filters: Record<ViewId, string>;
  sorts: Record<ViewId, { index: number; reverse: boolean }>;
  lists: Record<ViewId, ListPos>;
  detail: ListPos;
  /** Key of the main-list row the detail position belongs to (reset when the selection changes). */
  detailOwner: string | null;
  /** Tagged package copies (tagKey(envId, name)), the batch for a migration. */
  tagged: string[];
  message: string;
  options: DashboardOptions;
  /** The user has pressed a key: from then on, arriving data never moves the cursor back to the top. */
  touched: boolean;
  /** Side effects the key router asked for; the app performs one each time a counter moves. */
  effects: { quit: number; interrupt: number; rescan: number; redraw: number; suspend: number };
  /** Commands copied with `y`: printed on the normal screen after exit (as lazygit does). */
  copied: string[];
  /** Migrations left half-way: shown first, R resumes and U undoes the first one. */
  unfinished: Unfinished[];
  /** What the wizard overlay does: a new migration of the tagged batch, or resume/undo a journal. */
  job: { kind: 'resume' | 'undo'; id: string } | null;
}

/** Which part of the key table is live: overlay first, then the filter prompt, then the panes. */
export function modeOf(s: Pick<DashboardState, 'overlay' | 'editingFilter'>): 'help' | 'filter' | 'normal' | 'text' {
  if (s.overlay === 'help') return 'help';
  if (s.overlay === 'text') return 'text';
  if (s.editingFilter) return 'filter';
  return 'normal';
}

export const DEFAULT_OPTIONS: DashboardOptions = { readonly: false, ascii: false, color: true };

/** State before any data: the screen can draw at once. */
export function initialState(size: { columns: number; rows: number }, options: Partial<DashboardOptions> = {}): DashboardState {
  const per = <T,>(v: () => T): Record<ViewId, T> => ({ envs: v(), findings: v(), packages: v(), path: v() });
  return {
    inventory: null,
    findings: [],
    sizes: {},
    sizeAll: false,
    scan: { running: true, done: 0, total: 0, active: [], error: null, sizing: false },
    size,
    view: 'envs',
    focus: 'list',
    overlay: null,
    text: null,
    back: [],
    help: EMPTY_POS,
    editingFilter: false,
    filters: per(() => ''),
    sorts: per(() => ({ index: 0, reverse: false })),
    lists: per(() => EMPTY_POS),
    detail: EMPTY_POS,
    detailOwner: null,
    tagged: [],
    message: '',
    options: { ...DEFAULT_OPTIONS, ...options },
    touched: false,
    effects: { quit: 0, interrupt: 0, rescan: 0, redraw: 0, suspend: 0 },
    copied: [],
    unfinished: [],
    job: null,
  };
}
