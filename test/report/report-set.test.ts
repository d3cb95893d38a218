/**
 * The report files of one run replace the previous set together: a run killed between two
 * renames leaves a journal naming its set, which the next run writing into the folder completes;
 * temporary files left by killed runs are removed by the next run.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPORT_SET_JOURNAL, completeInterruptedSet, writeReport } from '../../src/report/write.js';
import { writeFileAtomic } from '../../src/write/atomic.js';
import { loansResults } from './fixtures.js';

/** A process id above the kernel's limit: no process has it, as after a kill -9. */
const DEAD_PID = 9_999_999;

/**
 * The folder as a run killed after renaming audit.json, before report.html and summary.md, leaves
 * it: the old set's html and md, the new audit.json, the new html and md still under temporary
 * names, and the journal naming all three.
 */
function interruptedFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fairaudit-set-'));
  writeFileSync(join(dir, 'report.html'), 'old html');
  writeFileSync(join(dir, 'summary.md'), 'old md');
  writeFileSync(join(dir, 'audit.json'), 'new json');
  const html = `.report.html.${DEAD_PID}-aaaaaaaaaaaa.tmp`;
  const md = `.summary.md.${DEAD_PID}-bbbbbbbbbbbb.tmp`;
  writeFileSync(join(dir, html), 'new html');
  writeFileSync(join(dir, md), 'new md');
  const files = [
    { temporary: `.audit.json.${DEAD_PID}-cccccccccccc.tmp`, target: 'audit.json' },
    { temporary: html, target: 'report.html' },
    { temporary: md, target: 'summary.md' },
  ];
  writeFileSync(join(dir, REPORT_SET_JOURNAL), JSON.stringify({ files }));
  return dir;
}

describe('the report set', () => {
  it('is completed from the journal a killed run left: all three files from the same run', async () => {
    const dir = interruptedFolder();
    await completeInterruptedSet(dir);
    expect(['audit.json', 'report.html', 'summary.md'].map((f) => readFileSync(join(dir, f), 'utf8'))).toEqual(['new json', 'new html', 'new md']);
    expect(readdirSync(dir).sort()).toEqual(['audit.json', 'report.html', 'summary.md']);
  });

  it('is completed by the next run before it writes its own, which then replaces all it writes', async () => {
    const dir = interruptedFolder();
    await writeReport(loansResults(), dir, ['md']);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toBe('new html');
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toMatch(/^## fairaudit: loans/);
    expect(readdirSync(dir).sort()).toEqual(['audit.json', 'report.html', 'summary.md']);
  });

  it('is completed before any other file is written into the folder (a masked copy, say), never removed as abandoned', async () => {
    const dir = interruptedFolder();
    await writeFileAtomic(join(dir, 'masked.csv'), 'a,b\n');
    expect(['audit.json', 'report.html', 'summary.md'].map((f) => readFileSync(join(dir, f), 'utf8'))).toEqual(['new json', 'new html', 'new md']);
    expect(readdirSync(dir).sort()).toEqual(['audit.json', 'masked.csv', 'report.html', 'summary.md']);
  });

  it('is left alone while the run that journaled it still runs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fairaudit-set-'));
    const mine = `.report.html.${process.pid}-dddddddddddd.tmp`;
    writeFileSync(join(dir, mine), 'being renamed');
    writeFileSync(join(dir, REPORT_SET_JOURNAL), JSON.stringify({ files: [{ temporary: mine, target: 'report.html' }] }));
    await completeInterruptedSet(dir);
    expect(readdirSync(dir).sort()).toEqual([REPORT_SET_JOURNAL, mine].sort());
  });

  it('follows no journal entry out of the folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fairaudit-set-'));
    const outside = mkdtempSync(join(tmpdir(), 'fairaudit-outside-'));
    writeFileSync(join(outside, 'secret'), 'keep');
    writeFileSync(join(dir, REPORT_SET_JOURNAL), JSON.stringify({ files: [{ temporary: `../${outside.split('/').pop()}/secret`, target: 'report.html' }, { temporary: 'x', target: '../escape' }] }));
    await completeInterruptedSet(dir);
    expect(readFileSync(join(outside, 'secret'), 'utf8')).toBe('keep');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('leaves no journal and no temporary file after a normal run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fairaudit-set-'));
    await writeReport(loansResults(), dir, ['html', 'json', 'md']);
    expect(readdirSync(dir).sort()).toEqual(['audit.json', 'report.html', 'summary.md']);
  });
});

describe('temporary files of killed runs', () => {
  it('are removed by the next run writing into the folder; those of a live run are kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fairaudit-set-'));
    const abandoned = `.masked.parquet.${DEAD_PID}-0123456789ab.tmp`;
    const live = `.masked.parquet.${process.pid}-0123456789ab.tmp`;
    const foreign = '.notes.tmp';
    for (const name of [abandoned, live, foreign]) writeFileSync(join(dir, name), 'partial');
    await writeReport(loansResults(), dir, ['json']);
    expect(existsSync(join(dir, abandoned))).toBe(false);
    expect(existsSync(join(dir, live))).toBe(true);
    expect(existsSync(join(dir, foreign))).toBe(true);
  });
});
