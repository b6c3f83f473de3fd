import React, { useState } from 'react';
import { Box, Text, useApp, useInput } from 'ink';
import { useTerminalSize } from './terminal-size.js';

export interface AppProps {
  version: string;
}

const HINTS = '? help  q quit';

/** First screen: header, placeholder body and key hints. The dashboard replaces the body. */
export function App({ version }: AppProps): React.JSX.Element {
  const { exit } = useApp();
  const { columns, rows } = useTerminalSize();
  const [help, setHelp] = useState(false);
  useInput((input, key) => {
    if (input === 'q' && help) return setHelp(false);
    if (input === 'q' || (key.ctrl && input === 'c')) return exit();
    if (input === '?') return setHelp((h) => !h);
    if (key.escape) return setHelp(false);
  });
  // rows - 1: at full height Ink 6 clears the whole screen on every frame (flicker over SSH).
  return (
    <Box flexDirection="column" width={columns} height={Math.max(rows - 1, 3)}>
      <Text bold>pyenvtui {version}</Text>
      <Box flexGrow={1} flexDirection="column" paddingX={1} paddingY={1}>
        {help ? (
          <>
            <Text bold>Keys</Text>
            <Text>?  toggle this help</Text>
            <Text>q  quit (closes this help first)</Text>
          </>
        ) : (
          <Text>Scanning for Pythons will appear here.</Text>
        )}
      </Box>
      <Text dimColor>{HINTS}</Text>
    </Box>
  );
}
