import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/resolve.js';
import { openData } from '../../src/load/open.js';
import { analyzeStatistics } from '../../src/metrics/analyze.js';
import { collectStatistics, mergeStatistics, type AuditColumns, type GroupStatistics } from '../../src/metrics/statistics.js';
import { collectStatisticsInParallel } from '../../src/parallel/collect.js';
import { Warnings } from '../../src/warnings.js';
import { testRandom } from '../metrics/fixtures.js';

const FORCE = { threads: 2, minBytes: 0, minPartBytes: 1 };
const ROWS = 150_000;
const COLUMNS: AuditColumns = { label: 'y', prediction: 'p', sensitive: ['sex', 'race'] };

/** What comes from the rounded histograms only (sums of continuous values round by the split). */
function fromHistograms(stats: GroupStatistics) {
  const config = resolveConfig({ ...COLUMNS, task: 'regression', bootstrap: 0 });
  const attributes = analyzeStatistics(stats, config, new Warnings()).attributes;
  return attributes.map((a) => ({
    name: a.name,
    histogram: a.histogram,
    ks: a.aggregates.ks_distance,
    w1: a.aggregates.wasserstein_distance,
    above: [a.aggregates.above_median_difference, a.aggregates.above_p75_difference, a.aggregates.above_p90_difference],
    groups: a.groups.map((g) => ({ key: g.key, share_above: g.regression?.share_above, distribution: g.regression?.distribution })),
  }));
}

describe('a continuous regression audit past the bound of exact distinct values, counted in parts', () => {
  // Continuous labels and predictions: about 300,000 distinct values and errors together.
  const random = testRandom(43);
  const lines: string[] = [];
  for (let i = 0; i < ROWS; i++) {
    const sex = random() < 0.5 ? 'f' : 'm';
    const race = ['x', 'y', 'z'][Math.floor(random() * 3)];
    const y = Math.exp(5 + 2 * random());
    const p = y * (0.7 + 0.5 * random()) * (sex === 'f' ? 0.95 : 1);
    lines.push(`${sex},${race},${y},${p}`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'fairaudit-rounded-'));
  const write = (name: string, rows: string[]) => {
    writeFileSync(join(dir, name), ['sex,race,y,p', ...rows].join('\n') + '\n');
    return join(dir, name);
  };
  const whole = write('whole.csv', lines);
  // The first piece alone passes the bound; the small ones do not.
  const pieces = [
    [0, 140_000],
    [140_000, 145_000],
    [145_000, ROWS],
  ].map(([from, to], i) => write(`part-${i}.csv`, lines.slice(from, to)));

  it('rounds alike on one thread, with threads asked for (it counts alone) and merged from three files: KS, Wasserstein-1, shares and quantiles to the bit', async () => {
    const config = resolveConfig({ ...COLUMNS, task: 'regression' });
    const single = await collectStatistics(await openData([whole]), COLUMNS, config, new Warnings());
    expect(single.task?.regression?.rounded).toBe(true);
    const threaded = await collectStatisticsInParallel(await openData([whole]), COLUMNS, config, new Warnings(), FORCE);
    const task = single.task!.detection;
    const parts = await Promise.all(pieces.map(async (p) => collectStatistics(await openData([p]), COLUMNS, config, new Warnings(), { validate: false, task })));
    expect(parts.map((p) => !!p.task?.regression?.rounded)).toEqual([true, false, false]);
    const merged = parts.reduce((a, b) => mergeStatistics(a, b));
    const expected = fromHistograms(single);
    expect(expected[0].histogram).toMatchObject({ exact: false, significant_bits: 13 });
    expect(fromHistograms(threaded)).toEqual(expected);
    expect(fromHistograms(merged)).toEqual(expected);
  });
});
