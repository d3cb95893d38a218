import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { reportCommand } from '../../src/cli/commands/report.js';
import { UserError } from '../../src/errors.js';
import { writePdf } from '../../src/report/pdf.js';
import { renderHtml } from '../../src/report/render.js';
import { writeReport } from '../../src/report/write.js';
import { loansResults } from './fixtures.js';

async function savedAudit(): Promise<{ dir: string; path: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'fairaudit-rerender-'));
  await writeReport(loansResults(), dir, ['json']);
  return { dir, path: join(dir, 'audit.json') };
}

describe('fairaudit report', () => {
  it('re-renders the report next to the saved audit.json, identical to rendering the results directly', async () => {
    const { dir, path } = await savedAudit();
    const before = readFileSync(path, 'utf8');
    const code = await reportCommand.run({ results: path, quiet: true });
    expect(code).toBe(0);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toBe(renderHtml(loansResults()));
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toMatch(/^## fairaudit: loans — ❌ FAIL/);
    // The saved results are left untouched.
    expect(readFileSync(path, 'utf8')).toBe(before);
  });

  it('writes into -o in the formats asked and prints the paths it wrote', async () => {
    const { path } = await savedAudit();
    const out = join(await mkdtemp(join(tmpdir(), 'fairaudit-out-')), 'review');
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await reportCommand.run({ results: path, output: out, format: ['html', 'json'] });
      expect(stdout).toHaveBeenCalledWith(`${join(out, 'report.html')}\n${join(out, 'audit.json')}\n`);
    } finally {
      stdout.mockRestore();
    }
    expect(existsSync(join(out, 'summary.md'))).toBe(false);
    expect(JSON.parse(readFileSync(join(out, 'audit.json'), 'utf8'))).toEqual(loansResults());
  });

  it('refuses a JSON file that is not fairaudit results, naming the schema it expected', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fairaudit-bad-'));
    const path = join(dir, 'other.json');
    writeFileSync(path, JSON.stringify({ schema: 'something/else@2', attributes: [] }));
    await expect(reportCommand.run({ results: path })).rejects.toThrow(UserError);
    await expect(reportCommand.run({ results: path })).rejects.toThrow('expected audit results with schema "fairaudit/audit@1", found "something/else@2"');
    writeFileSync(path, '{ not json');
    await expect(reportCommand.run({ results: path })).rejects.toThrow(/^not JSON/);
    await expect(reportCommand.run({ results: join(dir, 'missing.json') })).rejects.toThrow(/cannot read .*missing\.json: ENOENT/);
  });

  it('refuses a saved audit.json whose discovery, masking or comparison has another shape, naming the field', async () => {
    // The report trusts these parts' types, so a hand-edited file is refused where it is read.
    const { path } = await savedAudit();
    const saved = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    const odd: [string, unknown, RegExp][] = [
      ['masking', 42, /masking must be object/],
      ['masking', { columns: { ssn: 'drop' }, k: 7 }, /masking must have required property/],
      ['discovery', { columns: 'x' }, /discovery must have required property/],
      ['discovery', { ...(saved.discovery as object), columns: [{ column: 'zip' }] }, /discovery\.columns\.0 must have required property/],
      ['comparison', { deep: { deeper: 1 } }, /comparison must have required property/],
    ];
    for (const [field, value, message] of odd) {
      writeFileSync(path, JSON.stringify({ ...saved, [field]: value }));
      const error = await reportCommand.run({ results: path, quiet: true }).catch((e: UserError) => e);
      expect(error, field).toBeInstanceOf(UserError);
      expect((error as UserError).message).toMatch(message);
    }
  });

  it('refuses an unknown --format with the allowed values', async () => {
    const { path } = await savedAudit();
    const error = await reportCommand.run({ results: path, format: ['pdf'] }).catch((e: UserError) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe('invalid --format: pdf');
    expect((error as UserError).hint).toBe('use one or more of html, json, md');
  });

  it('says how to install Chromium when --pdf cannot find it', async () => {
    const error = await writePdf('/nowhere/report.html', '/nowhere/report.pdf', '/nonexistent/chromium').catch((e: UserError) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe('--pdf needs Chromium: apt-get install chromium');
  });
});
