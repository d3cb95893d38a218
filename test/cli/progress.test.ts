/**
 * The progress line: drawn in place on a terminal after about a second, never on a pipe or under
 * -q. The renderer is driven directly with a fake terminal and clock; the real CLI is run with
 * stderr on a pipe, as in a cron job or CI log.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NO_PROGRESS, processBytesRead, progressFor, progressText, readMeterFor, TerminalProgress, type ProgressStream } from '../../src/cli/progress.js';
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

describe('the time left of a single-threaded read', () => {
  it('comes from the bytes the process has read since the phase began, on one line updated in place', () => {
    const tty = fakeTerminal(140);
    const clock = fakeClock();
    let read = 7_000; // bytes read before the phase (the config, a sniffed header): not counted
    const progress = new TerminalProgress(tty, { now: clock.now, ticking: false, bytesRead: () => read });
    progress.update({ phase: 'reading', subject: 'big.csv', total_bytes: 200_000_000 });
    clock.advance(2000);
    read += 50_000_000;
    progress.update({ phase: 'reading', subject: 'big.csv', rows: 500_000, total_bytes: 200_000_000 });
    // 50 MB of 200 MB in 2 s: 25 MB/s, 150 MB left → 6 s; 500,000 rows in 2 s → 250,000 rows/s.
    expect(tty.written).toEqual(['\r\x1b[Kfairaudit: reading big.csv: 500,000 rows, 250,000 rows/s, 50.0 MB of 200.0 MB (25%), 25.0 MB/s, about 6.0 s left']);
    clock.advance(2000);
    read += 50_000_000;
    progress.update({ phase: 'reading', subject: 'big.csv', rows: 1_000_000, total_bytes: 200_000_000 });
    // 100 MB in 4 s: still 25 MB/s, 100 MB left → 4 s.
    expect(tty.written[1]).toBe('\r\x1b[Kfairaudit: reading big.csv: 1,000,000 rows, 250,000 rows/s, 100.0 MB of 200.0 MB (50%), 25.0 MB/s, about 4.0 s left');
    expect(tty.written.join('')).not.toContain('\n');
    progress.done();
    expect(tty.written.at(-1)).toBe('\r\x1b[K');
  });

  it('keeps the share done and the time left on an 80-column terminal, dropping rates and rows first', () => {
    const tty = fakeTerminal(80);
    const clock = fakeClock();
    let read = 0;
    const progress = new TerminalProgress(tty, { now: clock.now, ticking: false, bytesRead: () => read });
    progress.update({ phase: 'reading', subject: 'big.csv', total_bytes: 200_000_000 });
    clock.advance(2000);
    read = 50_000_000;
    progress.update({ phase: 'reading', subject: 'big.csv', rows: 500_000, total_bytes: 200_000_000 });
    // In full the line is 112 characters; without the rates and the rows it is 73.
    expect(tty.written[0]).toBe('\r\x1b[Kfairaudit: reading big.csv: 50.0 MB of 200.0 MB (25%), about 6.0 s left');
    progress.done();
  });

  it('gives way to the time elapsed when the meter cannot say, and never replaces bytes an event gives', () => {
    const clock = fakeClock();
    const blind = fakeTerminal();
    const unknown = new TerminalProgress(blind, { now: clock.now, ticking: false, bytesRead: () => undefined });
    unknown.update({ phase: 'reading', subject: 'a.csv', total_bytes: 1_000_000 });
    clock.advance(2000);
    unknown.update({ phase: 'reading', subject: 'a.csv', rows: 4000, total_bytes: 1_000_000 });
    expect(blind.written[0]).toBe('\r\x1b[Kfairaudit: reading a.csv: 4,000 rows, 2,000 rows/s, 1.0 MB in all, 2.0 s elapsed');
    unknown.done();
    // Threads report parts done as bytes: those stand, whatever the process read.
    const tty = fakeTerminal();
    const threads = new TerminalProgress(tty, { now: clock.now, ticking: false, bytesRead: () => 999_999_999 });
    threads.update({ phase: 'reading', subject: 'b.csv', bytes: 0, total_bytes: 1_000_000 });
    clock.advance(2000);
    threads.update({ phase: 'reading', subject: 'b.csv', bytes: 500_000, total_bytes: 1_000_000 });
    // 500 KB of 1 MB in 2 s: 250 KB/s, 500 KB left → 2 s.
    expect(tty.written[0]).toBe('\r\x1b[Kfairaudit: reading b.csv: 500.0 KB of 1.0 MB (50%), 250.0 KB/s, about 2.0 s left');
    threads.done();
  });

  it('is measured only for text files, which a single thread reads once from end to end', () => {
    expect(readMeterFor([{ format: 'csv' }, { format: 'tsv' }, { format: 'jsonl' }])).toBe(processBytesRead);
    expect(readMeterFor([{ format: 'csv' }, { format: 'parquet' }])).toBeUndefined();
    expect(readMeterFor([{ format: 'arrow' }])).toBeUndefined();
    expect(readMeterFor([])).toBeUndefined();
  });

  it('counts the bytes this process reads, where the platform says (Linux)', () => {
    const before = processBytesRead();
    if (before === undefined) return; // not Linux: the line shows the time elapsed instead
    const file = join(tempDir(), 'bytes.bin');
    writeFileSync(file, Buffer.alloc(300_000, 1));
    expect(readFileSync(file).length).toBe(300_000);
    expect(processBytesRead()! - before).toBeGreaterThanOrEqual(300_000);
  });

  it('is never drawn when stderr is not a terminal or under -q, meter or not', () => {
    expect(progressFor({ isTTY: false, write: () => true }, false, { bytesRead: () => 1 })).toBe(NO_PROGRESS);
    expect(progressFor(fakeTerminal(), true, { bytesRead: () => 1 })).toBe(NO_PROGRESS);
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
