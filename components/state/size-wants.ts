// Which environments the dashboard wants sized right now (issue 15 item 3): sizes are shown by the
// environments list (sorted by size) and the selected environment's detail, so only the environments
// in the list's visible window are sized, the selected one first. The size-all key (sizeAll) and a
// sort by size (which needs every size to mean anything) ask for all of them. Pure: unit-tested.
import type { SizeWant } from '../../src/app/loader.js';
import type { DashboardState } from './dashboard-state.js';
import { computeLayout } from './layout.js';
import { mainRows, selectedRow, sortOf } from './selectors.js';

const NOTHING: SizeWant = { all: false, ids: [] };

export function wantedSizes(s: DashboardState): SizeWant {
  if (!s.inventory || s.inventory.environments.length === 0) return NOTHING;
  const all = s.sizeAll || sortOf(s, 'envs').key === 'size';
  // Other views show no sizes; the environments view shows its window and the selection's detail.
  if (s.view !== 'envs') return all ? { all, ids: [] } : NOTHING;
  const ids: string[] = [];
  const sel = selectedRow(s, 'envs')?.envId;
  if (sel) ids.push(sel);
  const rows = mainRows(s, 'envs');
  const { offset } = s.lists.envs;
  const end = Math.min(rows.length, offset + computeLayout(s.size, 'envs').paneRows);
  for (let i = offset; i < end; i++) {
    const id = rows[i]!.envId;
    if (id && id !== sel) ids.push(id);
  }
  return { all, ids };
}
