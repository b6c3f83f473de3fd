import React, { createContext, useContext, useEffect, useState } from 'react';
import { useStdout } from 'ink';

export interface TerminalSize {
  columns: number;
  rows: number;
}

/** Lets tests (ink-testing-library has no rows) and callers pin the terminal size. */
export const TerminalSizeContext = createContext<TerminalSize | null>(null);

/** The terminal size, re-rendering on resize (Ink 6 does not re-render React on resize by itself). */
export function useTerminalSize(): TerminalSize {
  const pinned = useContext(TerminalSizeContext);
  const { stdout } = useStdout();
  const read = (): TerminalSize => ({ columns: stdout.columns || 80, rows: stdout.rows || 24 });
  const [size, setSize] = useState(read);
  useEffect(() => {
    if (pinned) return;
    const onResize = (): void => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, pinned]);
  return pinned ?? size;
}

export function TerminalSizeProvider({ size, children }: { size: TerminalSize; children: React.ReactNode }): React.JSX.Element {
  return <TerminalSizeContext.Provider value={size}>{children}</TerminalSizeContext.Provider>;
}
