// The dashboard's numbers, measured in a real pseudo-terminal (80x24) the way a user meets them:
//   - time from launch to the first frame (the key-hint line on screen) and to the first complete
//     screen (scan done, findings counted, on screen)
//   - peak RSS of the process
//   - bytes written to the terminal for one cursor move (j), once the screen is idle
// on the standard messy sandbox machine and on a 100-environment synthetic machine.
// The pty is Python's pty module (no native Node addon needed), driven by argument arrays.
//
//   node bench/dashboard.mjs [--machine <standard machine base dir>]
// Without --machine (or PYENVTUI_STANDARD_MACHINE) the standard machine is built first (~1 min).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { syntheticMachine } from './synthetic.mjs';

const PYTHON = '/usr/bin/python3';
const BIN = path.resolve('bin/pyenvtui.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

const PTY_DRIVER = String.raw`
import json, os, pty, re, resource, select, struct, sys, termios, fcntl, time
argv, env, cols, rows = json.loads(sys.argv[1]), json.loads(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
keys = sys.argv[5].encode() if len(sys.argv) > 5 else b''
t0 = time.monotonic()
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack('HHHH', rows, cols, 0, 0))
    os.execve(argv[0], argv, env)
buf = bytearray()
def read_for(timeout):
    r, _, _ = select.select([fd], [], [], timeout)
    if not r: return None
    try: return os.read(fd, 65536)
    except OSError: return b''
def until(pattern, limit=60.0):
    end = time.monotonic() + limit
    while time.monotonic() < end:
        chunk = read_for(0.05)
        if chunk: buf.extend(chunk)
        if chunk == b'': break
        if re.search(pattern, bytes(buf)): return time.monotonic()
    raise SystemExit('timed out waiting for %r; got %r' % (pattern, bytes(buf[-400:])))
def quiet(ms, limit=60.0):
    n, end = 0, time.monotonic() + limit
    while time.monotonic() < end:
        chunk = read_for(ms / 1000.0)
        if not chunk: return n
        n += len(chunk)
    return n
t_frame = until(rb'q quit')
t_first = until(rb'found \d+ environments')
if keys: os.write(fd, keys)
def cpu_ticks():
    with open('/proc/%d/stat' % pid) as f:
        fields = f.read().rsplit(')', 1)[1].split()
    return int(fields[11]) + int(fields[12])
# Idle: the process used no CPU for a whole second (sizing and every late render done). Time to idle is
# when it last used any; CPU until idle is its user+system time then. The screen is drained meanwhile.
hz = os.sysconf('SC_CLK_TCK')
last_cpu, t_idle = cpu_ticks(), time.monotonic()
end = time.monotonic() + 120
while time.monotonic() < end:
    chunk = read_for(0.05)
    if chunk: buf.extend(chunk)
    c = cpu_ticks()
    if c != last_cpu:
        last_cpu, t_idle = c, time.monotonic()
    elif time.monotonic() - t_idle >= 1.0:
        break
cpu_idle = last_cpu / hz
quiet(500)
os.write(fd, b'j')
move = quiet(300)
os.write(fd, b'j')
move2 = quiet(300)
os.write(fd, b'q')
while read_for(5) not in (None, b''): pass
os.waitpid(pid, 0)
print(json.dumps({'firstFrameMs': (t_frame - t0) * 1000, 'firstScreenMs': (t_first - t0) * 1000, 'idleMs': (t_idle - t0) * 1000, 'cpuToIdleS': cpu_idle, 'moveBytes': [move, move2], 'peakRssKiB': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
`;

/**
 * One dashboard launch in a pty; `cmd` runs the app (default: this node + bin; bench/reach.mjs passes
 * Node 18 or the single executable); `keys` are typed as soon as the complete screen is there (before
 * the wait for idle: '1' opens the environments view, whose visible rows are then sized).
 */
export function measure(args, env, cols = 80, rows = 24, cmd = [process.execPath, BIN], keys = '') {
  const full = { ...env, CI: 'false', TERM: 'xterm-256color' };
  const out = execFileSync(PYTHON, ['-c', PTY_DRIVER, JSON.stringify([...cmd, ...args]), JSON.stringify(full), String(cols), String(rows), keys], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop());
}

let machineBase;
/** The temp dir of a machine built by this module (removed by cleanUp), null when one was given. */
let builtDir = null;

/** Removes the standard machine this module built, if any (the bench calls it when done). */
export async function cleanUp() {
  if (builtDir) rmSync(builtDir, { recursive: true, force: true });
  builtDir = null;
  machineBase = undefined;
}
/** The standard machine's base dir, built at most once per bench run (reach.mjs reuses it). */
export function standardMachineBase() {
  machineBase ??= buildOrFindMachine();
  return machineBase;
}

async function buildOrFindMachine() {
  const arg = process.argv.indexOf('--machine');
  const given = arg > 0 ? process.argv[arg + 1] : process.env.PYENVTUI_STANDARD_MACHINE;
  if (given && existsSync(path.join(given, 'machine.json'))) return given;
  // The test harness is TypeScript: bundle it once with esbuild and build the machine with it. Its
  // files find their helpers (../py, ../../fixtures) from import.meta.url, which must stay theirs.
  const { build } = await import('esbuild');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pyenvtui-bench-dash-'));
  builtDir = dir;
  const outfile = path.join(dir, 'sandbox.mjs');
  const self = pathToFileURL(path.resolve('test/helpers/sandbox/index.ts')).href;
  await build({ entryPoints: ['test/helpers/sandbox/index.ts'], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile, logLevel: 'warning', define: { 'import.meta.url': JSON.stringify(self) } });
  const sb = await import(pathToFileURL(outfile).href);
  const cache = path.join(dir, 'cache');
  await sb.ensureWheels(cache);
  const built = await sb.buildStandardMachine({ parent: path.join(cache, 'machines') });
  return built.sandbox.base;
}

/** The env the dashboard runs with on the standard machine (its HOME, pipx and virtualenvwrapper homes). */
export function machineEnv(home) {
  return {
    HOME: home,
    PATH: [path.join(home, '.local/bin'), '/usr/local/bin', '/usr/bin', '/bin'].join(':'),
    PIPX_HOME: path.join(home, '.local/pipx'),
    WORKON_HOME: path.join(home, '.virtualenvs'),
    XDG_CONFIG_HOME: path.join(home, '.config'),
    LANG: 'C.UTF-8',
  };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function row(name, args, machineEnv, keys = '') {
  // A cache of its own (the machines' HOMEs lie inside --root, where pyenvtui never writes one): the
  // warm-up launch fills it, as a user's first launch does, and the timed ones are second launches.
  const cache = mkdtempSync(path.join(os.tmpdir(), 'pyenvtui-bench-dash-cache-'));
  const env = { ...machineEnv, PYENVTUI_CACHE_DIR: cache };
  // The warm-up is a user's first launch (empty size cache): its CPU until idle is reported too, since
  // sizing at a first launch is what a Raspberry Pi pays for (issue 15 item 3).
  const cold = measure(args, env, 80, 24, undefined, keys);
  const runs = Array.from({ length: RUNS }, () => measure(args, env, 80, 24, undefined, keys));
  rmSync(cache, { recursive: true, force: true });
  const frame = median(runs.map((r) => r.firstFrameMs));
  const first = median(runs.map((r) => r.firstScreenMs));
  const rss = Math.max(...runs.map((r) => r.peakRssKiB)) / 1024;
  const move = median(runs.map((r) => Math.max(...r.moveBytes)));
  const idle = median(runs.map((r) => r.idleMs));
  const cpu = median(runs.map((r) => r.cpuToIdleS));
  console.log(`| ${name} | ${frame.toFixed(0)} ms | ${first.toFixed(0)} ms | ${idle.toFixed(0)} ms | ${cpu.toFixed(2)} s | ${cold.cpuToIdleS.toFixed(2)} s | ${rss.toFixed(1)} MiB | ${move} B |`);
  return { name, firstFrameMs: frame, firstScreenMs: first, idleMs: idle, cpuToIdleS: cpu, coldCpuToIdleS: cold.cpuToIdleS, peakRssMiB: rss, moveBytes: move };
}

export async function benchDashboard() {
  console.log('\n## Dashboard: launch to first complete screen, peak RSS, bytes for one cursor move (pty 80x24)\n');
  console.log(`machine: ${os.cpus().length} cores; node ${process.version}; ${RUNS} runs, median (RSS: max)`);
  console.log('idle: no CPU used for a whole second; CPU until idle is user+system time (sizing included);');
  console.log('second launches (size cache warm) except "first launch": one launch with an empty cache');
  console.log('| machine | first frame | first complete screen | time to idle | CPU until idle | first launch: CPU until idle | peak RSS | one cursor move |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  const base = await standardMachineBase();
  const manifest = JSON.parse(readFileSync(path.join(base, 'machine.json'), 'utf8'));
  const home = manifest.home;
  const sandboxEnv = machineEnv(home);
  const results = [row('standard messy machine', ['--root', manifest.root], sandboxEnv)];
  const synth = syntheticMachine(100);
  const synthEnv = { HOME: path.join(synth, 'home/bench'), PATH: '/usr/bin:/bin', LANG: 'C.UTF-8' };
  results.push(row('synthetic, 100 envs x 50 dists', ['--root', synth], synthEnv));
  // Both machines open on the findings view, which shows no sizes: this row opens the environments
  // view at once, so its visible rows are sized (issue 15 item 3), as a user looking at the list pays.
  results.push(row('synthetic, 100 envs, `1` at first screen', ['--root', synth], synthEnv, '1'));
  const [std] = results;
  const mb = (mib) => (mib * 1.048576).toFixed(1);
  console.log('\n### Dashboard targets (issue 5)');
  console.log(`- first complete screen under 0.5 s on the standard machine: ${std.firstScreenMs < 500 ? 'yes' : 'NO'} (${std.firstScreenMs.toFixed(0)} ms)`);
  for (const r of results) console.log(`- peak RSS under 80 MB, ${r.name}: ${r.peakRssMiB * 1.048576 < 80 ? 'yes' : 'NO'} (${mb(r.peakRssMiB)} MB = ${r.peakRssMiB.toFixed(1)} MiB)`);
  for (const r of results) console.log(`- CPU until idle under 1 s, ${r.name}: ${r.cpuToIdleS < 1 ? 'yes' : 'NO'} (${r.cpuToIdleS.toFixed(2)} s)`);
  console.log(`- one cursor move well under 2 KB: ${results.every((r) => r.moveBytes < 2048) ? 'yes' : 'NO'} (${results.map((r) => `${r.moveBytes} B`).join(', ')})`);
  return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    await benchDashboard();
  } finally {
    await cleanUp();
  }
}
