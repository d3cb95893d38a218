/**
 * summary.md stays inert in a Markdown renderer: bare URLs, www. names and e-mail addresses from
 * the data are no longer autolinks, and raw HTML from the data or from a crafted audit.json is
 * shown as text.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess, tempDir } from '../cli/run-cli.js';
import { markdownText } from '../../src/report/markdown.js';
import { writeAttackCsv } from './helpers.js';

let dir: string;

beforeAll(async () => {
  dir = tempDir('fairaudit-markdown-');
  const csv = writeAttackCsv(dir);
  const run = await runCliInProcess(['audit', csv, '--label', 'label', '--prediction', 'pred', '--sensitive', 'team', '--min-group-size', '10', '-o', 'a', '--bootstrap', '50'], { cwd: dir });
  expect(run.status, run.stderr).toBeLessThan(2);
}, 60_000);

describe('Markdown from data', () => {
  it('escapes the characters that make links: the scheme colon, the www dot, every @', async () => {
    expect(markdownText('see http://evil.example/x')).toBe('see http\\://evil.example/x');
    expect(markdownText('www.evil.example')).toBe('www\\.evil.example');
    expect(markdownText('alice@corp.example')).toBe('alice\\@corp.example');
    expect(markdownText('mailto:alice')).toBe('mailto\\:alice');
    expect(markdownText('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('writes no live link and no raw tag from the data into summary.md', async () => {
    const md = readFileSync(join(dir, 'a', 'summary.md'), 'utf8');
    expect(md).not.toMatch(/https?:\/\//);
    expect(md).not.toMatch(/\bwww\.evil/);
    expect(md).not.toMatch(/[^\\]@corp/);
    expect(md).not.toContain('<img');
  });

  it('writes no raw tag from a crafted audit.json, in any field the summary shows', async () => {
    const results = JSON.parse(readFileSync(join(dir, 'a', 'audit.json'), 'utf8'));
    const tag = '<img src=x onerror=alert(1)>';
    results.tool.version = tag;
    results.input.name = tag;
    results.columns.sensitive = [tag];
    results.created_at = `2024-05-01T02:00${tag}`;
    results.checks = results.checks.map((c: Record<string, unknown>) => ({ ...c, attribute: tag, metric: tag }));
    writeFileSync(join(dir, 'crafted.json'), JSON.stringify(results));
    const run = await runCliInProcess(['report', 'crafted.json', '-o', 'b', '--format', 'md'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    const md = readFileSync(join(dir, 'b', 'summary.md'), 'utf8');
    expect(md).not.toContain('<img');
    expect(md).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
