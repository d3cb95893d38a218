import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { attribute, audit, group, plainMaeDifferenceInterval, testRandom } from './fixtures.js';

interface Row {
  g: string;
  y: number | null;
  p: number | null;
  w: number;
}

/** A plain implementation: the group's complete rows, then each metric by a loop. */
function plain(rows: Row[], g: string) {
  const mine = rows.filter((r) => r.g === g && r.y !== null && r.p !== null) as { y: number; p: number; w: number }[];
  const W = mine.reduce((s, r) => s + r.w, 0);
  const mean = (f: (r: { y: number; p: number }) => number) => mine.reduce((s, r) => s + r.w * f(r), 0) / W;
  const meanY = mean((r) => r.y);
  const sse = mine.reduce((s, r) => s + r.w * (r.p - r.y) ** 2, 0);
  const sst = mine.reduce((s, r) => s + r.w * (r.y - meanY) ** 2, 0);
  return {
    n: W,
    mean_label: meanY,
    mean_prediction: mean((r) => r.p),
    mean_error: mean((r) => r.p - r.y),
    mae: mean((r) => Math.abs(r.p - r.y)),
    rmse: Math.sqrt(sse / W),
    r2: 1 - sse / sst,
    predictions: mine.map((r) => r.p),
  };
}

function tableOfRows(rows: Row[]) {
  return tableFromArrays({
    g: rows.map((r) => r.g),
    y: Float64Array.from(rows, (r) => r.y ?? NaN),
    p: Float64Array.from(rows, (r) => r.p ?? NaN),
    w: Float64Array.from(rows, (r) => r.w),
  });
}

function randomRows(seed: number, n: number): Row[] {
  const random = testRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    const g = ['a', 'b', 'c'][i % 3];
    const y = Math.round(random() * 1000) / 10 + (g === 'b' ? 5 : 0);
    const p = y + Math.round((random() - 0.5) * 200) / 10 + (g === 'c' ? 3 : 0);
    return { g, y: random() < 0.05 ? null : y, p: random() < 0.05 ? null : p, w: 1 };
  });
}

const CONFIG = { label: 'y', prediction: 'p', sensitive: ['g'], task: 'regression' as const, min_group_size: 0 };

