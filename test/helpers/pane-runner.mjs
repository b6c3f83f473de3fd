// Runs the app inside a tmux pane and outlives it, so the test can read the terminal's state
// (alternate screen, cursor) after the app has exited: a dead pane's state is not reliable.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const [stateFile, ...cmd] = process.argv.slice(2);
const child = spawn(cmd[0], cmd.slice(1), { stdio: 'inherit' });
writeFileSync(`${stateFile}.pid`, String(child.pid));
// Signals typed at the terminal reach the whole foreground group; the app decides what they mean.
process.on('SIGINT', () => {});
child.on('exit', (code, signal) => {
  writeFileSync(stateFile, JSON.stringify({ code, signal }));
  setInterval(() => {}, 1 << 30);
});
