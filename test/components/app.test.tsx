import React from 'react';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../components/app/app.js';
import { TerminalSizeProvider } from '../../components/app/terminal-size.js';
import { waitFor } from '../helpers/wait-for.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function mount(columns = 80, rows = 24) {
  const r = render(
    <TerminalSizeProvider size={{ columns, rows }}>
      <App version="9.9.9" />
    </TerminalSizeProvider>,
  );
  cleanup = r.unmount;
  return r;
}

describe('<App> first screen', () => {
  it('shows the name, a body and the key hints within rows - 1 lines', async () => {
    const r = mount();
    const frame = await waitFor(() => r.lastFrame() ?? '', { accept: (f) => f.includes('q quit') });
    expect(frame).toContain('pyenvtui 9.9.9');
    expect(frame.split('\n').length).toBeLessThanOrEqual(23);
  });

  it('toggles the help overlay with ? and closes it with q before quitting', async () => {
    const r = mount();
    await waitFor(() => r.lastFrame() ?? '', { accept: (f) => f.includes('q quit') });
    r.stdin.write('?');
    await waitFor(() => r.lastFrame() ?? '', { accept: (f) => f.includes('Keys'), what: 'help overlay' });
    r.stdin.write('q');
    const after = await waitFor(() => r.lastFrame() ?? '', { accept: (f) => !f.includes('Keys'), what: 'overlay closed' });
    expect(after).toContain('q quit');
  });
});
