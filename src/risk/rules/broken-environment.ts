// R10: environments that cannot run: pyvenv.cfg pointing at a deleted interpreter, dangling
// bin/python, corrupt pipx metadata.
import type { Finding } from '../../model.js';
import { finding, q, type Rule } from './util.js';

export const brokenEnvironment: Rule = (inv) => {
  const out: Finding[] = [];
  for (const env of inv.environments) {
    if (env.health.ok) continue;
    const fix: string[] = [];
    const pipxName = typeof env.meta?.mainPackage === 'string' ? env.meta.mainPackage : null;
    if (env.kind === 'pipx') fix.push(pipxName ? `pipx reinstall ${q(pipxName)}` : 'pipx reinstall-all');
    else if (env.kind === 'system') fix.push('Reinstall the interpreter with the OS package manager');
    else fix.push(`${q(env.prefix)}/bin/python -m pip freeze > requirements.txt   # if it still runs`, `rm -rf ${q(env.prefix)} && python3 -m venv ${q(env.prefix)} && ${q(env.prefix)}/bin/python -m pip install -r requirements.txt`);
    out.push(
      finding(
        'broken-environment',
        'high',
        `${env.kind} ${env.name} is broken`,
        env.health.problems.map((p) => ({ path: env.prefix, detail: p })),
        fix,
        { environment: env.id },
      ),
    );
  }
  return out;
};
