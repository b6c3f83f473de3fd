// Raspberry Pi: picamera2, libcamera, RPi.GPIO and lgpio come from apt (they need system libraries);
// a venv without include-system-site-packages cannot import the working copies.
import { normalizeName, type Finding } from '../../model.js';
import { finding, q, type Rule } from './util.js';
import { parseRequirement } from '../../formats/pep508.js';

const APT_ONLY = new Set(['picamera2', 'libcamera', 'rpi-gpio', 'lgpio']);

/** Is this distribution or module name (any spelling: `RPi.GPIO`, `rpi_gpio`) one only apt provides? */
export function isAptOnly(name: string): boolean {
  return APT_ONLY.has(normalizeName(name));
}

export const piAptOnlyModule: Rule = (inv) => {
  const out: Finding[] = [];
  for (const env of inv.environments) {
    if (env.kind === 'system' || env.systemSitePackages) continue;
    const hits = new Map<string, string>();
    for (const d of env.packages) {
      if (isAptOnly(d.name)) hits.set(d.name, `${d.displayName} ${d.version} was pip-installed here, without the apt libraries it needs`);
      for (const r of d.requires) {
        let name: string;
        try {
          name = normalizeName(parseRequirement(r).name);
        } catch {
          continue;
        }
        if (isAptOnly(name) && !env.packages.some((p) => p.name === name) && !hits.has(name)) hits.set(name, `${d.displayName} requires ${name}, which only apt provides`);
      }
    }
    if (!hits.size) continue;
    out.push(
      finding('pi-apt-only-module', 'medium', `${env.name} needs apt-only modules (${[...hits.keys()].join(', ')}) but cannot see system packages`, [...hits.values()].map((detail) => ({ path: `${env.prefix}/pyvenv.cfg`, detail: `include-system-site-packages = false; ${detail}` })), [`python3 -m venv --system-site-packages ${q(env.prefix)}   # upgrade in place; or set include-system-site-packages = true in pyvenv.cfg`, 'sudo apt install python3-picamera2 python3-libcamera python3-rpi.gpio python3-lgpio   # whichever you use'], { environment: env.id }),
    );
  }
  return out;
};
