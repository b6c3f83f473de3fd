// Drives the built bin in a real terminal (tmux), the way a person would: send keys, read the screen.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { waitFor } from './wait-for.js';

export const BIN = path.resolve(import.meta.dirname, '../../bin/pyenvtui.js');
const RUNNER = path.resolve(import.meta.dirname, 'pane-runner.mjs');
let counter = 0;

export interface TmuxOptions {
  args?: string[];
  env?: Record<string, string>;
  columns?: number;
  rows?: number;
  /** The node binary that runs the bin (default: this one); e.g. scripts/node18.sh's wrapper. */
  node?: string;
  /** Run this command instead of `node BIN` (args are appended): an installed bin, the single executable. */
  command?: string[];
}

export class TmuxSession {
  readonly name: string;
  private readonly socket: string;
  private readonly dir: string;
  private readonly stateFile: string;

  constructor(opts: TmuxOptions = {}) {
    this.name = `pyenvtui-test-${process.pid}-${++counter}`;
    // A private server per session: tests never touch the user's tmux.
    this.socket = this.name;
    this.dir = mkdtempSync(path.join(os.tmpdir(), 'pyenvtui-tmux-'));
    this.stateFile = path.join(this.dir, 'state.json');
    const env = { CI: 'false', TERM: 'xterm-256color', ...opts.env };
    const envArgs = Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
    this.tmux(['-f', '/dev/null', 'new-session', '-d', '-s', this.name, '-x', String(opts.columns ?? 80), '-y', String(opts.rows ?? 24), ...envArgs,
      process.execPath, RUNNER, this.stateFile, ...(opts.command ?? [opts.node ?? process.execPath, BIN]), ...(opts.args ?? [])]);
  }

  tmux(args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  /** The visible screen as text. */
  screen(): string {
    return this.tmux(['capture-pane', '-p', '-t', this.name]);
  }

  /** Send keys as tmux key names ('j', 'Enter', 'C-c', 'Escape') or literal text with {literal:true}. */
  send(keys: string, opts: { literal?: boolean } = {}): void {
    this.tmux(['send-keys', '-t', this.name, ...(opts.literal ? ['-l'] : []), keys]);
  }

  display(format: string): string {
    return this.tmux(['display-message', '-p', '-t', this.name, format]).trim();
  }

  /** Pid of the app itself (not of the runner that hosts it in the pane). */
  async pid(): Promise<number> {
    const f = `${this.stateFile}.pid`;
    return Number(await waitFor(() => (existsSync(f) ? readFileSync(f, 'utf8') : ''), { what: 'the app pid' }));
  }

  resize(columns: number, rows: number): void {
    this.tmux(['resize-window', '-t', this.name, '-x', String(columns), '-y', String(rows)]);
  }

  async waitForText(text: string | RegExp, timeout = 10_000): Promise<string> {
    const ok = (s: string) => (typeof text === 'string' ? s.includes(text) : text.test(s));
    return waitFor(() => this.screen(), { accept: ok, timeout, what: `screen to show ${String(text)}` });
  }

  /** Waits for the app to end and reports how it left the terminal. */
  async waitForExit(timeout = 10_000): Promise<{ status: number | null; signal: string | null; altScreen: boolean; cursorVisible: boolean }> {
    const raw = await waitFor(() => (existsSync(this.stateFile) ? readFileSync(this.stateFile, 'utf8') : ''), { timeout, what: 'the app to exit' });
    const { code, signal } = JSON.parse(raw) as { code: number | null; signal: string | null };
    return {
      status: code,
      signal,
      altScreen: this.display('#{alternate_on}') === '1',
      cursorVisible: this.display('#{cursor_flag}') === '1',
    };
  }

  kill(): void {
    try {
      this.tmux(['kill-server']);
    } catch {
      /* already gone */
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
