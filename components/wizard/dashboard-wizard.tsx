// The wizard as the dashboard opens it on `m`: the tagged batch (or the focused package), a context on
// the scanned root, and the operator's environment. Kept here so the app root only has to place it.
import React, { useMemo, useState } from 'react';
import { ScanContext, type Env } from '../../src/context/scan-context.js';
import type { DashboardState } from '../state/dashboard-state.js';
import type { Inventory } from '../../src/model.js';
import { detailRows, selectedRow } from '../state/selectors.js';
import { MigrationWizard, type WizardResult, type WizardSelection } from './migration-wizard.js';

/** Resume or undo can start before the scan is done: no inventory is needed for a journal. */
const EMPTY: Inventory = { schema: 'pyenvtui/inventory@1', generatedAt: '', root: '/', host: '', platform: '', arch: '', home: '', environments: [], path: { dirs: [], python: null, python3: null, pip: null, pip3: null, commands: [] }, problems: [] };

/** Tagged package copies (tagKey = envId NUL name), else the package under the cursor. */
export function wizardSelection(s: DashboardState): WizardSelection[] {
  if (s.tagged.length) {
    return s.tagged.map((k) => {
      const i = k.indexOf('\u0000');
      return { envId: k.slice(0, i), name: k.slice(i + 1) };
    });
  }
  const row = s.focus === 'detail' ? detailRows(s)[s.detail.cursor] : selectedRow(s);
  return row?.pkg ? [{ envId: row.pkg.envId, name: row.pkg.name }] : [];
}

export interface DashboardWizardProps {
  state: DashboardState;
  onExit: (r: WizardResult) => void;
  onInterrupt?: (afterExit?: string) => void;
  onCopy?: (commands: string[]) => void;
  env?: Env;
}

export function DashboardWizard({ state, onExit, onInterrupt, onCopy, env = process.env }: DashboardWizardProps): React.JSX.Element | null {
  const inv = state.inventory ?? EMPTY;
  const ctx = useMemo(() => new ScanContext({ root: inv.root, env }), [inv, env]);
  // The batch is fixed when the wizard opens; later dashboard state (resizes, sizes) must not change it.
  const [selection] = useState(() => wizardSelection(state));
  const { color, ascii } = state.options;
  return (
    <MigrationWizard
      inventory={inv}
      selection={selection}
      onExit={onExit}
      ctx={ctx}
      hostEnv={env}
      rows={state.size.rows}
      columns={state.size.columns}
      color={color}
      ascii={ascii}
      {...(onInterrupt ? { onInterrupt } : {})}
      {...(onCopy ? { onCopy } : {})}
      {...(state.job ? { job: state.job } : {})}
    />
  );
}
