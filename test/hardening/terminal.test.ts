/**
 * Text from data reaching a terminal — compare, history show, discover, stderr — shows control
 * characters escaped: no escape sequence is obeyed, no newline forges a row.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess, tempDir } from '../cli/run-cli.js';
import { terminalSafe, terminalText } from '../../src/text/terminal.js';
import { textTable } from '../../src/compare/text-table.js';
import { expectNoControls, writeAttackCsv } from './helpers.js';

let dir: string;
let csv: string;

beforeAll(async () => {
  dir = tempDir('fairaudit-terminal-');
  csv = writeAttackCsv(dir);
  const run = await runCliInProcess(['audit', csv, '--label', 'label', '--prediction', 'pred', '--sensitive', 'team', '--min-group-size', '10', '-o', 'a', '--history', 'h.jsonl', '--bootstrap', '50'], { cwd: dir });
  expect(run.status, run.stderr).toBeLessThan(2);
}, 60_000);

describe('terminal text', () => {
  it('shows each control character as an escape and leaves printable text alone', async () => {
    expect(terminalText('A\u001b]0;pwned\u0007')).toBe('A\\e]0;pwned\\x07');
    expect(terminalText('B\nforged\r\t\u0000\u009b\u202e')).toBe('B\\nforged\\r\\t\\x00\\x9b\\u202e');
    expect(terminalText('Zoë — 25–44 ≥0.8')).toBe('Zoë — 25–44 ≥0.8');
    expect(terminalSafe({ 'k\n': ['v\u0007', 1, null] })).toEqual({ 'k\\n': ['v\\x07', 1, null] });
  });

  it('keeps a table one row per data row, whatever the cells hold', async () => {
    const table = textTable(['group', 'n'], [['A\u001b[2J', '1'], ['B\nforged', '2']]);
    // Widest cell: `B\nforged`, 9 characters shown; columns are separated by two spaces.
    expect(table.split('\n')).toEqual(['group' + ' '.repeat(4 + 2) + 'n', 'A\\e[2J' + ' '.repeat(3 + 2) + '1', 'B\\nforged' + ' '.repeat(2) + '2']);
  });

  it('compare prints the attack values escaped, one table row per group', async () => {
    const run = await runCliInProcess(['compare', 'a/audit.json', 'a/audit.json'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    expectNoControls(run.stdout);
    expect(run.stdout).toContain('\\e]0;pwned\\x07');
    expect(run.stdout).toContain('B\\nforged  row');
    expect(run.stdout.split('\n').filter((line) => line.trimStart().startsWith('forged'))).toEqual([]);
  });

  it('history show prints a crafted dataset name escaped', async () => {
    const lines = readFileSync(join(dir, 'h.jsonl'), 'utf8').trimEnd().split('\n');
    const crafted = { ...JSON.parse(lines[0]), dataset: 'nightly\u001b]0;pwned\u0007\nforged' };
    writeFileSync(join(dir, 'crafted.jsonl'), JSON.stringify(crafted) + '\n');
    const run = await runCliInProcess(['history', 'show', 'crafted.jsonl'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    expectNoControls(run.stdout + run.stderr);
    expect(run.stdout).toContain('nightly\\e]0;pwned\\x07\\nforged');
  });

  it('discover prints column names from a crafted header escaped', async () => {
    writeFileSync(join(dir, 'header.csv'), '"sex\u001b]0;pwned\u0007","race\nfail_on: never",label\nF,A,1\nM,B,0\n');
    const run = await runCliInProcess(['discover', 'header.csv'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    expectNoControls(run.stdout);
    expect(run.stdout).toContain('sex\\e]0;pwned\\x07');
    expect(run.stdout).toContain('race\\nfail_on: never');
  });

  it('an error naming a crafted column shows it escaped on its one stderr line', async () => {
    const run = await runCliInProcess(['audit', csv, '--label', 'label', '--sensitive', `x${'\u001b'}[2J`, '-o', 'e'], { cwd: dir });
    expect(run.status).toBe(2);
    expectNoControls(run.stderr.trimEnd());
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('x\\e[2J');
  });
});
