// Reach (issue 13): the same program on every runtime it ships for, side by side:
//   node 20    this machine's node running bin/pyenvtui.js (the bundle)
//   node 18    Debian bookworm's own node 18.20 (scripts/node18.sh; through bwrap, whose own
//              start-up, a few ms, is inside its times; its RSS is not: the peak is the node's)
//   SEA        the single executable dist/sea/pyenvtui-linux-<arch> (built when missing or stale)
// Columns: `--version` (start-up alone), `scan --json` of 1000 synthetic environments, and the
// dashboard on the standard messy machine (pty 80x24: first complete screen, peak RSS).
// Peak RSS is the largest resident set of the process tree (getrusage RUSAGE_CHILDREN, Python).
//
//   node bench/reach.mjs        (also part of `npm run bench`)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { machineEnv, measure, standardMachineBase } from './dashboard.mjs';
import { syntheticMachine } from './synthetic.mjs';

const PYTHON = '/usr/bin/python3';
const BIN = path.resolve('bin/pyenvtui.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SCAN_ENVS = Number(process.env.BENCH_REACH_ENVS ?? 1000);
const ARCH = { x64: 'x64', arm64: 'arm64', arm: 'armv7l' }[os.arch()] ?? os.arch();
const SEA = path.resolve(`dist/sea/pyenvtui-linux-${ARCH}`);

// Runs argv to completion with stdout discarded; wall time and the tree's peak RSS.
const RUSAGE = String.raw`
import json, resource, subprocess, sys, time
argv, env = json.loads(sys.argv[1]), json.loads(sys.argv[2])
t0 = time.monotonic()
code = subprocess.call(argv, env=env, stdout=subprocess.DEVNULL)
print(json.dumps({'code': code, 'ms': (time.monotonic() - t0) * 1000, 'rssKiB': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
`;

function run(cmd, args, env) {
  const out = execFileSync(PYTHON, ['-c', RUSAGE, JSON.stringify([...cmd, ...args]), JSON.stringify(env)], { encoding: 'utf8' });
  const r = JSON.parse(out.trim().split('\n').pop());
  if (r.code !== 0 && r.code !== 1) throw new Error(`${[...cmd, ...args].join(' ')} exited ${r.code}`);
  return r;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mib = (kib) => kib / 1024;
const mb = (kib) => (kib * 1024) / 1e6;

/** Time (median) and peak RSS (max) over RUNS runs after one warm-up run. */
function sample(fn) {
  fn();
  const rs = Array.from({ length: RUNS }, fn);
  return { ms: median(rs.map((r) => r.ms)), rssKiB: Math.max(...rs.map((r) => r.rssKiB)) };
}

function runtimes() {
  const list = [{ name: `node ${process.versions.node} (this machine)`, cmd: [process.execPath, BIN] }];
  const n18 = spawnSync('bash', ['scripts/node18.sh'], { encoding: 'utf8' });
  if (n18.status === 0) {
    const node18 = n18.stdout.trim();
    const v = execFileSync(node18, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim();
    list.push({ name: `node ${v} (Debian bookworm)`, cmd: [node18, BIN] });
  } else console.log(`(node 18 skipped: ${n18.stderr.trim()})`);
  const stale = !existsSync(SEA) || statSync(SEA).mtimeMs < statSync('dist/pyenvtui.js').mtimeMs;
  if (stale) execFileSync(process.execPath, ['scripts/build-sea.mjs'], { stdio: ['ignore', 'ignore', 'ignore'] });
  list.push({ name: `single executable (node ${process.versions.node}, ${(statSync(SEA).size / 1e6).toFixed(0)} MB file)`, cmd: [SEA] });
  return list;
}

export async function benchReach() {
  console.log('\n## Reach: the bundle on each Node line, and the single executable\n');
  console.log(`machine: ${os.cpus().length} cores; ${RUNS} runs after a warm-up, time: median, RSS: max; load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const base = await standardMachineBase();
  const manifest = JSON.parse(readFileSync(path.join(base, 'machine.json'), 'utf8'));
  const dashEnv = machineEnv(manifest.home);
  const synth = syntheticMachine(SCAN_ENVS);
  const scanEnv = { HOME: path.join(synth, 'home/bench'), PATH: '/usr/bin:/bin', LANG: 'C.UTF-8', PYENVTUI_NO_CACHE: '1' };
  // The single executable unpacks its chunks once into the pyenvtui cache dir: a bench-private one.
  const seaCache = mkdtempSync(path.join(os.tmpdir(), 'pyenvtui-bench-sea-'));
  const rows = [];
  console.log(`| runtime | \`--version\` | peak RSS | \`scan --json\`, ${SCAN_ENVS} envs (cold) | peak RSS | dashboard first complete screen | dashboard peak RSS |`);
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const rt of runtimes()) {
    const extra = { PYENVTUI_CACHE_DIR: seaCache };
    const version = sample(() => run(rt.cmd, ['--version'], { PATH: '/usr/bin:/bin', ...extra }));
    const scan = sample(() => run(rt.cmd, ['scan', '--json', '--root', synth], { ...scanEnv, ...extra }));
    const dash = sample(() => {
      const r = measure(['--root', manifest.root], { ...dashEnv, ...extra }, 80, 24, rt.cmd);
      return { ms: r.firstScreenMs, rssKiB: r.peakRssKiB };
    });
    rows.push({ name: rt.name, version, scan, dash });
    const f = (x) => `${x.ms.toFixed(0)} ms | ${mib(x.rssKiB).toFixed(1)} MiB`;
    console.log(`| ${rt.name} | ${f(version)} | ${f(scan)} | ${f(dash)} |`);
  }
  rmSync(seaCache, { recursive: true, force: true });
  console.log('\n### Small-machine targets (issue 13)');
  for (const r of rows) {
    console.log(`- ${r.name}: dashboard under 80 MB ${mb(r.dash.rssKiB) < 80 ? 'yes' : 'NO'} (${mb(r.dash.rssKiB).toFixed(1)} MB); scan --json of ${SCAN_ENVS} envs under 150 MB ${mb(r.scan.rssKiB) < 150 ? 'yes' : 'NO'} (${mb(r.scan.rssKiB).toFixed(1)} MB)`);
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchReach();
