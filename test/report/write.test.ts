import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeReport } from '../../src/report/write.js';
import { loansResults } from './fixtures.js';

describe('writeReport', () => {
  it('writes report.html, audit.json and summary.md and returns their paths in the order asked', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'fairaudit-report-')), 'nested', 'out');
    const results = loansResults();
    const paths = await writeReport(results, dir, ['json', 'html', 'md']);
    expect(paths).toEqual([join(dir, 'audit.json'), join(dir, 'report.html'), join(dir, 'summary.md')]);
    expect(JSON.parse(readFileSync(join(dir, 'audit.json'), 'utf8'))).toEqual(results);
    expect(readFileSync(join(dir, 'audit.json'), 'utf8')).toMatch(/^\{\n {2}"schema": "fairaudit\/audit@1",/);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toMatch(/^## fairaudit: loans/);
    // Written through temporary files that were renamed: none is left behind.
    expect(readdirSync(dir).sort()).toEqual(['audit.json', 'report.html', 'summary.md']);
  });

  it('writes only the formats asked for, once each', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fairaudit-report-'));
    const paths = await writeReport(loansResults(), dir, ['md', 'md']);
    expect(paths).toEqual([join(dir, 'summary.md')]);
    expect(readdirSync(dir)).toEqual(['summary.md']);
  });

  it('replaces an earlier report in place', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fairaudit-report-'));
    await writeReport(loansResults(), dir, ['json']);
    const second = { ...loansResults(), seed: 7 };
    await writeReport(second, dir, ['json']);
    expect(JSON.parse(readFileSync(join(dir, 'audit.json'), 'utf8')).seed).toBe(7);
  });
});
