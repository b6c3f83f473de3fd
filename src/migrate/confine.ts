// A RECORD is data from disk and can name any path: `/etc/passwd`, `../../../../home/u/.ssh/id_rsa`, or a
// file behind a symlinked directory. pyenvtui removes only what record.ts confines to the site and its
// scripts directory. pip's own uninstall follows every entry, so a source whose RECORD escapes is removed
// by pyenvtui itself (same files, minus the refused ones), and the plan says what it leaves alone.
import { refusedEntries } from './backup.js';
import type { Plan } from './types.js';

const SHOWN = 3;

/** Rewrite the plan's removal steps for RECORDs with entries outside their site; warn or block. */
export async function confineRemovals(plan: Plan, isRoot: boolean): Promise<void> {
  for (const step of plan.steps) {
    if (step.kind !== 'remove-source' && step.kind !== 'remove-dependency') continue;
    const spec = step.action.type === 'run' ? step.action.expectGone : step.action.type === 'remove-files' ? step.action.dist : undefined;
    if (!spec) continue;
    const refused = await refusedEntries(spec).catch(() => []);
    if (!refused.length) continue;
    const examples = refused.slice(0, SHOWN).map((r) => `${JSON.stringify(r.entry)} (${r.why})`).join(', ');
    const more = refused.length > SHOWN ? ` and ${refused.length - SHOWN} more` : '';
    plan.warnings.push(`${spec.name}: its RECORD names ${refused.length} path(s) pyenvtui will not touch: ${examples}${more}`);
    if (step.action.type !== 'run') continue;
    // pip uninstall would delete those paths too: remove the confined files in-process instead.
    if (step.needsRoot && !isRoot) {
      plan.blockers.push(`${spec.name}: pip uninstall would follow the RECORD entries outside its site; run pyenvtui as root so it removes only the package's own files`);
      continue;
    }
    step.action = { type: 'remove-files', dist: spec };
    step.display = `delete the files listed in ${spec.metadataHost}/RECORD that lie inside ${spec.siteHost} (not pip uninstall: it would follow the entries above)`;
    step.needsRoot = false;
  }
  if (plan.blockers.length) plan.steps = [];
}
