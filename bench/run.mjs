// `npm run bench`: pyenvtui against the lower bound (bench/probe.mjs: a synchronous Node program that
// only finds site dirs and reads names and versions) and against what a user would otherwise run.
// The headline is CPU seconds (user + system) as a ratio to the probe: on a shared machine wall time
// measures the neighbours as much as the program. Wall time and peak RSS are printed beside it.
//
//   npm run bench                          everything (several minutes; builds the standard machine)
//   npm run bench -- --quick               discovery at 10 and 100 envs, 1 run each, nothing else
//   npm run bench -- --scales 10,100,1000  discovery at these scales
//   npm run bench -- --only discovery,messy,dashboard,heap,pip,pipx,reach,fleet
//   npm run bench -- --runs 5 --one-core   more runs; also pinned to one core (taskset -c 0, a Pi proxy)
//   npm run bench -- --machine DIR         reuse a built standard machine (base dir with machine.json)
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cost, costOf, median, mib, ratio, s } from './cost.mjs';
import { syntheticMachine, syntheticSites } from './synthetic.mjs';

const argv = process.argv.slice(2);
const opt = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const QUICK = argv.includes('--quick');
const SCALES = (opt('--scales') ?? process.env.BENCH_SIZES ?? (QUICK ? '10,100' : '10,100,1000')).split(',').map(Number);
const RUNS = Number(opt('--runs') ?? process.env.BENCH_RUNS ?? (QUICK ? 1 : 3));
const ONE_CORE = argv.includes('--one-core') || !QUICK;
const ONLY = new Set((opt('--only') ?? (QUICK ? 'discovery' : 'discovery,messy,dashboard,heap,pip,pipx,reach,fleet')).split(','));
const PYTHON = '/usr/bin/python3';
const BIN = path.resolve('bin/pyenvtui.js');
const NODE = process.execPath;
process.env.BENCH_RUNS = String(RUNS);

const probeCmd = (root, walkOnly = false) => [NODE, 'bench/probe.mjs', root, ...(walkOnly ? ['--walk-only'] : [])];
const scanCmd = (root, extra = []) => [NODE, BIN, 'scan', '--json', '--root', root, ...extra];
const dists = (json) => JSON.parse(json).environments.reduce((a, e) => a + e.packages.length, 0);

/**
 * Per scale: the probe (names and versions), the probe's walk alone, a cold scan (site cache off) and
 * a warm one (site cache filled by the previous run). Cold is held to the probe, warm to the walk
 * (what `node -e 0` plus listing the sites costs: a cache can skip reading, never the listing).
 */
function discoveryTable(title, machines, oneCore) {
  console.log(`\n## ${title}${oneCore ? ' — one core (taskset -c 0)' : ''}\n`);
  console.log(`${RUNS} runs after a warm-up, median CPU (user+sys) and wall, max peak RSS; load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log('| machine | dists | probe CPU | walk CPU | scan cold CPU | **cold / probe** | scan warm CPU | **warm / walk** | cold wall | warm wall | probe RSS | cold RSS | warm RSS |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  const rows = [];
  for (const m of machines) {
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'pyenvtui-bench-cache-'));
    const coldEnv = { ...m.env, PYENVTUI_NO_CACHE: '1' };
    const warmEnv = { ...m.env, PYENVTUI_CACHE_DIR: cacheDir };
    const o = (env) => ({ env, oneCore });
    const probe = costOf(probeCmd(m.root), o(m.env), RUNS);
    const walk = costOf(probeCmd(m.root, true), o(m.env), RUNS);
    const cold = costOf(scanCmd(m.root), o(coldEnv), RUNS);
    const warm = costOf(scanCmd(m.root), o(warmEnv), RUNS); // its warm-up run fills the cache
    rmSync(cacheDir, { recursive: true, force: true });
    const n = dists(cold.stdout);
    if (JSON.stringify(JSON.parse(cold.stdout).environments) !== JSON.stringify(JSON.parse(warm.stdout).environments)) throw new Error(`cold and warm scans of ${m.name} differ`);
    const r = { name: m.name, n: m.n, dists: n, probe, walk, cold, warm, coldRatio: cold.cpuS / probe.cpuS, warmRatio: warm.cpuS / walk.cpuS };
    rows.push(r);
    console.log(
      `| ${m.name} | ${n} | ${s(probe.cpuS)} | ${s(walk.cpuS)} | ${s(cold.cpuS)} | **${ratio(cold.cpuS, probe.cpuS)}** | ${s(warm.cpuS)} | **${ratio(warm.cpuS, walk.cpuS)}** | ${s(cold.wallS)} | ${s(warm.wallS)} | ${mib(probe.rssMiB)} | ${mib(cold.rssMiB)} | ${mib(warm.rssMiB)} |`,
    );
  }
  return rows;
}

function synthetic(n) {
  const root = syntheticMachine(n);
  return { name: `${n} venvs × 50 dists`, n, root, env: { HOME: path.join(root, 'home/bench'), PATH: '/usr/bin:/bin', LANG: 'C.UTF-8' } };
}

async function messyMachine() {
  const { standardMachineBase, machineEnv } = await import('./dashboard.mjs');
  const base = await standardMachineBase();
  const manifest = JSON.parse(readFileSync(path.join(base, 'machine.json'), 'utf8'));
  return { name: 'standard messy machine', root: manifest.root, env: machineEnv(manifest.home) };
}

/** `node -e 0`: what any Node program pays before its first line. */
function nodeStart() {
  const r = costOf([NODE, '-e', '0'], {}, RUNS);
  console.log(`\n\`node -e 0\`: ${s(r.cpuS)} CPU, ${s(r.wallS)} wall, ${mib(r.rssMiB)} peak RSS (${process.version})`);
  return r;
}

