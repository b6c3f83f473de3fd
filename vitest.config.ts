import { defineConfig } from 'vitest/config';
import { SummaryReporter } from './test/helpers/summary-reporter.js';

// Four tiers, one command (`npm test`), fastest first:
// - unit: pure code on fixtures and temp dirs — no subprocess, no real Python, no bundle build (`npm run test:unit`);
// - integration: real tools in sandboxes (python3 -m venv, pip, pipx, pyenv, tsc, esbuild);
// - components: Ink through ink-testing-library;
// - e2e: the built bin under tmux, ssh and ansible.
// Only the tiers after unit need the run-wide setup (the bundle, the test wheels, the standard machine).
const withMachine = ['./test/helpers/global-setup.ts'];

export default defineConfig({
  test: {
    reporters: ['default', new SummaryReporter()],
    // Generous: sandboxes run real pip and venv, and a 2-core CI machine runs two test files at once.
    testTimeout: 180_000,
    hookTimeout: 240_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 30_000 } },
      { extends: true, test: { name: 'integration', include: ['test/integration/**/*.test.ts'], globalSetup: withMachine } },
      { extends: true, test: { name: 'components', include: ['test/components/**/*.test.tsx'], globalSetup: withMachine } },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], fileParallelism: false, globalSetup: withMachine } },
    ],
  },
});
