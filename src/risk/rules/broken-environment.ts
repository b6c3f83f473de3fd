// R10: environments that cannot run (pyvenv.cfg pointing at a deleted interpreter, dangling bin/python)
// or that their manager cannot read (corrupt pipx metadata). The fix comes from repair.ts, fitted to the
// kind; an environment whose interpreter still runs is never rebuilt: its problems are shown to inspect.
import type { Finding } from '../../model.js';
import { KIND_TRAITS } from '../../kinds.js';
import { repairCommands } from '../repair.js';
import { isPermissionProblem } from './permission-denied.js';
import { finding, type Rule } from './util.js';

export const brokenEnvironment: Rule = (inv) => {
  const out: Finding[] = [];
  for (const env of inv.environments) {
    if (env.health.ok) continue;
    // Unreadable is not broken: permission problems are permission-denied's (no rebuild advice for them).
    const problems = env.health.problems.filter((p) => !isPermissionProblem(p));
    if (!problems.length && env.health.cannotRun === undefined) continue;
    const evidence = problems.map((p) => ({ path: env.prefix, detail: p }));
    // pipx/uv tools are rebuilt by their manager from its own records whatever went wrong.
    if (env.health.cannotRun !== undefined || KIND_TRAITS[env.kind].repair === 'reinstall-tool') {
      out.push(finding('broken-environment', 'high', `${env.kind} ${env.name} is broken`, evidence, repairCommands(env, inv), { environment: env.id }));
      continue;
    }
    out.push(
      finding(
        'broken-environment',
        'medium',
        `${env.kind} ${env.name} has problems (its interpreter still runs)`,
        evidence,
        ['# nothing to rebuild: the interpreter runs. Check the files named above (permissions, a half-finished install).'],
        { environment: env.id },
      ),
    );
  }
  return out;
};
