/**
 * The progress line: drawn in place on a terminal after about a second, never on a pipe or under
 * -q. The renderer is driven directly with a fake terminal and clock; the real CLI is run with
 * stderr on a pipe, as in a cron job or CI log.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NO_PROGRESS, progressFor, progressText, TerminalProgress, type ProgressStream } from '../../src/cli/progress.js';
import { runCli, tempDir } from './run-cli.js';

/** A terminal that records what is written to it. */
function fakeTerminal(columns = 100): ProgressStream & { written: string[] } {
  const written: string[] = [];
  return { isTTY: true, columns, written, write: (text: string) => written.push(text) };
}

/** A clock the test moves by hand. */
function fakeClock(start = 0) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('the progress text', () => {
  it('gives rows, the rate and the time elapsed when only rows are known', () => {
    // 1,200,000 rows in 2 s of reading: 600,000 rows/s; the command has run 2.5 s.
    expect(progressText({ phase: 'reading', subject: 'loans.csv', rows: 1_200_000 }, 2000, 2500)).toBe(
      'fairaudit: reading loans.csv: 1,200,000 rows, 600,000 rows/s, 2.5 s elapsed',
    );
  });

  it('gives bytes of the whole, the share, the rate and the time left when the size is known', () => {
    // 50 MB of 200 MB in 5 s: 10 MB/s, 150 MB left → 15 s.
    const text = progressText({ phase: 'masking', subject: 'big.csv', bytes: 50_000_000, total_bytes: 200_000_000 }, 5000, 6000);
    expect(text).toMatch(/^fairaudit: masking big\.csv: 50(\.0)? MB of 200(\.0)? MB \(25%\), 10(\.0)? MB\/s, about 15 s left$/);
  });

  it('gives the time elapsed for a database query', () => {
    expect(progressText({ phase: 'querying', subject: 'postgres' }, 75_000, 75_000)).toBe('fairaudit: querying postgres: 1 min 15 s elapsed');
  });
});

describe('the progress line on a terminal', () => {
  it('draws nothing in the first second, then one line updated in place, and clears it when done', () => {
    const tty = fakeTerminal();
    const clock = fakeClock();
    const progress = new TerminalProgress(tty, { now: clock.now, ticking: false });
    progress.update({ phase: 'reading', subject: 'a.csv', rows: 1000 });
    clock.advance(500);
    progress.update({ phase: 'reading', subject: 'a.csv', rows: 5000 });
    expect(tty.written).toEqual([]);
    clock.advance(600);
    progress.update({ phase: 'reading', subject: 'a.csv', rows: 11_000 });
    clock.advance(50);
    // Within the redraw interval: not drawn again.
    progress.update({ phase: 'reading', subject: 'a.csv', rows: 11_500 });
    clock.advance(300);
    progress.update({ phase: 'reading', subject: 'a.csv', rows: 14_500 });
    expect(tty.written).toHaveLength(2);
    for (const line of tty.written) {
      // Each draw returns to the start of the line and erases it: no newline, so it updates in place.
      expect(line.startsWith('\r\x1b[K')).toBe(true);
      expect(line).not.toContain('\n');
    }
    // 11,000 rows 1.1 s into the phase: 10,000 rows/s.
    expect(tty.written[0]).toBe('\r\x1b[Kfairaudit: reading a.csv: 11,000 rows, 10,000 rows/s, 1.1 s elapsed');
    progress.done();
    expect(tty.written.at(-1)).toBe('\r\x1b[K');
  });

  it('fits the line to the terminal width', () => {
    const tty = fakeTerminal(40);
    const clock = fakeClock();
    const progress = new TerminalProgress(tty, { now: clock.now, ticking: false });
    clock.advance(2000);
    progress.update({ phase: 'reading', subject: 'a-rather-long-file-name-for-a-narrow-terminal.csv', rows: 10 });
    expect(tty.written[0].length - '\r\x1b[K'.length).toBeLessThanOrEqual(39);
    expect(tty.written[0].endsWith('…')).toBe(true);
    progress.done();
  });

  it('writes nothing at all when the command ends within the first second', () => {
    const tty = fakeTerminal();
    const clock = fakeClock();
    const progress = new TerminalProgress(tty, { now: clock.now, ticking: false });
    progress.update({ phase: 'reading', rows: 10 });
    clock.advance(300);
    progress.done();
    expect(tty.written).toEqual([]);
  });

  it('is silent when stderr is not a terminal, and under -q', () => {
    expect(progressFor({ isTTY: false, write: () => true }, false)).toBe(NO_PROGRESS);
    expect(progressFor({ write: () => true }, false)).toBe(NO_PROGRESS);
    expect(progressFor(fakeTerminal(), true)).toBe(NO_PROGRESS);
    const shown = progressFor(fakeTerminal(), false, { ticking: false });
    expect(shown).toBeInstanceOf(TerminalProgress);
    shown.done();
  });
});

describe('the CLI with stderr on a pipe', () => {
  it('prints no progress line: no carriage return and no terminal escape', () => {
    const out = tempDir();
    const run = runCli(['audit', 'datasets/loans.parquet', '-c', 'configs/loans.yaml', '-o', join(out, 'r')]);
    expect(run.status).toBe(1);
    expect(run.stderr.includes('\r')).toBe(false);
    expect(run.stderr.includes('\x1b')).toBe(false);
    expect(run.stderr).not.toContain('fairaudit: reading');
  });
});
