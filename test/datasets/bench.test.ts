import { beforeAll, describe, expect, it } from 'vitest';
import { BENCH_PLANTED } from '../../scripts/datasets/bench.js';
import { designImbalance } from '../../scripts/datasets/planted.js';
import { generatedRows, ratesBy, standardError, type Row } from './naive.js';

const N = 20_000;
let rows: Row[];

beforeAll(() => {
  rows = generatedRows('bench', N, 7);
});

describe('bench dataset', () => {
  it('has three sensitive attributes with 2, 5 and 4 levels and six other columns', () => {
    const levels = (column: string) => new Set(rows.map((r) => r[column])).size;
    expect([levels('sex'), levels('race'), levels('age_group')]).toEqual([2, 5, 4]);
    expect(Object.keys(rows[0])).toEqual(['sex', 'race', 'age_group', 'region', 'product', 'channel', 'income', 'tenure_months', 'balance', 'label', 'prediction', 'score']);
    expect(rows.every((r) => Object.values(r).every((v) => v !== null))).toBe(true);
  });

  it('has a design whose group rates average to the overall rate', () => {
    // Age: 0.15·0.47 + 0.40·0.56 + 0.30·0.54 + 0.15·0.49 = 0.0705 + 0.224 + 0.162 + 0.0735 = 0.53.
    expect(designImbalance(BENCH_PLANTED)).toBeLessThan(1e-12);
  });

  it('recovers the planted prediction rate of every group within 3 standard errors', () => {
    for (const [attribute, planted] of Object.entries(BENCH_PLANTED.attributes)) {
      const observed = ratesBy(rows, attribute, 'prediction');
      for (const [group, expected] of Object.entries(planted.rates) as [string, number][]) {
        const { n, rate } = observed.get(group)!;
        expect(Math.abs(rate - expected), `${attribute}=${group}`).toBeLessThan(3 * standardError(expected, n));
      }
    }
  });

  it('predicts 1 exactly when the score is at least 0.5', () => {
    expect(rows.every((r) => r.prediction === ((r.score as number) >= 0.5 ? 1 : 0))).toBe(true);
  });
});