/** The largest scale with a 64 MB heap, as on a Pi Zero: does the scan finish? */
function heapTable(n) {
  console.log(`\n## ${n} venvs × 50 dists with \`--max-old-space-size=64\`\n`);
  const m = synthetic(n);
  try {
    const r = cost(scanCmd(m.root), { env: { ...m.env, PYENVTUI_NO_CACHE: '1', NODE_OPTIONS: '--max-old-space-size=64' } });
    console.log(`finished: ${dists(r.stdout)} dists, ${s(r.cpuS)} CPU, ${mib(r.rssMiB)} peak RSS`);
  } catch (e) {
    console.log(`FAILED: ${String(e.result?.stderr ?? e.message).split('\n').find((l) => /heap|memory/i.test(l)) ?? e.message}`);
  }
}

/** pip list --path in every environment (sampled), the tool a user would otherwise run. */
function pipTable(rows) {
  console.log('\n## `pip list --path` in every environment vs one warm scan (CPU)\n');
  console.log('| envs | one `pip list` | all (extrapolated) | scan warm | all pip lists / scan |');
  console.log('|---:|---:|---:|---:|---:|');
  for (const r of rows.filter((x) => x.n)) {
    const sample = syntheticSites(synthetic(r.n).root, r.n).slice(0, Math.min(20, r.n));
    const each = sample.map((site) => cost([PYTHON, '-m', 'pip', 'list', '--path', site, '--format', 'json', '--disable-pip-version-check'], { okCodes: [0] }).cpuS);
    const one = median(each);
    const all = (each.reduce((a, b) => a + b, 0) / each.length) * r.n;
    console.log(`| ${r.n} | ${s(one)} | ${s(all)} | ${s(r.warm.cpuS)} | ${(all / r.warm.cpuS).toFixed(1)}× |`);
  }
}

function pipxTable() {
  console.log('\n## pipx: `pipx list --json` vs `pyenvtui scan --json` on the same HOME (CPU)\n');
  const r = cost([NODE, 'bench/pipx-home.mjs'], { okCodes: [0, 1, 2] });
  if (r.code !== 0) return console.log(`(skipped: ${r.stdout.trim()})`);
  const { root, env } = JSON.parse(r.stdout);
  const pipx = costOf(['pipx', 'list', '--json'], { env: { ...process.env, ...env }, okCodes: [0] }, RUNS);
  const scan = costOf(scanCmd(root), {}, RUNS);
  console.log(`| pipx list --json | scan --json | ratio |\n|---:|---:|---:|\n| ${s(pipx.cpuS)} | ${s(scan.cpuS)} | ${ratio(pipx.cpuS, scan.cpuS)} |`);
}

console.log('# pyenvtui benchmark');
console.log(`machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? '?'}; node ${process.version}; scales ${SCALES.join(', ')}; ${RUNS} runs`);
const start = ONLY.has('discovery') || ONLY.has('messy') ? nodeStart() : null;
const machines = [];
if (ONLY.has('messy')) machines.push(await messyMachine());
if (ONLY.has('discovery')) machines.push(...SCALES.map(synthetic));
let rows = [];
if (machines.length) {
  rows = discoveryTable('Discovery: `scan --json` vs the probe', machines, false);
  if (ONE_CORE && existsSync('/usr/bin/taskset')) discoveryTable('Discovery: `scan --json` vs the probe', machines, true);
}
if (ONLY.has('heap')) heapTable(Math.max(...SCALES));
if (ONLY.has('pip') && rows.length) pipTable(rows);
if (ONLY.has('pipx')) pipxTable();
if (ONLY.has('dashboard')) await (await import('./dashboard.mjs')).benchDashboard();
if (ONLY.has('reach')) await (await import('./reach.mjs')).benchReach();
if (ONLY.has('fleet')) await (await import('./fleet.mjs')).benchFleet();

if (rows.length) {
  console.log('\n## Goals (issue 15), CPU seconds');
  for (const r of rows) {
    const cold = 1.5;
    console.log(`- ${r.name}: cold ≤ ${cold}× the probe: ${r.coldRatio <= cold ? 'yes' : 'NO'} (${r.coldRatio.toFixed(2)}×); warm ≤ 1.3× the walk: ${r.warmRatio <= 1.3 ? 'yes' : 'NO'} (${r.warmRatio.toFixed(2)}×)${r.n ? '' : `; peak RSS ≤ 60 MiB: ${r.cold.rssMiB <= 60 ? 'yes' : 'NO'} (${r.cold.rssMiB.toFixed(0)} MiB)`}`);
  }
  if (start) console.log(`(\`node -e 0\` alone: ${s(start.cpuS)}; every ratio includes it on both sides)`);
}
await (await import('./dashboard.mjs')).cleanUp?.();
