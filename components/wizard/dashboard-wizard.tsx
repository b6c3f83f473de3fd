// The wizard as the dashboard opens it on `m`: the tagged batch (or the focused package), a context on
// the scanned root, and the operator's environment. Kept here so the app root only has to place it.
import React, { useMemo, useState } from 'react';
import { ScanContext, type Env } from '../../src/context.js';
import type { DashboardState } from '../state/dashboard-state.js';
import { detailRows, selectedRow } from '../state/selectors.js';
import { MigrationWizard, type WizardResult, type WizardSelection } from './migration-wizard.js';

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
  const inv = state.inventory;
  const ctx = useMemo(() => (inv ? new ScanContext({ root: inv.root, env }) : null), [inv, env]);
  // The batch is fixed when the wizard opens; later dashboard state (resizes, sizes) must not change it.
  const [selection] = useState(() => wizardSelection(state));
  if (!inv || !ctx) return null;
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
    />
  );
}
