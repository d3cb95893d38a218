/**
 * The report as the README's first command writes it: the bundled loans data and config through the
 * real audit, then rendered. Also hostile category values that come from the data itself, not from
 * hand-built results.
 */
import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run.js';
import { loadConfigFile } from '../../src/config/load.js';
import { resolveConfig } from '../../src/config/resolve.js';
import { openData } from '../../src/load/open.js';
import { tableSource } from '../../src/load/memory.js';
import { renderHtml } from '../../src/report/render.js';
import { section, tableRow, text } from './html-text.js';
import { normalizeHtml } from './normalize.js';

const HOSTILE_SCRIPT = '<script>alert(1)</script>';
const HOSTILE_ATTR = '"><img src=x onerror=alert(1)>';

describe('the report of the bundled loans data', async () => {
  const fileConfig = await loadConfigFile('configs/loans.yaml');
  const results = await runAudit(await openData(['datasets/loans.parquet'], { name: fileConfig.dataset }), resolveConfig(fileConfig));
  const html = renderHtml(results);

  it('matches the reviewed snapshot once times and versions are normalized', async () => {
    await expect(normalizeHtml(html)).toMatchFileSnapshot('__snapshots__/loans-report.html');
  });

  it('stays under 1 MB, with no script and no external URL', () => {
    expect(Buffer.byteLength(html)).toBeLessThan(1_000_000);
    expect(html).not.toMatch(/<script/i);
    const links = [...html.matchAll(/\s(?:src|href|xlink:href)\s*=\s*["']?([^"'\s>]*)/gi)].map((m) => m[1]);
    for (const link of links) expect(link).not.toMatch(/^(https?:|\/\/)/i);
  });

  it('counts the rows of the file with thousands separators', () => {
    // datasets/README.md: 12,000 applicants.
    expect(tableRow(html, 'Audit settings and row counts', 'Rows read')).toBe('Rows read 12,000');
  });

  it('states the verdict in words before anything else', () => {
    const verdict = text(section(html, 'verdict'));
    // The data has planted bias by race and sex (datasets/README.md), so the impact-ratio policy fails.
    expect(verdict).toMatch(/^1\. Verdict ✗ FAIL \d+ of \d+ judged checks failed/);
  });
});

describe('hostile category values in the data', async () => {
  // 40 rows per group: every group is judged, so each appears in every table and chart.
  const race = [...Array(40).fill('White'), ...Array(40).fill(HOSTILE_SCRIPT), ...Array(40).fill(HOSTILE_ATTR)] as string[];
  const approved = Int32Array.from(race.map((_, i) => (i % 40 < (i < 40 ? 24 : 16) ? 1 : 0)));
  const repaid = Int32Array.from(race.map((_, i) => (i % 3 === 0 ? 0 : 1)));
  const table = tableFromArrays({ race, approved, repaid });
  const results = await runAudit(tableSource(table, 'hostile'), resolveConfig({ label: 'repaid', prediction: 'approved', sensitive: ['race'], bootstrap: 50 }));
  const html = renderHtml(results);

  it('appear as text, never as markup, in the tables and the charts', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toContain(HOSTILE_ATTR);
    // 16 of 40 approved, as a reader sees the row of the rates table.
    expect(tableRow(html, 'race: rates by group', HOSTILE_SCRIPT.replace(/</g, '&lt;').replace(/>/g, '&gt;'))).toMatch(/^<script>alert\(1\)<\/script> 40 33\.3% 40\.0%/);
    const charts = (html.match(/<svg[\s\S]*?<\/svg>/g) ?? []).map(text).join(' ');
    expect(charts).toContain(HOSTILE_SCRIPT);
    expect(charts).toContain(HOSTILE_ATTR);
  });
});
