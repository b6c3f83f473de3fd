// Raspberry Pi: piwheels builds wheels for 32-bit Raspberry Pi OS only; on a 64-bit system pip
// falls back to slow source builds or picks incompatible wheels.
import type { Finding } from '../../model.js';
import { effectiveOption, type PipSetting } from '../../formats/pip-config.js';
import { finding, type Rule } from './util.js';

const PIWHEELS = /piwheels\.org/i;

export const piwheelsOn64bit: Rule = (inv, facts) => {
  if (!facts.raspberryPi || !facts.is64bit) return [];
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const env of inv.environments) {
    const cfg = facts.pip.get(env.id);
    if (!cfg) continue;
    for (const key of ['index-url', 'extra-index-url'] as const) {
      const eff = key === 'index-url' ? effectiveOption(cfg, 'install', key, 'store') : effectiveOption(cfg, 'install', key, 'append');
      const w: PipSetting | null = eff.winner;
      const vals = eff.value === null ? [] : Array.isArray(eff.value) ? eff.value : [eff.value];
      if (!w || !vals.some((v) => PIWHEELS.test(v))) continue;
      const id = w.env ?? `${w.path}:${w.line}`;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push(
        finding('piwheels-on-64bit', 'medium', `piwheels is configured on a 64-bit ${facts.raspberryPi.model ?? 'Raspberry Pi'}`, [w.env ? { env: w.env, detail: `${key} includes piwheels` } : { path: w.path, line: w.line, detail: `${key} = ${w.value.replace(/\s+/g, ' ')} (piwheels has no 64-bit wheels)` }], [w.env ? `unset ${w.env}` : `Delete line ${w.line} (${key}) in ${w.path}`], { environment: env.id }),
      );
    }
  }
  return out;
};
