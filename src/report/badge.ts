// Short severity badge: a word, so that severity never depends on colour alone. Shared by the
// dashboard's rows and the plain-text summary printed when there is no terminal.
import type { Severity } from '../model.js';

export const SEVERITY_BADGE: Record<Severity, string> = {
  critical: 'CRIT',
  high: 'HIGH',
  medium: 'MED',
  low: 'LOW',
  info: 'INFO',
};
