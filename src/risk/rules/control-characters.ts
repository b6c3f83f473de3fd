// R15: names, versions, scripts or paths read from disk that hold control characters (escape sequences,
// newlines, C1, bidi overrides). Every output shows them escaped (src/text/safe.ts); this says where
// they are, because no real tool writes them: they are corruption or an attempt to drive a terminal.
import type { Finding } from '../../model.js';
import { hasControl, visible } from '../../text/safe.js';
import { finding, type Rule } from './util.js';

export const controlCharacters: Rule = (inv) => {
  const out: Finding[] = [];
  for (const env of inv.environments) {
    if (hasControl(env.prefix) || hasControl(env.name)) {
      out.push(finding('control-characters', 'medium', `environment path ${visible(env.prefix)} holds control characters`, [{ path: env.prefix, detail: `shown escaped: ${visible(env.prefix)}` }], [`Inspect ${visible(env.prefix)} and rename or remove it by hand (no command is printed: its name cannot be pasted safely)`], { environment: env.id }));
    }
    for (const d of env.packages) {
      const fields = { name: d.displayName, version: d.version, path: d.metadataPath, ...Object.fromEntries(d.scripts.map((s, i) => [`script ${i + 1}`, s])) };
      const bad = Object.entries(fields).filter(([, v]) => hasControl(v));
      if (!bad.length) continue;
      out.push(
        finding(
          'control-characters',
          'medium',
          `a package in ${env.name} has control characters in its ${bad.map(([k]) => k).join(', ')}: ${visible(d.displayName)} ${visible(d.version)}`,
          [{ path: d.metadataPath, detail: bad.map(([k, v]) => `${k}: ${visible(v)}`).join('; ') }],
          [`Inspect ${visible(d.metadataPath)} (METADATA, entry_points.txt): reinstall the package from a trusted source or remove it by hand`],
          { environment: env.id, package: d.name },
        ),
      );
    }
  }
  return out;
};
