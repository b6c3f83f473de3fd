import React from 'react';
import { Box } from 'ink';
import type { DashboardState } from '../state/dashboard-state.js';
import { layoutOf } from '../state/selectors.js';
import { Body } from './body.js';
import { Header } from './header.js';
import { TabStrip } from './tab-strip.js';
import { HintLine, MessageLine } from './status-lines.js';

/** The whole screen, presentational: state in, one frame out. */
export function Dashboard({ state, version }: { state: DashboardState; version: string }): React.JSX.Element {
  const layout = layoutOf(state);
  const width = layout.wide ? layout.listWidth + layout.detailWidth : layout.listWidth;
  // rows - 1 tall: at full height Ink 6 clears the whole screen on every frame (flicker over SSH).
  return (
    <Box flexDirection="column" width={width} height={layout.height}>
      <Header state={state} version={version} width={width} />
      <TabStrip state={state} width={width} />
      <Box height={layout.bodyHeight}>
        <Body state={state} layout={layout} />
      </Box>
      <MessageLine state={state} width={width} />
      <HintLine state={state} width={width} />
    </Box>
  );
}
