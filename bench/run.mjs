// `npm run bench`: pyenvtui against what a user would otherwise run, measured in the same run.
// Prints a table per section; every ratio is peer time / pyenvtui time (higher = pyenvtui faster).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { syntheticMachine, syntheticSites } from './synthetic.mjs';

const SIZES = (process.env.BENCH_SIZES ?? '10,100,1000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PEER_SAMPLE = Number(process.env.BENCH_PEER_SAMPLE ?? 20);
const PYTHON = '/usr/bin/python3';

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Wall time (spawn to exit, node start-up included) and peak RSS of one pyenvtui run. */
function runPyenvtui(args) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pyenvtui-bench-'));
  const report = path.join(dir, 'r.json');
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['bench/measure.mjs', report, '--', ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const wallMs = performance.now() - t0;
  const rep = JSON.parse(readFileSync(report, 'utf8'));
  rmSync(dir, { recursive: true, force: true });
  if (r.status !== 0 && r.status !== 1) throw new Error(`pyenvtui ${args.join(' ')} failed: ${r.stderr}`);
  return { wallMs, maxRssMiB: rep.maxRssKiB / 1024, stdout: r.stdout };
}

function timeCmd(cmd, args, env = process.env) {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', env, maxBuffer: 1 << 30 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return { ms, stdout: r.stdout };
}

function fmt(ms) {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}

function benchDiscovery() {
  console.log('\n## Discovery: `pyenvtui scan --json` vs `pip list --format json` in every environment\n');
  console.log(`machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? '?'}; node ${process.version}; ${RUNS} runs, median`);
  console.log('| envs | dists | pyenvtui scan --json | peak RSS | one `pip list` | `pip list` in every env | ratio (all pip lists / scan) | one pip list / scan |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
  const results = [];
  for (const n of SIZES) {
    const root = syntheticMachine(n);
    const args = ['scan', '--json', '--root', root];
    runPyenvtui(args); // warm the page cache, as a second run by a user would be
    const runs = Array.from({ length: RUNS }, () => runPyenvtui(args));
    const inv = JSON.parse(runs[0].stdout);
    const dists = inv.environments.reduce((a, e) => a + e.packages.length, 0);
    const scanMs = median(runs.map((r) => r.wallMs));
    const rss = Math.max(...runs.map((r) => r.maxRssMiB));
    const sites = syntheticSites(root, n);
    const sample = sites.slice(0, Math.min(PEER_SAMPLE, n));
    const pipTimes = sample.map((s) => timeCmd(PYTHON, ['-m', 'pip', 'list', '--path', s, '--format', 'json', '--disable-pip-version-check']).ms);
    const onePip = median(pipTimes);
    const allPip = (pipTimes.reduce((a, b) => a + b, 0) / sample.length) * n;
    const extrap = sample.length < n ? ` (${sample.length} measured, ×${n / sample.length})` : '';
    console.log(
      `| ${n} | ${dists} | ${fmt(scanMs)} | ${rss.toFixed(0)} MiB | ${fmt(onePip)} | ${fmt(allPip)}${extrap} | ${(allPip / scanMs).toFixed(1)}× | ${(onePip / scanMs).toFixed(2)}× |`,
    );
    results.push({ n, dists, scanMs, rss, onePip, allPip });
  }
  return results;
}

function benchPipx() {
  console.log('\n## pipx: `pipx list --json` (what a pipx user runs) vs `pyenvtui scan --json` on the same HOME\n');
  const r = spawnSync(process.execPath, ['bench/pipx-home.mjs'], { encoding: 'utf8' });
  if (r.status !== 0) {
    console.log(`(skipped: ${r.stderr.trim() || r.stdout.trim()})`);
    return;
  }
  const { root, env } = JSON.parse(r.stdout);
  const pipx = median(Array.from({ length: RUNS }, () => timeCmd('pipx', ['list', '--json'], { ...process.env, ...env }).ms));
  const scans = Array.from({ length: RUNS }, () => runPyenvtui(['scan', '--json', '--root', root]));
  const scan = median(scans.map((s) => s.wallMs));
  console.log(`| pipx list --json | pyenvtui scan --json (whole machine) | ratio |\n|---:|---:|---:|\n| ${fmt(pipx)} | ${fmt(scan)} | ${(pipx / scan).toFixed(2)}× |`);
}

console.log('# pyenvtui benchmark');
const disc = benchDiscovery();
benchPipx();
try {
  const dash = await import('./dashboard.mjs');
  await dash.benchDashboard?.({ runPyenvtui, syntheticMachine, fmt, median, RUNS });
} catch (e) {
  if (e?.code !== 'ERR_MODULE_NOT_FOUND') throw e;
}
const t100 = disc.find((d) => d.n === 100);
const t1000 = disc.find((d) => d.n === 1000);
console.log('\n## Targets');
if (t100) console.log(`- 100-env scan faster than one pip list: ${t100.scanMs < t100.onePip ? 'yes' : 'NO'} (${fmt(t100.scanMs)} vs ${fmt(t100.onePip)})`);
if (t1000) console.log(`- 1000-env scan under 2 s: ${t1000.scanMs < 2000 ? 'yes' : 'NO'} (${fmt(t1000.scanMs)})`);
