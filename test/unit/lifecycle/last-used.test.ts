// "Last use" of an environment for clean-up: its own files, and the project it belongs to (edited files count;
// the venv inside the project and mere reads of the project directory do not).
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lastUsed } from '../../../src/lifecycle/cleanup-facts.js';

const base = mkdtempSync(path.join(os.tmpdir(), 'pyenvtui-lastused-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));
const OLD = (Date.now() - 100 * 86_400_000) / 1000;

function project(name: string): { project: string; venv: string; site: string } {
  const project = path.join(base, name);
  const venv = path.join(project, '.venv');
  const site = path.join(venv, 'lib/python3.11/site-packages');
  mkdirSync(site, { recursive: true });
  mkdirSync(path.join(venv, 'bin'), { recursive: true });
  writeFileSync(path.join(venv, 'pyvenv.cfg'), 'home = /usr/bin\n');
  writeFileSync(path.join(venv, 'bin/activate'), '');
  writeFileSync(path.join(project, 'main.py'), 'print(1)\n');
  for (const p of [path.join(venv, 'pyvenv.cfg'), path.join(venv, 'bin/activate'), path.join(venv, 'bin'), site, venv, path.join(project, 'main.py'), project]) utimesSync(p, OLD, OLD);
  return { project, venv, site };
}

describe('lastUsed', () => {
  it('is old when nothing was touched, with or without its project', async () => {
    const p = project('idle');
    expect(await lastUsed(p.venv, [p.site])).toBeLessThan(Date.now() - 99 * 86_400_000);
    expect(await lastUsed(p.venv, [p.site], p.project)).toBeLessThan(Date.now() - 99 * 86_400_000);
  });
  it('is recent when a file of its project was edited', async () => {
    const p = project('busy');
    writeFileSync(path.join(p.project, 'main.py'), 'print(2)\n');
    expect(await lastUsed(p.venv, [p.site])).toBeLessThan(Date.now() - 99 * 86_400_000);
    expect(await lastUsed(p.venv, [p.site], p.project)).toBeGreaterThan(Date.now() - 60_000);
  });
  it('does not count the venv itself, or a read of the project, as an edit of the project', async () => {
    const p = project('read-only');
    utimesSync(p.venv, OLD, Date.now() / 1000); // the venv dir changed: its own files decide, not the project's
    utimesSync(p.project, Date.now() / 1000, OLD); // someone listed the project: an access, not an edit
    expect(await lastUsed(p.venv, [p.site], p.project)).toBeLessThan(Date.now() - 99 * 86_400_000);
  });
});
