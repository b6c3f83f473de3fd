// What one process costs, measured the same way for every program the bench compares (pyenvtui, the
// probe, `node -e 0`, pip): CPU seconds (user + system), wall seconds and peak RSS, from GNU time
// (getrusage of the child), optionally pinned to one core with `taskset -c 0` (a Raspberry Pi proxy).
// CPU time is the number to compare on a shared machine: wall time depends on what the neighbours do.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** { cpuS, userS, sysS, wallS, rssMiB, stdout, code } of one run of argv. */
export function cost(argv, { env = process.env, oneCore = false, okCodes = [0, 1] } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pyenvtui-bench-cost-'));
  const out = path.join(dir, 'time');
  try {
    const pin = oneCore ? ['taskset', '-c', '0'] : [];
    const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', '-o', out, ...pin, ...argv], { encoding: 'utf8', env, maxBuffer: 1 << 30 });
    const line = readFileSync(out, 'utf8').trim().split('\n').pop();
    const [wallS, userS, sysS, rssKiB] = line.split(' ').map(Number);
    if (!okCodes.includes(r.status)) {
      const e = new Error(`${argv.join(' ')} exited ${r.status}: ${(r.stderr ?? '').slice(-400)}`);
      e.result = { code: r.status, stderr: r.stderr };
      throw e;
    }
    return { cpuS: userS + sysS, userS, sysS, wallS, rssMiB: rssKiB / 1024, stdout: r.stdout, code: r.status };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Median CPU, wall and max RSS of `runs` runs (after one untimed warm-up of the page cache). */
export function costOf(argv, opts = {}, runs = 3) {
  cost(argv, opts);
  const rs = Array.from({ length: runs }, () => cost(argv, opts));
  return { cpuS: median(rs.map((r) => r.cpuS)), wallS: median(rs.map((r) => r.wallS)), rssMiB: Math.max(...rs.map((r) => r.rssMiB)), stdout: rs[0].stdout };
}

export const s = (x) => `${x.toFixed(2)} s`;
export const mib = (x) => `${x.toFixed(0)} MiB`;
export const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
