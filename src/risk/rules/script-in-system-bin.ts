// R7: console scripts pip put in /usr/local/bin or ~/.local/bin. Worse when the same name exists
// in /usr/bin: the pip copy wins on PATH and apt's command is hidden.
import type { Distribution, Finding } from '../../model.js';
import { finding, q, safeName, type Rule } from './util.js';

/** The migration that moves the tool into pipx (its own venv and links), or a comment when none can be printed. */
function migrateFix(d: Distribution): string {
  const name = safeName(d);
  const from = d.scope === 'user' ? 'user' : d.scope === 'local' ? 'local' : null;
  if (!name || !from) return `# move ${name ?? 'the tool'} into pipx (its own venv and links); pyenvtui migrate moves packages of the user and /usr/local sites`;
  return `pyenvtui migrate ${q(name)} --from ${from} --to pipx`;
}

export const scriptInSystemBin: Rule = (inv, facts) => {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const env of inv.environments) {
    for (const d of env.packages) {
      const scripts = facts.recordScripts.get(d.metadataPath);
      if (!scripts || seen.has(d.metadataPath)) continue;
      seen.add(d.metadataPath);
      for (const s of scripts) {
        const name = s.slice(s.lastIndexOf('/') + 1);
        const clash = facts.usrBin.has(name);
        out.push(
          finding(
            'script-in-system-bin',
            clash ? 'medium' : 'low',
            `${name} from ${d.displayName} (pip, ${d.scope} site) is in ${s.slice(0, s.lastIndexOf('/'))}${clash ? ' and hides /usr/bin/' + name : ''}`,
            [{ path: s, detail: `listed in ${d.metadataPath}/RECORD` }, ...(clash ? [{ path: `/usr/bin/${name}`, detail: 'apt-installed command with the same name' }] : [])],
            [migrateFix(d)],
            { environment: env.id, package: d.name },
          ),
        );
      }
    }
  }
  return out;
};
