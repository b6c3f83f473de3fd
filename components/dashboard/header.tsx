import React from 'react';
import { Text } from 'ink';
import type { DashboardState } from '../state/dashboard-state.js';
import { countBySeverity, pathPythonEnv } from '../state/kinds.js';
import { paint, tone } from '../ui/style.js';
import { displayWidth, truncate } from '../ui/text.js';
import { SEVERITY_LETTER } from '../state/rows.js';
import { SEVERITIES } from '../../src/model.js';

/** Text of the scan status (right side of the header); empty once everything is known. Pure, for tests. */
export function scanStatusText(s: DashboardState): string {
  if (s.scan.error) return 'scan failed';
  if (s.scan.running) return `scanning${s.scan.total > 0 ? ` ${s.scan.done}/${s.scan.total}` : ''}…`;
  if (s.scan.sizing) return 'sizing…';
  return '';
}

/** Row 1: app, host, which python3 wins on PATH, finding counts, scan progress. */
export function Header({ state, version, width }: { state: DashboardState; version: string; width: number }): React.JSX.Element {
  const color = state.options.color;
  const inv = state.inventory;
  const py3 = inv?.path?.python3;
  const env = pathPythonEnv(inv);
  const shim = py3?.pyenv ? (py3.pyenv.runs ? ` → pyenv ${py3.pyenv.version}` : ` → pyenv: ${py3.pyenv.version} not installed`) : '';
  const pyText = py3 ? `python3: ${py3.pyenv?.runs ?? py3.path}${shim}${env?.python.version && !py3.pyenv ? ` (${env.python.version})` : ''}` : inv ? 'python3: none on PATH' : 'python3: …';
  const counts = countBySeverity(state.findings);
  const countsText = SEVERITIES.filter((s) => s !== 'info' || counts.info > 0)
    .map((s) => `${SEVERITY_LETTER[s]}${counts[s]}`)
    .join(' ');
  const status = scanStatusText(state);
  // The host goes last and shortest: an image's host name can be a long path.
  // What the machine was taken for, when there was anything to decide (doctor says why).
  const c = inv?.context;
  const ctxText = c && (c.assumed === 'container' || c.runtime || c.source !== 'detected') ? `${c.assumed}${c.runtime && c.runtime !== 'container' ? ` (${c.runtime})` : ''}` : '';
  const left = [`pyenvtui ${version}`, pyText, inv?.host ? truncate(inv.host, 20) : '', ctxText].filter(Boolean).join(' · ');
  const right = status ? `${countsText} · ${status}` : countsText;
  const room = Math.max(0, width - displayWidth(right) - 1);
  const leftText = truncate(left, room);
  const gap = ' '.repeat(Math.max(1, width - displayWidth(leftText) - displayWidth(right)));
  const coloredCounts = SEVERITIES.filter((s) => s !== 'info' || counts.info > 0)
    .map((s) => tone(`${SEVERITY_LETTER[s]}${counts[s]}`, counts[s] > 0 ? s : 'dim', color))
    .join(' ');
  const line = displayWidth(leftText) + gap.length + displayWidth(right) <= width
    ? `${paint(leftText, { bold: true }, color)}${gap}${coloredCounts}${status ? ` · ${paint(status, { bold: true }, color)}` : ''}`
    : truncate(`${left} ${right}`, width);
  return <Text wrap="truncate-end">{line}</Text>;
}
