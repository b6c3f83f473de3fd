// Runs the bundled CLI in this very process and reports its peak RSS, so the benchmark measures the
// real program (bin/pyenvtui.js and the bundle it loads) without relying on /usr/bin/time.
// Usage: node bench/measure.mjs REPORT_FILE -- ARGS...
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const sep = process.argv.indexOf('--');
const report = process.argv[2];
const args = process.argv.slice(sep + 1);
process.argv = [process.argv[0], 'pyenvtui', ...args];
const t0 = performance.now();
process.on('exit', (code) => {
  const ru = process.resourceUsage();
  writeFileSync(
    report,
    JSON.stringify({ code, wallMs: performance.now() - t0, maxRssKiB: ru.maxRSS, cpuMs: (ru.userCPUTime + ru.systemCPUTime) / 1000 }),
  );
});
// Through bin/ (not dist/ directly): the same V8 flags as a user's run.
await import('../bin/pyenvtui.js');
