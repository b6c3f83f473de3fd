// R1: break-system-packages switched on for pip (pip.conf files, PIP_BREAK_SYSTEM_PACKAGES) or uv
// (uv.toml [pip], UV_BREAK_SYSTEM_PACKAGES). Inside a throwaway container it is a low note, not an alarm.
import type { Evidence, Finding, Severity } from '../../model.js';
import { effectiveOption, pipBool, type PipSetting } from '../../formats/pip-config.js';
import { finding, q, systemEnvs, type Rule } from './util.js';

const KEY = 'break-system-packages';

function evidenceOf(s: PipSetting, detail: string): Evidence {
  return s.env ? { env: s.env, detail } : { path: s.path, line: s.line, detail };
}

export const breakSystemPackages: Rule = (inv, facts) => {
  const out: Finding[] = [];
  const severity: Severity = facts.container ? 'low' : 'high';
  const inContainer = facts.container ? ` (inside a ${facts.container.kind} container: a throwaway system, so only a note)` : '';
  const seen = new Set<string>();
  for (const env of systemEnvs(inv).filter((e) => e.externallyManaged)) {
    const cfg = facts.pip.get(env.id);
    if (!cfg) continue;
    const eff = effectiveOption(cfg, 'install', KEY, 'bool');
    if (eff.error) {
      out.push(finding(`${KEY}-config`, 'low', `pip refuses to run: invalid ${KEY} value`, eff.places.map((p) => evidenceOf(p, `${KEY} = ${p.value}`)), ['Set the value to true or false (or remove the line); pip accepts y/yes/t/true/on/1 and n/no/f/false/off/0.'], { environment: env.id }));
      continue;
    }
    if (!eff.value || !eff.winner) continue;
    const w = eff.winner;
    const key = w.env ? `env:${w.env}` : `${w.path}:${w.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const evidence: Evidence[] = [evidenceOf(w, `${w.env ? '' : `[${w.section}] `}${KEY} = ${w.value} → pip install ignores the EXTERNALLY-MANAGED marker of ${env.python.executable ?? env.prefix}${inContainer}`)];
    for (const p of eff.places) if (p !== eff.places.find((x) => x.status === 'effective')) evidence.push(evidenceOf(p, `${p.env ? '' : `[${p.section}] `}${KEY} = ${p.value} (${p.status}${p.why ? `: ${p.why}` : ''})`));
    const fix = eff.places
      .filter((p) => p.status !== 'ignored' && pipBool(p.value) !== false && p.value !== '')
      .map((p) => (p.env ? `unset ${p.env}   # and remove it from your shell profile / CI settings` : `Delete line ${p.line} ("${p.key} = ${p.value}") in ${p.path}${p.section !== 'global' ? ` [${p.section}]` : ''}`));
    fix.push('Install applications with pipx (pipx install NAME) and libraries into a venv (python3 -m venv DIR).');
    out.push(
      finding(w.env ? `${KEY}-env` : `${KEY}-config`, severity, w.env ? `$${w.env} disables PEP 668 protection for pip` : `pip configuration disables PEP 668 protection (${w.path}:${w.line})`, evidence, fix, { environment: env.id }),
    );
  }
  const uv = facts.uv.breakSystemPackages;
  if (uv.value && uv.winner) {
    const w = uv.winner;
    const target = systemEnvs(inv).find((e) => e.externallyManaged) ?? systemEnvs(inv)[0];
    const ev: Evidence[] = [w.env ? { env: w.env, detail: `${w.env}=${String(w.value)} → uv pip install --system ignores EXTERNALLY-MANAGED${inContainer}` } : { path: w.path, line: w.line, detail: `[pip] break-system-packages = ${String(w.value)} → uv pip ignores EXTERNALLY-MANAGED${inContainer}` }];
    for (const p of uv.places) if (p !== w) ev.push(p.env ? { env: p.env, detail: `${p.env}=${String(p.value)} (overridden)` } : { path: p.path, line: p.line, detail: `break-system-packages = ${String(p.value)} (overridden)` });
    out.push(
      finding(w.env ? `${KEY}-env` : `${KEY}-config`, severity, w.env ? `$${w.env} disables PEP 668 protection for uv` : `uv configuration disables PEP 668 protection (${w.path}${w.line ? `:${w.line}` : ''})`, ev, [w.env ? `unset ${w.env}` : `Delete "break-system-packages = true" from the [pip] table of ${q(w.path ?? '')}${w.line ? ` (line ${w.line})` : ''}`, 'Use uv tool install NAME or a uv venv instead.'], target ? { environment: target.id } : {}),
    );
  }
  return out;
};
