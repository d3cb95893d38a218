import { existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
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

  it('refuses to write over an input file, before writing anything, with exit code 2', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fairaudit-protect-'));
    const input = join(dir, 'audit.json');
    writeFileSync(input, 'the input');
    const error = await writeReport(loansResults(), dir, ['html', 'json', 'md'], { protect: [input] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(2);
    expect((error as UserError).message).toBe(`refusing to write the report over an input file: ${input} is the input ${input}`);
    expect((error as UserError).hint).toBe('choose another output folder with -o');
    // Not even report.html, which comes first and is not an input, was written.
    expect(readdirSync(dir)).toEqual(['audit.json']);
    expect(readFileSync(input, 'utf8')).toBe('the input');
  });

  it('recognizes an input named by a relative path or reached through a link', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fairaudit-protect-'));
    const input = join(dir, 'summary.md');
    writeFileSync(input, 'the input');
    const relativeInput = relative(process.cwd(), input);
    await expect(writeReport(loansResults(), dir, ['md'], { protect: [relativeInput] })).rejects.toThrow(UserError);

    const out = join(dir, 'out');
    await writeReport(loansResults(), out, ['json']);
    const linked = await mkdtemp(join(tmpdir(), 'fairaudit-link-'));
    symlinkSync(input, join(linked, 'summary.md'));
    await expect(writeReport(loansResults(), linked, ['md'], { protect: [input] })).rejects.toThrow('refusing to write the report over an input file');
    expect(readFileSync(input, 'utf8')).toBe('the input');
  });

  it('writes normally when no report path is an input', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'fairaudit-protect-')), 'new');
    const paths = await writeReport(loansResults(), dir, ['md'], { protect: [join(dir, 'data.csv'), join(dir, 'report.html')] });
    expect(paths).toEqual([join(dir, 'summary.md')]);
    expect(existsSync(join(dir, 'summary.md'))).toBe(true);
  });
});
