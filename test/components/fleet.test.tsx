// The fleet dashboard in ink-testing-library at 80x24: every host with its worst finding, the rule and
// package views, keys (j/k, Tab, 1-3, Enter, Esc, /), and hostile host strings that never reach the
// terminal raw.
import React from 'react';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { TerminalSizeProvider } from '../../components/app/terminal-size.js';
import { FleetApp } from '../../components/fleet/fleet-app.js';
import { buildFleet } from '../../src/fleet/aggregate.js';
import { readFleetDir } from '../../src/fleet/reader.js';
import { cacheEntry, dir, facts } from '../helpers/fleet-fixtures.js';
import { waitFor } from '../helpers/wait-for.js';
import { expectFits, strip } from './render-helpers.js';

function mount(files: Record<string, string | object>, opts: { columns?: number; rows?: number } = {}) {
  const { columns = 80, rows = 24 } = opts;
  const d = dir(files);
  const { reports, skipped } = readFleetDir(d);
  const fleet = buildFleet(reports, { dir: d, now: new Date('2026-11-21T10:00:00Z'), staleDays: 7, skipped });
  let quit = false;
  const r = render(
    <TerminalSizeProvider size={{ columns, rows }}>
      <FleetApp fleet={fleet} version="9.9.9" color={false} ascii={false} onQuit={() => (quit = true)} />
    </TerminalSizeProvider>,
  );
  const frame = (): string => strip(r.lastFrame() ?? '');
  const has = (t: string | RegExp): Promise<string> =>
    waitFor(frame, { accept: (f) => (typeof t === 'string' ? f.includes(t) : t.test(f)), what: `frame to show ${String(t)}` });
  return { ...r, frame, has, quit: () => quit };
}

const hosts = {
  'pi-1': cacheEntry(facts()),
  'pi-2': cacheEntry(facts({ findings: [] })),
  'pi-3': cacheEntry(facts({ generatedAt: '2026-11-01T00:00:00Z' })),
  'pi-4': { unreachable: true, msg: 'Failed to connect to the host via ssh: ssh: connect to host 10.0.0.4 port 22: No route to host' },
};

describe('fleet dashboard', () => {
  it('lists every host with its worst finding, the stale one flagged and the silent one with its error', async () => {
    const app = mount(hosts);
    const f = await app.has('pi-4');
    expect(f).toMatch(/pi-1\s+HIGH\s+2 env\s+H1/);
    expect(f).toMatch(/pi-2\s+ok\s+2 env\s+clean/);
    expect(f).toMatch(/pi-3\s+HIGH.*STALE 20d/);
    expect(f).toMatch(/pi-4\s+UNREACHABLE\s+Failed to connect/);
    expect(f).toContain('4 hosts · 3 reporting · 1 not reporting · 1 stale');
    expectFits(f, 80, 24);
  });

  it('moves with j/k, switches views with Tab and 1-3, opens with Enter and goes back with Esc', async () => {
    const app = mount(hosts);
    await app.has('pi-4');
    app.stdin.write('j');
    await app.has('│> pi-2');
    app.stdin.write('\r');
    await app.has('Host pi-2');
    expect(app.frame()).toMatch(/venv\s+app\s+3\.11\.2\s+ok/);
    app.stdin.write('\u001b');
    await app.has('│> pi-2');
    app.stdin.write('\t');
    const rules = await app.has('break-system-packages-config');
    expect(rules).toMatch(/HIGH\s+break-system-packages-config\s+on 2 of 3 hosts/);
    app.stdin.write('3');
    await app.has('[3 Packages');
    app.stdin.write('/');
    app.stdin.write('six');
    await app.has('/six_');
    app.stdin.write('\r');
    app.stdin.write('\r');
    const six = await app.has('Package six on every host');
    expect(six).toMatch(/pi-1\s+1\.16\.0×1/);
    expect(six).toContain('no facts from 1: pi-4');
    expectFits(six, 80, 24);
    app.stdin.write('q');
    await waitFor(() => app.quit(), { what: 'quit' });
  });

  it('never lets a hostile host file drive the terminal', async () => {
    const evil = '\u001b]0;owned\u0007\u001b[2J';
    const app = mount({ [`bad${'\u001b'}[31m`]: cacheEntry(facts({ host: evil, findings: [{ rule: `r${evil}`, severity: 'critical', title: evil }] })), down: { unreachable: true, msg: `x${evil}` } });
    await app.has('down');
    const raw = app.lastFrame() ?? '';
    // Only our own SGR styling may appear; no OSC, no clear-screen, no foreign escapes.
    // eslint-disable-next-line no-control-regex
    expect(raw.replace(/\x1b\[[0-9;]*m/g, '')).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(app.frame()).toMatch(/bad\?\[31m\s+CRIT/);
  });

  it('fits a small terminal too', async () => {
    const app = mount(hosts, { columns: 60, rows: 16 });
    expectFits(await app.has('pi-4'), 60, 16);
  });
});
