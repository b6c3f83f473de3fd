import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN } from '../helpers/tmux.js';
import pkg from '../../package.json' with { type: 'json' };

function run(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
}

describe('the pyenvtui command (built bundle)', () => {
  it('prints the package version with --version and -V', () => {
    expect(run(['--version']).stdout).toBe(`${pkg.version}\n`);
    expect(run(['-V']).stdout.trim()).toBe(pkg.version);
  });

  it('prints usage with --help, naming the dashboard', () => {
    const r = run(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage:');
    expect(r.stdout).toContain('dashboard');
  });

  it('prints a plain-text message instead of crashing when stdin is not a terminal', () => {
    const r = run([]);
    expect(r.status).toBe(0);
    // The notice goes to stderr; stdout carries only the summary (pipeable).
    expect(r.stderr).toContain('needs an interactive terminal');
    expect(r.stdout).not.toContain('needs an interactive terminal');
    expect(r.stdout).toContain('Findings (');
    expect(r.stdout).not.toContain('\x1b[?1049h');
  });

  it('rejects an unknown command with exit code 2', () => {
    const r = run(['frobnicate']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown command 'frobnicate'");
  });

  it('is one self-contained file: runs with NODE_PATH empty and node_modules out of reach', () => {
    const out = execFileSync(process.execPath, [BIN, '--version'], { encoding: 'utf8', cwd: '/', env: { PATH: '/usr/bin:/bin', NO_COLOR: '1' } });
    expect(out.trim()).toBe(pkg.version);
  });
});
