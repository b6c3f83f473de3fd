#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';

// chalk ignores NO_COLOR; FORCE_COLOR=0 must be set before anything that imports it loads.
if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') process.env.FORCE_COLOR = '0';
if (process.argv.includes('--no-color')) process.env.FORCE_COLOR = '0';

// The dashboard stays open for minutes on machines as small as a Pi, and most of its work is reading
// files and drawing small frames: V8's optimizing compiler buys it nothing measurable but its
// background compile jobs and heap growth cost ~15 MB of peak RSS (bench/dashboard.mjs, pty 80x24:
// standard machine 86 -> 72 MiB, 100 envs 120 -> 88 MiB, first screen unchanged within noise).
// Set before any of our code is compiled; only for the dashboard, never for scan/doctor/migrate.
const mode = process.argv[2];
if ((mode === undefined || mode === 'tui' || mode.startsWith('-')) && process.stdin.isTTY && process.stdout.isTTY) {
  setFlagsFromString('--optimize-for-size');
  setFlagsFromString('--no-opt');
}
await import('../dist/pyenvtui.js');
