import { describe, expect, it } from 'vitest';
import { initialWizardState, suggestTarget, wizardReducer, type WizardState } from '../../../components/wizard/use-wizard-state.js';
import type { Distribution } from '../../../src/model.js';
import type { Plan } from '../../../src/migrate/types.js';

const d = (name: string, scripts: string[], extra: Partial<Distribution> = {}): Distribution => ({ name, displayName: name, version: '1', installer: 'pip', requested: true, scripts, scope: 'user', site: '/s', metadataPath: '/s/x', format: 'dist-info', requires: [], hasRecord: true, ...extra });

describe('wizard state', () => {
  it('suggests pipx for tools, venv for libraries, and follows the guidance advice', () => {
    expect(suggestTarget(d('t', ['t']), ['pipx', 'venv']).target).toBe('pipx');
    expect(suggestTarget(d('l', []), ['pipx', 'venv']).target).toBe('venv');
    expect(suggestTarget(d('t', ['t'], { advice: { action: 'uv-tool', reason: 'uv is installed' } }), ['pipx', 'uv', 'venv']).target).toBe('uv');
    expect(suggestTarget(d('t', ['t'], { advice: { action: 'uv-tool', reason: 'r' } }), ['pipx', 'venv']).target).toBe('pipx');
  });

  it('moves, cycles targets only while choosing, and refuses to start a blocked plan', () => {
    let s = initialWizardState([d('a', ['a']), d('b', [])], ['pipx', 'venv']);
    s = wizardReducer(s, { type: 'move', delta: 5 });
    expect(s.cursor).toBe(1);
    s = wizardReducer(s, { type: 'cycle-target', available: ['pipx', 'venv'] });
    expect(s.items[1]!.target).toBe('pipx');
    const blocked = { blockers: ['no'], steps: [] } as unknown as Plan;
    s = wizardReducer(wizardReducer(s, { type: 'planning' }), { type: 'planned', plans: [blocked] });
    expect(wizardReducer(s, { type: 'start' }).phase).toBe('plan');
    expect(wizardReducer(s, { type: 'cycle-target', available: ['pipx', 'venv'] })).toBe(s);
  });

  it('asks with No preselected and tracks step states from executor events', () => {
    let s: WizardState = { ...initialWizardState([d('a', ['a'])], ['pipx', 'venv']), phase: 'running' };
    s = wizardReducer(s, { type: 'ask', display: 'rm x', purpose: 'p' });
    expect(s.confirm?.answer).toBe('no');
    s = wizardReducer(s, { type: 'toggle-answer' });
    expect(s.confirm?.answer).toBe('yes');
    s = wizardReducer(s, { type: 'answered' });
    const step = { id: 2, purpose: 'install' } as never;
    s = wizardReducer(s, { type: 'event', planId: 'P', event: { type: 'step-start', step } });
    expect(s.steps['P:2']).toBe('started');
    s = wizardReducer(s, { type: 'event', planId: 'P', event: { type: 'step-end', step, state: 'done' } });
    expect(s.steps['P:2']).toBe('done');
  });
});
