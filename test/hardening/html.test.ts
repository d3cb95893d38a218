/**
 * HTML from data: group values, a column name and a file name that carry markup reach report.html
 * through the real CLI as text, never as a tag, an event handler or a link.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess, tempDir } from '../cli/run-cli.js';

const COLUMN = '<script>alert(1)</script>';
const FILE = '<img src=x onerror=alert(9)>.csv';
const VALUES = ['<img src=x onerror=alert(1)>', '"><svg onload=alert(2)>', 'javascript:alert(3)', 'http://evil.example/x'];

let html: string;

beforeAll(async () => {
  const dir = tempDir('fairaudit-html-');
  const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
  const rows = [`team,${COLUMN},label,pred`];
  VALUES.forEach((value, g) => {
    for (let i = 0; i < 40; i++) rows.push(`${quote(value)},${i % 2 ? 'x' : 'y'},${(i + g) % 3 === 0 ? 1 : 0},${(i * (g + 1)) % 4 === 0 ? 1 : 0}`);
  });
  writeFileSync(join(dir, FILE), rows.join('\n') + '\n');
  const run = await runCliInProcess(['audit', FILE, '--label', 'label', '--prediction', 'pred', '--sensitive', `team,${COLUMN}`, '--bootstrap', '20', '-q', '-o', 'out'], { cwd: dir });
  expect(run.status, run.stderr).toBeLessThan(2);
  html = readFileSync(join(dir, 'out', 'report.html'), 'utf8');
}, 60_000);

describe('report.html from hostile values, column and file names', () => {
  it('holds no script, no image, no event handler and no link taken from the data', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    // Every svg element is one of the report's own charts.
    expect(html.match(/<svg[^>]*>/g)!.every((tag) => tag.startsWith('<svg class="chart"'))).toBe(true);
    expect(html).not.toMatch(/<[^>]*\son(error|load)\s*=/i);
    expect(html).not.toMatch(/(href|src)\s*=\s*["']?\s*(javascript:|https?:)/i);
  });

  it('shows each of them as text a reader can see', () => {
    const entities: Record<string, string> = { lt: '<', gt: '>', quot: '"', amp: '&', '#60': '<', '#62': '>', '#34': '"', '#x3D': '=', '#x27': "'", '#x60': '`' };
    const text = html.replace(/&(#?\w+);/g, (entity, name: string) => entities[name] ?? entity);
    for (const shown of [COLUMN, FILE.replace(/\.csv$/, ''), ...VALUES]) expect(text).toContain(shown);
  });
});
