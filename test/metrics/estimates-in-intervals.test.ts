/**
 * No estimate is shown outside its own interval without a note saying why (verdicts and
 * intervals): on the bundled loans data, with its decisions and with the score thresholded at
 * 0.7 (where the percentile bootstrap put 22 of 438 intervals beside their estimates), on the
 * bundled hiring data, and on planted tables of many small groups.
 */
import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import type { AuditResults } from '../../src/results/index.js';
import { runAudit } from '../../src/audit/run.js';
import { loadConfigFile } from '../../src/config/load.js';
import { resolveConfig } from '../../src/config/resolve.js';
import type { AuditConfig } from '../../src/config/types.js';
import { tableSource } from '../../src/load/memory.js';
import { openData } from '../../src/load/open.js';
import { dict, testRandom } from './fixtures.js';

/** Every interval whose estimate lies outside it and that carries no note: "attribute metric". */
function unexplained(results: AuditResults): string[] {
  const out: string[] = [];
  let intervals = 0;
  for (const a of results.attributes) {
    for (const [name, interval] of Object.entries(a.aggregate_intervals)) {
      const value = a.aggregates[name];
      if (!interval || value === null || value === undefined) continue;
      intervals++;
      if ((value < interval[0] || value > interval[1]) && !a.aggregate_notes[name]) out.push(`${a.name} ${name} ${value} [${interval.join(', ')}]`);
    }
    for (const g of a.groups) {
      for (const [value, interval, what] of [
        [g.impact_ratio, g.impact_ratio_interval, 'impact_ratio'],
        [g.average_odds_difference, g.average_odds_difference_interval, 'average_odds_difference'],
      ] as const) {
        if (value === null || !interval) continue;
        intervals++;
        if (value < interval[0] || value > interval[1]) out.push(`${a.name} ${Object.values(g.key).join(' × ')} ${what} ${value} [${interval.join(', ')}]`);
      }
    }
  }
  expect(intervals).toBeGreaterThan(20);
  return out;
}

async function bundled(path: string, configPath: string, overrides: Partial<AuditConfig> = {}, drop: (keyof AuditConfig)[] = []): Promise<AuditResults> {
  const fileConfig = await loadConfigFile(configPath);
  for (const key of drop) delete fileConfig[key];
  return runAudit(await openData([path], { name: fileConfig.dataset }), resolveConfig(fileConfig, overrides));
}

describe('estimates and their intervals', () => {
  it('on the bundled loans data with its decisions', async () => {
    expect(unexplained(await bundled('datasets/loans.parquet', 'configs/loans.yaml'))).toEqual([]);
  });

  it('on the bundled loans data with the score thresholded at 0.7', async () => {
    const results = await bundled('datasets/loans.parquet', 'configs/loans.yaml', { threshold: 0.7 }, ['prediction']);
    expect(results.outcome).toBe('prediction');
    expect(results.columns.prediction).toBeUndefined();
    expect(results.columns.score).toBe('score');
    expect(unexplained(results)).toEqual([]);
  });

  it('on the bundled hiring data, labels only', async () => {
    const results = await bundled('datasets/hiring.parquet', 'configs/hiring.yaml', { label: 'qualified', mode: 'standard' });
    expect(unexplained(results)).toEqual([]);
  });

  it('on a planted table of 30 groups of 40 rows and two of 3000, rates near 0 and 1', async () => {
    const random = testRandom(17);
    const g: string[] = [];
    const y: number[] = [];
    const p: number[] = [];
    const sizes = [...Array.from({ length: 30 }, () => 40), 3000, 3000];
    sizes.forEach((n, k) => {
      const rate = k % 2 === 0 ? 0.04 : 0.96;
      for (let i = 0; i < n; i++) {
        g.push(`G${k}`);
        const label = random() < 0.5 ? 1 : 0;
        y.push(label);
        p.push(random() < (label ? rate : 1 - rate * 0.5) ? 1 : 0);
      }
    });
    const table = tableFromArrays({ g: dict(g) as never, y: Int32Array.from(y), p: Int32Array.from(p) });
    const results = await runAudit(tableSource(table, 'planted'), resolveConfig({ label: 'y', prediction: 'p', sensitive: ['g'], bootstrap: 300 }));
    expect(unexplained(results)).toEqual([]);
  });
});
