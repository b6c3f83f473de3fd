// What the wizard migrates: one item per (environment, name). One name can live in two sites of one
// environment (pip's six in /usr/local shadowing apt's in /usr/lib/python3/dist-packages): Python
// imports the copy first on sys.path, and that is the one a migration moves (the planner's
// visibleDists); listing both gave "install six==1.16.0 six==1.16.0".
import type { Distribution, Environment, Inventory } from '../../src/model.js';
import { visibleDists } from '../../src/migrate/closure.js';

export interface WizardSelection {
  /** Environment id (`kind:prefix`) the package lives in. */
  envId: string;
  /** Normalised distribution name. */
  name: string;
}

export interface SelectedDists {
  source: Environment | undefined;
  /** The copies Python imports, one per selected name, in inventory order. */
  dists: Distribution[];
  /** Selected packages of other environments (one wizard run migrates from one environment). */
  skipped: number;
}

export function selectedDists(inventory: Inventory, selection: WizardSelection[]): SelectedDists {
  const envId = selection[0]?.envId;
  const source = inventory.environments.find((e) => e.id === envId);
  if (!source) return { source, dists: [], skipped: selection.filter((s) => s.envId !== envId).length };
  const visible = visibleDists(source);
  const names = new Set(selection.filter((s) => s.envId === envId).map((s) => s.name));
  // Inventory order; of two copies of a name only the one Python imports.
  const dists = source.packages.filter((d) => names.has(d.name) && visible.get(d.name) === d);
  return { source, dists, skipped: selection.filter((s) => s.envId !== envId).length };
}
