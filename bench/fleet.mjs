// Fleet numbers: CPU seconds of `scan --facts` on the 1000-environment synthetic machine (what a Pi
// pays inside Ansible's fact gathering), and the fleet view of 500 hosts x 20 environments: time to
// the first screen in a real pty (80x24) and peak RSS, plus `fleet --json`.
//   node bench/fleet.mjs            (npm run bench runs it too)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { syntheticFleet } from './fleet-hosts.mjs';
import { syntheticMachine } from './synthetic.mjs';

const PYTHON = '/usr/bin/python3';
const BIN = path.resolve(process.env.BENCH_BIN ?? 'bin/pyenvtui.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** One run of the bundle in-process (bench/measure.mjs): wall, CPU and peak RSS. */
function measured(args, env) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pyenvtui-bench-'));
  const report = path.join(dir, 'r.json');
  // CPU from /usr/bin/time when there is one: the whole process, exit handlers included (the size
  // cache is written at exit, after measure.mjs has taken its numbers).
  const argv = [process.execPath, 'bench/measure.mjs', report, '--', ...args];
  const r = TIME ? spawnSync(TIME, ['-f', '%U %S', '-o', `${report}.time`, ...argv], { encoding: 'utf8', maxBuffer: 1 << 30, env }) : spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', maxBuffer: 1 << 30, env });
  const rep = JSON.parse(readFileSync(report, 'utf8'));
  if (TIME) {
    const [u, sy] = readFileSync(`${report}.time`, 'utf8').trim().split('\n').pop().split(' ').map(Number);
    rep.cpuMs = (u + sy) * 1000;
  }
  rmSync(dir, { recursive: true, force: true });
  if (r.status !== 0 && r.status !== 1) throw new Error(`pyenvtui ${args.join(' ')} failed: ${r.stderr}`);
  let sized = null;
  if (args.includes('--facts')) {
    const envs = JSON.parse(r.stdout).environments;
    sized = `${envs.filter((e) => e.sizeBytes !== null).length} of ${envs.length}`;
  }
  return { ...rep, bytes: Buffer.byteLength(r.stdout), sized };
}

// Launch in a pty, wait for the first screen with hosts on it, 1.5 s later open the packages tab
// (every host's package index is read by then, in the background, or on the key), quit. Wall times, the child's CPU (user+sys from
// /proc/PID/stat) at each point, and its peak RSS.
const PTY_DRIVER = String.raw`
import json, os, pty, re, resource, select, struct, sys, termios, fcntl, time
argv, env, cols, rows = json.loads(sys.argv[1]), json.loads(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
tick = os.sysconf('SC_CLK_TCK')
def cpu_ms(pid):
    with open('/proc/%d/stat' % pid) as f: fields = f.read().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000.0 / tick
t0 = time.monotonic()
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack('HHHH', rows, cols, 0, 0))
    os.execve(argv[0], argv, env)
buf = bytearray()
def wait_for(pattern, since):
    end = time.monotonic() + 60
    while time.monotonic() < end:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try: chunk = os.read(fd, 65536)
            except OSError: chunk = b''
            if not chunk: break
            buf.extend(chunk)
            if pattern(bytes(buf[since:])): return
    raise SystemExit('timed out; got %r' % bytes(buf[-400:]))
wait_for(lambda b: re.search(rb'q quit', b) and re.search(rb'pi-1\b', b), 0)
t_first = time.monotonic()
cpu_first = cpu_ms(pid)
# A person reads the first screen for a moment before opening the packages tab.
read_until = time.monotonic() + 1.5
while time.monotonic() < read_until:
    r, _, _ = select.select([fd], [], [], 0.05)
    if r:
        try: buf.extend(os.read(fd, 65536))
        except OSError: pass
mark = len(buf)
t_press = time.monotonic()
os.write(fd, b'3')
wait_for(lambda b: re.search(rb'Packages \(\d+\)', b) and re.search(rb'bench-pkg', b), mark)
t_pkgs = time.monotonic()
cpu_pkgs = cpu_ms(pid)
os.write(fd, b'q')
while True:
    r, _, _ = select.select([fd], [], [], 5)
    if not r: break
    try:
        if not os.read(fd, 65536): break
    except OSError: break
os.waitpid(pid, 0)
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({'firstScreenMs': (t_first - t0) * 1000, 'firstScreenCpuMs': cpu_first, 'packagesMs': (t_pkgs - t_press) * 1000, 'packagesCpuMs': cpu_pkgs - cpu_first, 'peakRssKiB': ru.ru_maxrss, 'cpuMs': (ru.ru_utime + ru.ru_stime) * 1000}))
`;

export function dashboard(dir, extraNodeArgs = []) {
  const env = { PATH: '/usr/bin:/bin', HOME: os.tmpdir(), CI: 'false', TERM: 'xterm-256color', LANG: 'C.UTF-8' };
  const out = execFileSync(PYTHON, ['-c', PTY_DRIVER, JSON.stringify([process.execPath, ...extraNodeArgs, BIN, 'fleet', dir]), JSON.stringify(env), '80', '24'], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop());
}

