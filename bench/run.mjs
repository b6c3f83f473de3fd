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
function runPyenvtui(args, env = process.env) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pyenvtui-bench-'));
  const report = path.join(dir, 'r.json');
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['bench/measure.mjs', report, '--', ...args], { encoding: 'utf8', maxBuffer: 1 << 30, env });
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

/**
 * Two numbers per size: "cold" is a scan with pyenvtui's site cache off (PYENVTUI_NO_CACHE: every
 * metadata dir read), "warm" a repeat scan with the cache (what a user sees from the second run on).
 * Both after one untimed run that warms the OS page cache. The cache goes to a temp dir, never to
 * the operator's ~/.cache.
 */
function benchDiscovery() {
  console.log('\n## Discovery: `pyenvtui scan --json` vs `pip list --format json` in every environment\n');
  console.log(`machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? '?'}; node ${process.version}; ${RUNS} runs, median; load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log('cold = site cache off (every dist-info read); warm = repeat scan with the site cache');
  console.log('| envs | dists | scan --json cold | peak RSS cold | scan --json warm | peak RSS warm | one `pip list` | `pip list` in every env | ratio (all pip lists / warm scan) | one pip list / warm scan |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  const results = [];
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'pyenvtui-bench-cache-'));
  const coldEnv = { ...process.env, PYENVTUI_NO_CACHE: '1' };
  const warmEnv = { ...process.env, PYENVTUI_NO_CACHE: '', PYENVTUI_CACHE_DIR: cacheDir };
  for (const n of SIZES) {
    const root = syntheticMachine(n);
    const args = ['scan', '--json', '--root', root];
    runPyenvtui(args, coldEnv); // warm the page cache, as a second run by a user would be
    const cold = Array.from({ length: RUNS }, () => runPyenvtui(args, coldEnv));
    runPyenvtui(args, warmEnv); // fills the site cache
    const runs = Array.from({ length: RUNS }, () => runPyenvtui(args, warmEnv));
    const inv = JSON.parse(runs[0].stdout);
    if (JSON.stringify(inv.environments) !== JSON.stringify(JSON.parse(cold[0].stdout).environments)) throw new Error(`cold and warm scans of ${n} envs differ`);
    const dists = inv.environments.reduce((a, e) => a + e.packages.length, 0);
    const coldMs = median(cold.map((r) => r.wallMs));
    const coldRss = Math.max(...cold.map((r) => r.maxRssMiB));
    const scanMs = median(runs.map((r) => r.wallMs));
    const rss = Math.max(...runs.map((r) => r.maxRssMiB));
    const sites = syntheticSites(root, n);
    const sample = sites.slice(0, Math.min(PEER_SAMPLE, n));
    const pipTimes = sample.map((s) => timeCmd(PYTHON, ['-m', 'pip', 'list', '--path', s, '--format', 'json', '--disable-pip-version-check']).ms);
    const onePip = median(pipTimes);
    const allPip = (pipTimes.reduce((a, b) => a + b, 0) / sample.length) * n;
    const extrap = sample.length < n ? ` (${sample.length} measured, ×${n / sample.length})` : '';
    console.log(
      `| ${n} | ${dists} | ${fmt(coldMs)} | ${coldRss.toFixed(0)} MiB | ${fmt(scanMs)} | ${rss.toFixed(0)} MiB | ${fmt(onePip)} | ${fmt(allPip)}${extrap} | ${(allPip / scanMs).toFixed(1)}× | ${(onePip / scanMs).toFixed(2)}× |`,
    );
    results.push({ n, dists, coldMs, scanMs, rss, onePip, allPip });
  }
  rmSync(cacheDir, { recursive: true, force: true });
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
const { benchReach } = await import('./reach.mjs');
await benchReach();
await (await import('./fleet.mjs')).benchFleet();
const t100 = disc.find((d) => d.n === 100);
const t1000 = disc.find((d) => d.n === 1000);
console.log('\n## Targets');
if (t100) console.log(`- 100-env scan faster than one pip list: ${t100.scanMs < t100.onePip ? 'yes' : 'NO'} (warm ${fmt(t100.scanMs)}, cold ${fmt(t100.coldMs)} vs ${fmt(t100.onePip)})`);
if (t1000) console.log(`- 1000-env scan under 2 s: ${t1000.scanMs < 2000 ? 'yes' : 'NO'} (warm ${fmt(t1000.scanMs)}, cold ${fmt(t1000.coldMs)})`);
