#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';

// chalk ignores NO_COLOR; FORCE_COLOR=0 must be set before anything that imports it loads.
if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') process.env.FORCE_COLOR = '0';
if (process.argv.includes('--no-color')) process.env.FORCE_COLOR = '0';

// The dashboard stays open for minutes on machines as small as a Pi, and most of its work is reading
// files and drawing small frames. Peak RSS measured with bench/dashboard.mjs (pty 80x24, 2 cores),
// standard machine / 100 envs, first complete screen unchanged within noise:
//   V8 defaults                                         86 / 120 MiB
//   --optimize-for-size                                 80 /  98
//   + --semi-space-growth-factor=1 (the young generation keeps its initial size instead of doubling
//     while sizes are walked)                           75 /  81
//   + --interrupt-budget=4000000 (TurboFan only for really hot loops: its background compile zones
//     were ~8 MB at the first complete screen)          71 /  76
// --no-opt saves as much but makes CPU-bound paths 3-5x slower (reading apt's lz4 lists: 0.35 s ->
// 1.7 s); with the larger budget those loops still get optimized.
// scan and doctor (a whole machine on a Pi Zero 2 W with ~230 MB free) get the first two: `scan --json`
// of 1000 synthetic envs peaked at 143 MiB on Node 20 (142 MiB = 149 MB on Node 18) and 104 MiB
// with them; three alternating runs each took the same time within noise
// (docs/reach.md). The interrupt budget is left out there: scanning is CPU-bound.
// Set before any of our code is compiled; never for migrate/undo.
const mode = process.argv[2];
const dashboard = (mode === undefined || mode === 'tui' || mode.startsWith('-')) && process.stdin.isTTY && process.stdout.isTTY;
const small = ['--optimize-for-size', '--semi-space-growth-factor=1'];
const flags = dashboard ? [...small, '--interrupt-budget=4000000'] : mode === 'scan' || mode === 'doctor' ? small : [];
for (const flag of flags) setFlagsFromString(flag);
await import('../dist/pyenvtui.js');