// BENCH_FLEET_ONLY=facts or =view runs one half.
const ONLY = process.env.BENCH_FLEET_ONLY ?? '';

export async function benchFleet() {
  console.log('\n## Fleet: `scan --facts` cost on a host, and the fleet view across hosts\n');
  console.log(`machine: ${os.cpus().length} cores; node ${process.version}; ${RUNS} runs, median (RSS: max); load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const rows = [];
  if (ONLY !== 'view') {
    const root = syntheticMachine(1000);
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'pyenvtui-bench-cache-'));
    const cold = { ...process.env, PYENVTUI_NO_CACHE: '1', USER: 'bench' };
    const warm = { ...process.env, PYENVTUI_NO_CACHE: '', PYENVTUI_CACHE_DIR: cacheDir, USER: 'bench' };
    console.log('CPU is user+sys of the process (the machine is shared: wall time follows the load, CPU much less).\n');
    console.log('| scan of the 1000-env synthetic machine | CPU (user+sys) | wall | peak RSS | output | sizes measured |');
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const [name, args, env] of [
      ['--facts, cold (site and size caches off)', ['scan', '--facts', '--root', root], cold],
      ['--facts, warm (site and size caches)', ['scan', '--facts', '--root', root], warm],
      ['--facts --no-sizes, warm', ['scan', '--facts', '--no-sizes', '--root', root], warm],
      ['--json, warm (for comparison)', ['scan', '--json', '--root', root], warm],
    ]) {
      measured(args, env); // page cache (and site cache) warm
      const runs = Array.from({ length: RUNS }, () => measured(args, env));
      const cpu = median(runs.map((r) => r.cpuMs));
      const wall = median(runs.map((r) => r.wallMs));
      const rss = Math.max(...runs.map((r) => r.maxRssKiB)) / 1024;
      const sized = runs.map((r) => r.sized).find((x) => x) ?? '-';
      console.log(`| ${name} | ${(cpu / 1000).toFixed(2)} s | ${(wall / 1000).toFixed(2)} s | ${rss.toFixed(0)} MiB | ${(runs[0].bytes / 1e6).toFixed(2)} MB | ${sized} |`);
      rows.push({ name, cpu, wall, rss });
    }
    rmSync(cacheDir, { recursive: true, force: true });
  }
  if (ONLY === 'facts') return;

  const dir = syntheticFleet(500, 20);
  console.log('\n| fleet of 500 hosts x 20 envs (jsonfile cache, 11.5 MB) | CPU (user+sys) | wall | peak RSS |');
  console.log('|---|---:|---:|---:|');
  const row = (name, runs) =>
    console.log(`| ${name} | ${median(runs.map((r) => r.cpuMs)).toFixed(0)} ms | ${median(runs.map((r) => r.wallMs)).toFixed(0)} ms | ${(Math.max(...runs.map((r) => r.maxRssKiB)) / 1024).toFixed(0)} MiB |`);
  row('pyenvtui --version (Node and the bundle starting: the floor)', Array.from({ length: RUNS }, () => measured(['--version'], process.env)));
  row('fleet --json', Array.from({ length: RUNS }, () => measured(['fleet', dir, '--json'], process.env)));
  row('fleet --json --package (every package index read)', Array.from({ length: RUNS }, () => measured(['fleet', dir, '--json', '--package', 'bench-pkg-7'], process.env)));
  dashboard(dir);
  const dash = Array.from({ length: RUNS }, () => dashboard(dir));
  const m = (k) => median(dash.map((d) => d[k]));
  const rss = Math.max(...dash.map((d) => d.peakRssKiB)) / 1024;
  console.log(`| dashboard: launch to first screen (pty 80x24) | ${m('firstScreenCpuMs').toFixed(0)} ms | ${m('firstScreenMs').toFixed(0)} ms | |`);
  console.log(`| dashboard: 1.5 s later, the packages tab (3): CPU since the first screen, wall since the key | ${m('packagesCpuMs').toFixed(0)} ms | ${m('packagesMs').toFixed(0)} ms | ${rss.toFixed(0)} MiB (whole run) |`);
  const first = m('firstScreenMs');
  const firstCpu = m('firstScreenCpuMs');
  const load = os.loadavg()[0];
  console.log('\n### Fleet targets (issue 17)');
  console.log(`- fleet view of 500 hosts x 20 envs opens in under 1 s: ${first < 1000 ? 'yes' : 'NO'} (${first.toFixed(0)} ms wall at load ${load.toFixed(1)} on ${os.cpus().length} cores; ${firstCpu.toFixed(0)} ms CPU)`);
  console.log(`- and stays under 150 MB: ${rss * 1.048576 < 150 ? 'yes' : 'NO'} (${(rss * 1.048576).toFixed(0)} MB, packages tab opened)`);
  if (rows.length) console.log(`- scan --facts on 1000 envs, CPU: ${(rows[0].cpu / 1000).toFixed(2)} s cold, ${(rows[1].cpu / 1000).toFixed(2)} s warm, ${(rows[2].cpu / 1000).toFixed(2)} s without sizes; scan --json ${(rows[3].cpu / 1000).toFixed(2)} s (Ansible's default gather_timeout is 10 s)`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchFleet();