describe('regression metrics', () => {
  it('give each group n, means, mean error, MAE, RMSE and R² as a row-by-row computation does', async () => {
    const rows = randomRows(11, 600);
    const { analysis } = await audit(tableOfRows(rows), CONFIG);
    for (const g of ['a', 'b', 'c']) {
      const expected = plain(rows, g);
      const got = group(analysis, 'g', g).regression!;
      expect(got.n).toBe(expected.n);
      for (const k of ['mean_label', 'mean_prediction', 'mean_error', 'mae', 'rmse', 'r2'] as const) expect(got[k]).toBeCloseTo(expected[k], 9);
    }
  });

  it('match a table worked by hand', async () => {
    // a: (y, ŷ) = (1, 2), (3, 3) → errors 1, 0: MAE 0.5, RMSE √0.5, ȳ = 2, SST = 2, SSE = 1, R² = 0.5.
    // b: (2, 1), (4, 6) → errors −1, 2: mean error 0.5, MAE 1.5, RMSE √2.5, SST = 2, SSE = 5, R² = −1.5.
    const rows: Row[] = [
      { g: 'a', y: 1, p: 2, w: 1 },
      { g: 'a', y: 3, p: 3, w: 1 },
      { g: 'b', y: 2, p: 1, w: 1 },
      { g: 'b', y: 4, p: 6, w: 1 },
    ];
    const { analysis } = await audit(tableOfRows(rows), CONFIG);
    const a = group(analysis, 'g', 'a').regression!;
    const b = group(analysis, 'g', 'b').regression!;
    expect([a.mae, a.rmse, a.r2, a.mean_error]).toEqual([0.5, Math.sqrt(0.5), 0.5, 0.5]);
    expect([b.mae, b.rmse, b.r2, b.mean_error]).toEqual([1.5, Math.sqrt(2.5), -1.5, 0.5]);
    const aggregates = attribute(analysis, 'g').aggregates;
    expect(aggregates.mae_difference).toBe(1);
    expect(aggregates.mae_ratio).toBeCloseTo(0.5 / 1.5, 12);
    expect(aggregates.max_mae).toBe(1.5);
    // Predictions a {2, 3}, b {1, 6}: the CDFs differ most at 1 (0 vs ½) and at 3 (1 vs ½): KS ½;
    // W1 = ∫|F_a − F_b| = ½·(2 − 1) + 0·(3 − 2) + ½·(6 − 3) = 2.
    expect(aggregates.ks_distance).toBe(0.5);
    expect(aggregates.wasserstein_distance).toBe(2);
  });

  it('measure KS and Wasserstein-1 between groups as sorted arrays do', async () => {
    const rows = randomRows(5, 300).map((r) => ({ ...r, y: r.y ?? 1, p: r.p ?? 2 }));
    const { analysis } = await audit(tableOfRows(rows), CONFIG);
    const preds = ['a', 'b', 'c'].map((g) => plain(rows, g).predictions);
    const cdf = (xs: number[], t: number) => xs.filter((x) => x <= t).length / xs.length;
    let ks = 0;
    let w1 = 0;
    for (let i = 0; i < 3; i++) {
      for (let j = i + 1; j < 3; j++) {
        const points = [...preds[i], ...preds[j]].sort((x, y) => x - y);
        ks = Math.max(ks, ...points.map((t) => Math.abs(cdf(preds[i], t) - cdf(preds[j], t))));
        let area = 0;
        for (let k = 1; k < points.length; k++) area += Math.abs(cdf(preds[i], points[k - 1]) - cdf(preds[j], points[k - 1])) * (points[k] - points[k - 1]);
        w1 = Math.max(w1, area);
      }
    }
    const aggregates = attribute(analysis, 'g').aggregates;
    expect(aggregates.ks_distance).toBeCloseTo(ks, 12);
    expect(aggregates.wasserstein_distance).toBeCloseTo(w1, 9);
  });

  it('take the share above the overall median (the impact ratio of a regression audit) as a direct count does', async () => {
    const rows = randomRows(8, 301).map((r) => ({ ...r, y: r.y ?? 1, p: r.p ?? 2 }));
    const { analysis } = await audit(tableOfRows(rows), CONFIG);
    const all = rows.map((r) => r.p!).sort((x, y) => x - y);
    const median = all[Math.ceil(0.5 * all.length) - 1]; // the smallest value with F ≥ ½
    const shares = ['a', 'b', 'c'].map((g) => {
      const mine = rows.filter((r) => r.g === g);
      return mine.filter((r) => r.p! > median).length / mine.length;
    });
    ['a', 'b', 'c'].forEach((g, i) => expect(group(analysis, 'g', g).regression!.share_above.median).toBeCloseTo(shares[i], 12));
    const aggregates = attribute(analysis, 'g').aggregates;
    expect(aggregates.above_median_difference).toBeCloseTo(Math.max(...shares) - Math.min(...shares), 12);
    expect(aggregates.impact_ratio).toBeCloseTo(Math.min(...shares) / Math.max(...shares), 12);
  });

  it('weigh rows by their weights', async () => {
    const random = testRandom(21);
    const rows = randomRows(21, 200).map((r) => ({ ...r, w: Math.round(random() * 40) / 10 }));
    const { analysis } = await audit(tableOfRows(rows), { ...CONFIG, weight: 'w' });
    for (const g of ['a', 'b', 'c']) {
      const expected = plain(rows, g);
      const got = group(analysis, 'g', g).regression!;
      expect(got.n).toBeCloseTo(expected.n, 9);
      for (const k of ['mean_label', 'mean_prediction', 'mae', 'rmse', 'r2'] as const) expect(got[k]).toBeCloseTo(expected[k], 9);
    }
  });

  it('say R² is undefined for constant labels, and measure constant predictions without dividing by zero', async () => {
    const rows: Row[] = [
      { g: 'a', y: 5, p: 4, w: 1 },
      { g: 'a', y: 5, p: 7, w: 1 },
      { g: 'b', y: 1, p: 3, w: 1 },
      { g: 'b', y: 2, p: 3, w: 1 },
    ];
    const { analysis } = await audit(tableOfRows(rows), CONFIG);
    const a = group(analysis, 'g', 'a').regression!;
    expect(a.r2).toBeNull();
    expect(a.null_reasons?.r2).toMatch(/constant/);
    const b = group(analysis, 'g', 'b').regression!;
    // Constant prediction 3 against labels 1, 2: errors 2, 1; ȳ = 1.5, SST = .5, SSE = 5, R² = −9.
    expect([b.mae, b.mean_prediction, b.r2]).toEqual([1.5, 3, -9]);
  });

  it('describe the label distribution by group in a label-only audit', async () => {
    const rows: Row[] = [
      { g: 'a', y: 1, p: null, w: 1 },
      { g: 'a', y: 2, p: null, w: 1 },
      { g: 'b', y: 2, p: null, w: 1 },
      { g: 'b', y: 4, p: null, w: 1 },
    ];
    const { analysis } = await audit(tableOfRows(rows), { label: 'y', sensitive: ['g'], task: 'regression', min_group_size: 0 });
    const a = group(analysis, 'g', 'a').regression!;
    expect(a.mean_label).toBe(1.5);
    expect(a.mae).toBeNull();
    const aggregates = attribute(analysis, 'g').aggregates;
    expect(aggregates.mean_label_difference).toBe(1.5);
    // Labels {1, 2} against {2, 4}: KS ½ (at 1 and at 2... F_a(2) = 1, F_b(2) = ½), W1 = ½·1 + ½·2 = 1.5.
    expect(aggregates.ks_distance).toBe(0.5);
    expect(aggregates.wasserstein_distance).toBe(1.5);
  });
});

