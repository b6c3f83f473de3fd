// A command with a trailing `# comment`, laid out for a narrow pane, must paste into bash as the same
// command: a comment ends at the newline (a ` \` inside it continues nothing), so the wrapped rest of a
// comment must be a comment again, never a command. Checked by running the lines in real bash.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { findingBodyRows, findingFull } from '../../../components/state/full-text.js';
import { textRows } from '../../../components/state/text-rows.js';
import { commandLines, commentStart } from '../../../components/ui/text.js';
import type { Finding } from '../../../src/model.js';

const bash = (script: string): string => execFileSync('/bin/bash', ['-c', script], { encoding: 'utf8' });

// A "command" that prints its arguments, then a comment whose words would run (and print) as commands.
const CMD = `/usr/bin/printf '%s|' alpha 'bravo #notacomment' charlie-delta-echo # echo RAN-A-COMMENT-LINE; the old copy stays in /home/tester/.venvs/app.broken-20261207, delete it yourself`;

function pasted(lines: string[], first: string, indent: string): string {
  return lines.map((l, i) => (i === 0 ? l.slice(first.length) : l.startsWith(indent) ? l.slice(indent.length) : l)).join('\n');
}

describe('a trailing comment in a wrapped command', () => {
  it('finds the comment outside quotes only', () => {
    expect(commentStart(CMD)).toBe(CMD.indexOf('# echo'));
    expect(commentStart(`echo 'a # b' "c # d" e\\#f`)).toBe(-1);
    expect(commentStart('# all comment')).toBe(0);
  });

  for (const width of [24, 30, 40, 60, 80, 120]) {
    it(`${width} columns: the lines run as the one command, the comment never continued`, () => {
      const want = bash(CMD);
      expect(want).toBe('alpha|bravo #notacomment|charlie-delta-echo|');
      const lines = commandLines(CMD, width);
      expect(bash(pasted(lines, '$ ', '    '))).toBe(want);
      const at = lines.findIndex((l) => l.trimStart().startsWith('#'));
      if (lines.length > 1) {
        expect(at).toBeGreaterThan(0);
        for (const l of lines.slice(at)) {
          expect(l.trimStart().startsWith('# ')).toBe(true);
          expect(l.endsWith('\\')).toBe(false);
        }
      }
    });
  }

  it('a quoted argument is never cut by a continuation inside its quotes', () => {
    const cmd = `printf '%s|' '/home/tester/my projects/a very long directory name/.venv' end`;
    for (const width of [16, 24, 40]) expect(bash(pasted(commandLines(cmd, width), '$ ', '    ')), `${width}`).toBe(bash(cmd));
  });

  it('the finding detail and the full-text view lay it out the same safe way', () => {
    const f: Finding = { rule: 'broken-environment', severity: 'high', title: 'broken', environment: 'x', evidence: [], fix: [CMD, '# a comment-only fix line that is long enough to wrap onto more lines'] };
    const want = 'alpha|bravo #notacomment|charlie-delta-echo|';
    for (const width of [30, 50]) {
      const body = findingBodyRows(f, 'k', width).map((r) => r.cells[0]!.text);
      const split = body.findIndex((t) => t.includes('comment-only'));
      expect(bash(pasted(body.slice(0, split), '  $ ', '      '))).toBe(want);
      const full = textRows(findingFull(null, f, undefined), width).map((r) => r.cells[0]!.text);
      const cmds = full.slice(full.findIndex((t) => t.startsWith('Commands')) + 1);
      // A comment-only fix line is prose (not a command): the commands section holds the one command.
      expect(bash(pasted(cmds, '$ ', '    '))).toBe(want);
    }
  });
});
