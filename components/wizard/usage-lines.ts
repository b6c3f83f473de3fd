// After a migration: where each package now lives, how to run or activate it, and what no longer
// works (the system python3 no longer imports it). Pure: from the plans that ran.
import type { Plan } from '../../src/migrate/types.js';
import { wrapWords } from '../ui/text.js';
import type { Line } from './line.js';

function links(p: Plan): { link: string; to: string }[] {
  return p.steps.flatMap((s) => (s.action.type === 'link-apps' ? s.action.links : []));
}

/** Plain sentences, one per fact; the caller wraps them. */
export function usageText(p: Plan): string[] {
  const out: string[] = [];
  const removed = p.steps.some((s) => s.kind === 'remove-source');
  for (const pkg of p.packages) {
    const scripts = pkg.scripts;
    switch (p.target.kind) {
      case 'pipx': {
        const where = pkg.injectInto?.length ? `injected into the pipx environment of ${pkg.injectInto.join(', ')}` : `in its own pipx environment (pipx list shows it)`;
        out.push(`${pkg.displayName} now lives ${where}.`);
        const ln = links(p).map((l) => l.link);
        if (scripts.length) out.push(`Run: ${scripts.join(', ')}${ln.length ? ` (linked as ${ln.join(', ')})` : ' (from pipx\'s bin directory; pipx ensurepath puts it on PATH)'}.`);
        break;
      }
      case 'uv':
        out.push(`${pkg.displayName} now lives in its own uv tool environment (uv tool list shows it).`);
        if (scripts.length) out.push(`Run: ${scripts.join(', ')} (from uv's tool bin directory; uv tool update-shell puts it on PATH).`);
        break;
      case 'venv': {
        const dir = p.target.dir ?? '(the new venv)';
        out.push(`${pkg.displayName} now lives in the venv ${dir}.`);
        out.push(`Use it: ${dir}/bin/python, or activate the venv with: . ${dir}/bin/activate`);
        if (scripts.length) out.push(`Run: ${scripts.map((s) => `${dir}/bin/${s}`).join(', ')}`);
        break;
      }
    }
    if (removed && !p.keepSource) {
      out.push(`No longer works: importing ${pkg.name} with the system python3 (a script that does must use the new interpreter).`);
    }
  }
  return out;
}

export function usageLines(plans: Plan[], width: number): Line[] {
  const text = plans.flatMap(usageText);
  if (!text.length) return [];
  return [{ text: 'How to use it', style: { bold: true } }, ...text.flatMap((t) => wrapWords(t, width).map((l) => ({ text: l })))];
}
