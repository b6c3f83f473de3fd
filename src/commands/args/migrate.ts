import type { CommandSpec } from '../spec.js';
import { DRY_RUN, ROOT, YES } from './common.js';

export const MIGRATE_SPEC: CommandSpec = {
  name: 'migrate',
  summary: 'move packages into isolated environments: plan, install, verify, then remove the source',
  args: { synopsis: 'NAME... --to pipx|uv|venv[:DIR]', max: Infinity },
  forms: ['--resume [ID] [--yes]'],
  options: {
    to: { type: 'string', value: 'pipx|uv|venv[:DIR]', help: 'where the packages go (a venv at DIR, default ~/.venvs/NAME)' },
    from: { type: 'string', value: 'user|local|PREFIX', help: 'where they are: the user site, /usr/local, or an environment prefix (default: the system Python sites)' },
    inject: { type: 'string', value: 'PKG', multiple: true, help: 'move PKG too, into the tool\'s environment (pipx inject / uv --with)' },
    offline: { type: 'boolean', help: 'install only from wheels rebuilt from the source (no index)' },
    yes: YES,
    'dry-run': DRY_RUN,
    'keep-source': { type: 'boolean', help: 'install and verify, but leave the source packages in place' },
    'system-site-packages': { type: 'boolean', help: 'let the new environment see the system site (default: only when a package needs an apt-only module)' },
    'no-system-site-packages': { type: 'boolean', help: 'never let the new environment see the system site' },
    resume: { type: 'boolean', help: 'continue an interrupted migration (the last one, or ID)' },
    root: ROOT,
  },
};