describe('regression intervals', () => {
  it('bootstrap the aggregates with the seed, each interval holding its estimate, like a plain row bootstrap', async () => {
    const random = testRandom(31);
    // Few distinct values per group, so the draws are from the exact rows (no binning).
    const rows: Row[] = Array.from({ length: 400 }, (_, i) => {
      const g = i % 2 ? 'a' : 'b';
      const y = Math.floor(random() * 10);
      return { g, y, p: y + Math.floor(random() * 5) - (g === 'a' ? 1 : 0), w: 1 };
    });
    const config = { ...CONFIG, bootstrap: 2000, seed: 9 };
    const first = await audit(tableOfRows(rows), config);
    const again = await audit(tableOfRows(rows), config);
    const result = attribute(first.analysis, 'g');
    expect(attribute(again.analysis, 'g').aggregate_intervals).toEqual(result.aggregate_intervals);
    for (const [name, interval] of Object.entries(result.aggregate_intervals)) {
      if (!interval) continue;
      expect(interval[0], name).toBeLessThanOrEqual(result.aggregates[name]!);
      expect(interval[1], name).toBeGreaterThanOrEqual(result.aggregates[name]!);
    }
    // A plain stratified bootstrap of the rows: resample each group, take the MAE difference.
    const errors = ['a', 'b'].map((g) => rows.filter((r) => r.g === g).map((r) => Math.abs(r.p! - r.y!))) as [number[], number[]];
    const [plainLo, plainHi] = plainMaeDifferenceInterval(errors, 2000, random);
    const [lo, hi] = result.aggregate_intervals.mae_difference!;
    const width = plainHi - plainLo;
    expect(Math.abs(lo - plainLo)).toBeLessThan(0.15 * width);
    expect(Math.abs(hi - plainHi)).toBeLessThan(0.15 * width);
    expect(result.aggregate_intervals.ks_distance).toBeNull();
  });
});
