// R16: files and directories pyenvtui cannot read (EACCES/EPERM). Unreadable is not broken: the fix is
// to look at owner and mode, never to delete and recreate an environment or reinstall an interpreter
// (broken-environment leaves these problems to this rule).
import type { Finding } from '../../model.js';
import { finding, q, type Rule } from './util.js';

const DENIED = /permission denied|EACCES|EPERM/i;

export function isPermissionProblem(problem: string): boolean {
  return DENIED.test(problem);
}

/** The path a problem text names (`cannot read PATH: ...`), when it names one. */
function pathOf(problem: string): string | null {
  const m = /(\/[^\s:]*)/.exec(problem);
  return m ? m[1]! : null;
}

export const permissionDenied: Rule = (inv) => {
  const out: Finding[] = [];
  for (const env of inv.environments) {
    const problems = [...env.health.problems, ...env.packages.flatMap((d) => (d.problems ?? []).map((p) => `${d.metadataPath}: ${p}`))].filter(isPermissionProblem);
    if (!problems.length) continue;
    const paths = [...new Set(problems.map(pathOf).filter((p): p is string => p !== null))];
    out.push(
      finding(
        'permission-denied',
        'low',
        `${env.kind} ${env.name}: ${problems.length} path${problems.length === 1 ? '' : 's'} cannot be read (permission denied); nothing is known to be broken`,
        problems.map((p) => ({ path: pathOf(p) ?? env.prefix, detail: p })),
        [`ls -ld ${(paths.length ? paths : [env.prefix]).slice(0, 5).map(q).join(' ')}   # check owner and mode; fix them (chown/chmod) instead of deleting anything`],
        { environment: env.id },
      ),
    );
  }
  return out;
};
