#!/usr/bin/env node
// chalk ignores NO_COLOR; FORCE_COLOR=0 must be set before anything that imports it loads.
if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') process.env.FORCE_COLOR = '0';
if (process.argv.includes('--no-color')) process.env.FORCE_COLOR = '0';
await import('../dist/pyenvtui.js');
