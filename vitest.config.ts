import { defineConfig } from 'vitest/config';
import { SummaryReporter } from './test/helpers/summary-reporter.js';

// Three layers, one command: unit (pure code and real-tool sandboxes), components (Ink via
// ink-testing-library) and e2e (the built bin under tmux).
export default defineConfig({
  test: {
    reporters: ['default', new SummaryReporter()],
    // Generous: sandboxes run real pip and venv, and a 2-core CI machine runs two test files at once.
    testTimeout: 180_000,
    hookTimeout: 240_000,
    globalSetup: ['./test/helpers/global-setup.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      { extends: true, test: { name: 'components', include: ['test/components/**/*.test.tsx'] } },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], fileParallelism: false } },
    ],
  },
});
