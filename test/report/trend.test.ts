import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { historyEntryFrom } from '../../src/history/entry.js';
import { renderHtml } from '../../src/report/render.js';
import { writeReport } from '../../src/report/write.js';
import { comparedResults, historyFixture, loansResults } from './fixtures.js';
import { section, tableRow, text } from './html-text.js';

/*
 * Key metrics of race in the three runs of the history fixture (see comparison.test.ts for the arithmetic):
 *   runs 1 and 2 (Black approved 5,000 of 9,870): impact ratio 0.772, demographic parity difference 0.150;
 *   equalized odds: TPR gap 1,850/2,345 − 4,300/6,250 = 0.78891 − 0.68800 = 0.10091,
 *   FPR gap 260/870 − 700/3,620 = 0.29885 − 0.19337 = 0.10548 → 0.105;
 *   run 3 (this run, 4,420 approved): 0.682, 0.208, and TPR gap 0.78891 − 3,900/6,250 = 0.16491 → 0.165.
 */
describe('the trend across runs', () => {
  const results = comparedResults();
  const history = historyFixture();
  const html = renderHtml(results, { history });
  const trend = section(html, 'trend');

  it('is a numbered section after the comparison, listed in the contents', () => {
    expect(trend).toContain('<h2 id="trend-h">3. Trend across runs</h2>');
    expect(html).toContain('<li><a href="#trend">Trend across runs</a></li>');
    expect(html).toContain('<h2 id="data-h">4. Data and provenance</h2>');
  });

  it('tabulates the key metrics of each attribute by run, oldest first, this run last', () => {
    const caption = 'race: key metrics by run';
    expect(tableRow(trend, caption, '1')).toBe('1 2025-03-12 09:18 UTC 0.772 0.150 0.105');
    expect(tableRow(trend, caption, '2')).toBe('2 2025-03-13 09:20 UTC 0.772 0.150 0.105');
    expect(tableRow(trend, caption, '3')).toBe('3 2025-03-14 09:26 UTC 0.682 0.208 0.165');
    expect(text(trend)).toContain('Run Finished Impact ratio Demographic parity difference Equalized odds difference');
    // The baseline (run 2) did not audit age.
    expect(tableRow(trend, 'age: key metrics by run', '2')).toBe('2 2025-03-13 09:20 UTC not audited not audited not audited');
  });

  it('lists the runs with their verdicts and what changed since the run before', () => {
    const caption = 'Runs in the history';
    expect(tableRow(trend, caption, '1')).toBe('1 2025-03-12 09:18 UTC loans ✗ FAIL 4 failed, 3 warned checks of 12 first run shown');
    // Run 2 has other input and config hashes than run 1 and the same model.
    expect(tableRow(trend, caption, '2')).toContain('data, config');
    expect(tableRow(trend, caption, '2')).not.toContain('model');
    // This run: 12 policy checks + 6 drift checks; 4 + 1 failed, 3 + 1 warned.
    expect(tableRow(trend, caption, '3')).toBe('3 this run 2025-03-14 09:26 UTC loans ✗ FAIL 5 failed, 4 warned checks of 18 data, config, model');
  });

  it('draws each attribute as an SVG line chart with a title, axes, a legend and a text alternative', () => {
    const chart = trend.match(/<svg[^>]*aria-label="Key metrics across runs: race"[\s\S]*?<\/svg>/)?.[0] ?? '';
    expect(chart).toMatch(/^<svg class="chart" role="img" aria-label="Key metrics across runs: race" aria-describedby="trend-0-chart-desc"/);
    expect(chart).toContain(
      '<desc id="trend-0-chart-desc">3 runs from 2025-03-12 to 2025-03-14. Impact ratio: 0.772 in the first run with a value, 0.682 in this run; lowest 0.682, highest 0.772;',
    );
    // One line per key metric, a marker per run (3) plus one in the legend.
    expect(chart.match(/<path d="M[^"]*" fill="none"/g)).toHaveLength(3);
    expect(chart.match(/<circle/g)).toHaveLength(4);
    for (const label of ['2025-03-12', '2025-03-13', '2025-03-14', 'Run finished (3 runs, oldest left, this run right)', 'Value', 'limit: impact ratio ≥ 0.8']) {
      expect(chart).toContain(`>${label}</text>`);
    }
    expect(chart).toContain('>this run 0.682, first run 0.772</text>');
    expect(trend).toContain('Text alternative: the table “race: key metrics by run” below holds the same numbers.');
  });

  it('is left out with fewer than two runs', () => {
    expect(renderHtml(results, { history: [historyEntryFrom(results)] })).not.toContain('id="trend"');
    expect(renderHtml(results)).not.toContain('id="trend"');
    expect(renderHtml(loansResults(), { history: [] })).not.toContain('id="trend"');
  });

  it('is drawn by writeReport from options.history', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fairaudit-trend-'));
    await writeReport(results, dir, ['html'], { history });
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toBe(html);
  });

  it('keeps tables to the latest runs of a long history but draws every run', () => {
    const long = Array.from({ length: 45 }, (_, i) => ({ ...history[0], time: new Date(Date.UTC(2025, 0, 1 + i, 2)).toISOString() }));
    const out = section(renderHtml(loansResults(), { history: long }), 'trend');
    // 45 runs, the table shows runs 16 to 45.
    expect(out).toContain('The tables list the latest 30 runs; the charts draw all 45.');
    expect(() => tableRow(out, 'race: key metrics by run', '15')).toThrow();
    expect(tableRow(out, 'race: key metrics by run', '16')).toMatch(/^16 2025-01-16 02:00 UTC /);
    expect(out).toContain('45 runs from 2025-01-01 to 2025-02-14.');
  });
});
