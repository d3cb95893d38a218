/** Shared pieces of the hostile-input tests: data with attack strings, and the one-line check. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { CliRun } from '../cli/run-cli.js';

/** A window-title escape sequence (OSC 0 … BEL) and a clear-screen (CSI 2J). */
export const TITLE = '\u001b]0;pwned\u0007';
export const CLEAR = '\u001b[2J';

/** A group value that would forge a table row if printed raw. */
export const FORGED = `B\nforged  row`;

/** Audit data whose `team` values carry terminal attacks and Markdown links, 40 rows a group. */
export function writeAttackCsv(dir: string, name = 'attack.csv'): string {
  const values = [`A${TITLE}`, `"${FORGED}"`, `C${CLEAR}`, 'http://evil.example/x', 'www.evil.example', 'alice@corp.example', '<img src=x onerror=alert(1)>'];
  const rows = ['team,label,pred'];
  values.forEach((value, g) => {
    for (let i = 0; i < 40; i++) rows.push(`${value},${(i + g) % 3 === 0 ? 1 : 0},${(i * (g + 1)) % 4 === 0 ? 1 : 0}`);
  });
  const path = join(dir, name);
  writeFileSync(path, rows.join('\n') + '\n');
  return path;
}

/** The CLI exited 2 with exactly one line on stderr, no stack trace, matching `pattern`. */
export function expectOneLineRefusal(run: CliRun, pattern: RegExp): void {
  expect(run.status, run.stderr).toBe(2);
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^fairaudit: /);
  expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(lines[0]).toMatch(pattern);
}

/** No control character but the newline (and tab, which tables never use) in what a terminal receives. */
export function expectNoControls(text: string): void {
  // eslint-disable-next-line no-control-regex
  expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
}
