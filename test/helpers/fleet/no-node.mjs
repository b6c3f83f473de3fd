// Runs a command in the current mount namespace with Node.js hidden: an empty, non-executable file is
// bind-mounted over the node binary, so `node` is not runnable there (a host without Node).
// Start it inside a private mount namespace so the rest of the machine keeps its Node:
//   unshare --mount --propagation private -- /usr/bin/node no-node.mjs EMPTY_FILE NODE_PATH -- CMD ARGS...
import { execFileSync, spawn } from 'node:child_process';

const sep = process.argv.indexOf('--');
const [empty, nodePath] = process.argv.slice(2, sep);
const [cmd, ...args] = process.argv.slice(sep + 1);
execFileSync('mount', ['--bind', empty, nodePath]);
const child = spawn(cmd, args, { stdio: 'inherit' });
for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
